import * as Comlink from 'comlink';
import type { AnalyzeApi } from '../../workers/analyzeApi.ts';
import type { WorkerLike } from '../computeClient.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from './types.ts';

/** Rejection reason of a job the reader cancelled. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

export interface JobCallbacks {
  onProgress(progress: AnalysisProgress): void;
  onRow(row: AnalysisRow): void;
}

export interface AnalysisQueue {
  /** Queues a job; resolves when it is done, rejects with CancelledError if cancelled. */
  run(job: AnalysisJob, callbacks: JobCallbacks): Promise<void>;
  /** Cancels a queued or running job: a running one's worker is terminated. */
  cancel(jobId: string): void;
  /** Cancels everything. */
  dispose(): void;
}

interface Entry {
  job: AnalysisJob;
  callbacks: JobCallbacks;
  resolve: () => void;
  reject: (e: unknown) => void;
  worker?: WorkerLike;
}

/**
 * Runs analysis jobs, each in its own worker, at most `concurrency` at a
 * time (each may hold a large matrix in memory). Cancelling is terminate:
 * a running SVD cannot be interrupted any other way.
 */
export function createAnalysisQueue({ spawn, concurrency = 2 }: { spawn: () => WorkerLike; concurrency?: number }): AnalysisQueue {
  const waiting: Entry[] = [];
  const running = new Map<string, Entry>();

  function pump() {
    while (running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift()!;
      start(entry);
    }
  }

  function finish(entry: Entry) {
    if (running.get(entry.job.id) !== entry) return false;
    running.delete(entry.job.id);
    entry.worker?.terminate();
    pump();
    return true;
  }

  function start(entry: Entry) {
    running.set(entry.job.id, entry);
    const worker = spawn();
    entry.worker = worker;
    const onError = (event: ErrorEvent) => {
      if (finish(entry)) entry.reject(new Error(`The analysis worker failed${event?.message ? `: ${event.message}` : ''}`));
    };
    worker.addEventListener('error', onError as (event: never) => void);
    const api = Comlink.wrap<AnalyzeApi>(worker as unknown as Comlink.Endpoint);
    api
      .analyze(entry.job, Comlink.proxy(entry.callbacks.onProgress), Comlink.proxy(entry.callbacks.onRow))
      .then(
        () => {
          if (finish(entry)) entry.resolve();
        },
        (error: unknown) => {
          if (finish(entry)) entry.reject(error);
        },
      );
  }

  return {
    run(job, callbacks) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ job, callbacks, resolve, reject });
        pump();
      });
    },
    cancel(jobId) {
      const i = waiting.findIndex((e) => e.job.id === jobId);
      if (i >= 0) {
        waiting.splice(i, 1)[0].reject(new CancelledError());
        return;
      }
      const entry = running.get(jobId);
      if (entry && finish(entry)) entry.reject(new CancelledError());
    },
    dispose() {
      for (const e of waiting.splice(0)) e.reject(new CancelledError());
      for (const e of [...running.values()]) if (finish(e)) e.reject(new CancelledError());
    },
  };
}
