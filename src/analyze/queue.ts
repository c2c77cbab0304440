import * as Comlink from 'comlink';
import type { KernelBackendChoice } from '@lora-rank/core';
import { createWorkerPool, CancelledError, type TaskContext } from '../runtime/workerPool.ts';
import type { WorkerLike } from '../runtime/startWorker.ts';
import { JobProgress } from './jobProgress.ts';
import { message } from './planJob.ts';
import type { AnalyzeMethods } from './worker.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow, TaskOptions, TensorTask } from './types.ts';

export { CancelledError };

export interface JobCallbacks {
  onProgress(progress: AnalysisProgress): void;
  onRow(row: AnalysisRow): void;
}

export interface AnalysisQueue {
  /** Number of workers. */
  readonly size: number;
  /** Queues a job; resolves when it is done, rejects with CancelledError if cancelled. */
  run(job: AnalysisJob, callbacks: JobCallbacks): Promise<void>;
  /** Cancels a job: its queued tasks are dropped, the workers running its tasks terminated. */
  cancel(jobId: string): void;
  /** Cancels everything. */
  dispose(): void;
}

/**
 * The analysis page's jobs on a pool of `size` analysis workers (see
 * {@link createWorkerPool}). A job is planned in one worker (its headers
 * read, split into one task per matrix), then its tasks are spread over the
 * pool; each row is reported as soon as its task is done, and a large
 * randomized SVD may borrow the workers that are idle. A worker that fails
 * (out of memory, say) gives an error row for its matrix, and the others go
 * on. Callbacks of a cancelled job are never called again.
 */
export function createAnalysisQueue({
  spawn,
  size = 2,
  kernels = 'auto',
}: {
  spawn: () => WorkerLike;
  size?: number;
  kernels?: KernelBackendChoice;
}): AnalysisQueue {
  const pool = createWorkerPool<AnalyzeMethods>({ spawn, size, name: 'analysis worker' });
  const options: TaskOptions = { kernels };
  const cancelled = new Set<string>();

  /** Lends the idle workers' kernels to a task: a port to each, served by its `lendKernels`. */
  const lender = (context: TaskContext<AnalyzeMethods>) =>
    Comlink.proxy(async (max: number) => {
      const ports = await Promise.all(
        context.borrow(max).map(async (helper) => {
          const { port1, port2 } = new MessageChannel();
          await helper.lendKernels(Comlink.transfer(port2, [port2]), options);
          return port1;
        }),
      );
      return Comlink.transfer(ports, ports);
    });

  async function analyze(task: TensorTask, callbacks: JobCallbacks, progress: JobProgress): Promise<void> {
    const report = () => callbacks.onProgress(progress.view());
    let row: AnalysisRow;
    try {
      row = await pool.run(task.jobId, async (api, context) => {
        progress.start(task.key, task.name);
        report();
        // An adapter's module is small: no progress to show, no cores to borrow (and two Comlink proxies fewer).
        if (task.kind === 'adapter') return api.analyze(task, options);
        const onProgress = (fraction: number) => void (context.live() && (progress.update(task.key, fraction), report()));
        return api.analyze(task, options, Comlink.proxy(onProgress), lender(context));
      });
    } catch (e) {
      if (e instanceof CancelledError || cancelled.has(task.jobId)) throw new CancelledError();
      const { kind, key, jobId, source, name } = task;
      row = { kind, key, jobId, source, name, status: 'error', message: `${name}: ${message(e)}` };
    }
    progress.finish(task.key);
    callbacks.onRow(row);
    report();
  }

  return {
    size: pool.size,
    async run(job, callbacks) {
      const plan = await pool.run(job.id, (api, { live }) => {
        if (live()) callbacks.onProgress({ fraction: 0, label: 'reading the header' });
        return api.plan(job);
      });
      if (cancelled.has(job.id)) throw new CancelledError();
      for (const row of plan.rows) callbacks.onRow(row);
      const progress = new JobProgress(plan.tasks.length);
      callbacks.onProgress(progress.view());
      await Promise.all(plan.tasks.map((task) => analyze(task, callbacks, progress)));
    },
    cancel(jobId) {
      cancelled.add(jobId);
      pool.cancel(jobId);
    },
    dispose: () => pool.dispose(),
  };
}
