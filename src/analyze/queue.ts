import * as Comlink from 'comlink';
import { createWorkerPool, CancelledError } from '../runtime/workerPool.ts';
import type { WorkerLike } from '../runtime/startWorker.ts';
import type { AnalyzeMethods } from './worker.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from './types.ts';

export { CancelledError };

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

/**
 * The analysis page's jobs on a pool of `concurrency` analysis workers (see
 * {@link createWorkerPool}): each job is one `analyze` call whose progress and
 * rows come back through Comlink proxies, and are dropped once the job is
 * settled (a cancelled job's terminated worker may still have messages in
 * flight).
 */
export function createAnalysisQueue({ spawn, concurrency = 2 }: { spawn: () => WorkerLike; concurrency?: number }): AnalysisQueue {
  const pool = createWorkerPool<AnalyzeMethods>({ spawn, size: concurrency, name: 'analysis worker' });
  return {
    run(job, callbacks) {
      return pool.run(job.id, (api, live) => {
        const onProgress = (p: AnalysisProgress) => void (live() && callbacks.onProgress(p));
        const onRow = (row: AnalysisRow) => void (live() && callbacks.onRow(row));
        return api.analyze(job, Comlink.proxy(onProgress), Comlink.proxy(onRow));
      });
    },
    cancel: (jobId) => pool.cancel(jobId),
    dispose: () => pool.dispose(),
  };
}
