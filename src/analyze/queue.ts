import * as Comlink from 'comlink';
import type { AnalyzeMethods } from './worker.ts';
import type { WorkerLike } from '../runtime/computeClient.ts';
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
}

/**
 * Runs analysis jobs on a pool of `concurrency` workers, spawned up front so
 * that every script the analysis needs is loaded before the reader picks a
 * file: reading and analyzing then makes no network request at all. A
 * worker runs one job at a time (each may hold a large matrix in memory)
 * and is reused. Cancelling a running job terminates its worker (a running
 * SVD cannot be interrupted any other way) and spawns a replacement.
 */
export function createAnalysisQueue({ spawn, concurrency = 2 }: { spawn: () => WorkerLike; concurrency?: number }): AnalysisQueue {
  interface Slot {
    worker: WorkerLike;
    api: Comlink.Remote<AnalyzeMethods>;
    entry?: Entry;
  }
  const waiting: Entry[] = [];
  let disposed = false;

  /** Gives a slot a fresh worker whose failures reject the slot's job. */
  function attach(slot: Partial<Slot>): Slot {
    const worker = spawn();
    slot.worker = worker;
    slot.api = Comlink.wrap<AnalyzeMethods>(worker as unknown as Comlink.Endpoint);
    worker.addEventListener('error', ((event: ErrorEvent) => {
      const entry = slot.entry;
      if (slot.worker !== worker || !entry) return;
      replace(slot as Slot);
      entry.reject(new Error(`The analysis worker failed${event?.message ? `: ${event.message}` : ''}`));
    }) as (event: never) => void);
    return slot as Slot;
  }

  const slots: Slot[] = Array.from({ length: concurrency }, () => attach({}));

  function replace(slot: Slot) {
    slot.worker.terminate();
    slot.entry = undefined;
    if (disposed) return;
    attach(slot);
    pump();
  }

  function pump() {
    for (const slot of slots) {
      if (slot.entry || waiting.length === 0 || disposed) continue;
      const entry = waiting.shift()!;
      slot.entry = entry;
      // Messages the worker posted before it was terminated can still arrive: once the job is
      // settled (cancelled, failed or done), its callbacks are not called again, so a late
      // progress report cannot mark a cancelled job as running.
      const live = () => slot.entry === entry;
      const onProgress = (p: AnalysisProgress) => void (live() && entry.callbacks.onProgress(p));
      const onRow = (row: AnalysisRow) => void (live() && entry.callbacks.onRow(row));
      slot.api
        .analyze(entry.job, Comlink.proxy(onProgress), Comlink.proxy(onRow))
        .then(
          () => done(slot, entry, () => entry.resolve()),
          (error: unknown) => done(slot, entry, () => entry.reject(error)),
        );
    }
  }

  function done(slot: Slot, entry: Entry, deliver: () => void) {
    if (slot.entry !== entry) return; // cancelled: already rejected
    slot.entry = undefined;
    deliver();
    pump();
  }

  return {
    run(job, callbacks) {
      if (disposed) return Promise.reject(new Error('The analysis queue was disposed.'));
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
      const slot = slots.find((s) => s.entry?.job.id === jobId);
      if (!slot) return;
      const entry = slot.entry!;
      replace(slot);
      entry.reject(new CancelledError());
    },
    dispose() {
      disposed = true;
      for (const e of waiting.splice(0)) e.reject(new CancelledError());
      for (const slot of slots) {
        const entry = slot.entry;
        slot.worker.terminate();
        slot.entry = undefined;
        entry?.reject(new CancelledError());
      }
    },
  };
}
