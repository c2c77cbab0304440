import * as Comlink from 'comlink';
import type { KernelBackendChoice } from '@lora-rank/core';
import { createWorkerPool, CancelledError, type TaskContext } from '../runtime/workerPool.ts';
import type { WorkerLike } from '../runtime/startWorker.ts';
import { adapterBatches } from './adapterBatches.ts';
import { JobProgress } from './jobProgress.ts';
import { message } from './planJob.ts';
import type { AnalyzeMethods } from './worker.ts';
import type { AdapterTask, AnalysisJob, AnalysisProgress, AnalysisRow, TaskOptions, TensorTask } from './types.ts';

export { CancelledError };

/** The row of a task whose worker failed (out of memory, say): its identity and what went wrong. */
function failedRow({ kind, key, jobId, source, name }: TensorTask | AdapterTask, error: unknown): AnalysisRow {
  return { kind, key, jobId, source, name, status: 'error', message: `${name}: ${message(error)}` };
}

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
        const onProgress = (fraction: number) => void (context.live() && (progress.update(task.key, fraction), report()));
        return api.analyze(task, options, Comlink.proxy(onProgress), lender(context));
      });
    } catch (e) {
      if (e instanceof CancelledError || cancelled.has(task.jobId)) throw new CancelledError();
      row = failedRow(task, e);
    }
    progress.finish(task.key);
    callbacks.onRow(row);
    report();
  }

  /** A batch of an adapter's modules in one worker (see adapterBatches): rows arrive a few at a time while it runs. */
  async function analyzeAdapter(batch: AdapterTask[], callbacks: JobCallbacks, progress: JobProgress): Promise<void> {
    const report = () => callbacks.onProgress(progress.view());
    let done = 0;
    const deliver = (rows: AnalysisRow[]) => {
      for (const row of rows) {
        progress.finish(row.key);
        callbacks.onRow(row);
        done++;
        const next = batch[done];
        if (next) progress.start(next.key, next.name);
      }
      report();
    };
    try {
      const last = await pool.run(batch[0]!.jobId, async (api, context) => {
        progress.start(batch[0]!.key, batch[0]!.name);
        report();
        // Streamed rows come through the callback's own channel, the rest with the reply: they may
        // arrive in either order, so the reply says how many were streamed and we wait for them.
        let streamed = 0;
        let wake = () => {};
        const onRows = (rows: AnalysisRow[]) => {
          if (!context.live()) return;
          deliver(rows);
          streamed++;
          wake();
        };
        const reply = await api.analyzeAdapter(batch, options, Comlink.proxy(onRows));
        while (streamed < reply.streamed) await new Promise<void>((resolve) => (wake = resolve));
        return reply.rows;
      });
      deliver(last);
    } catch (e) {
      if (e instanceof CancelledError || cancelled.has(batch[0]!.jobId)) throw new CancelledError();
      deliver(batch.slice(done).map((task) => failedRow(task, e)));
    }
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
      // An adapter's modules go in batches, in file order (neighbouring tensors are read together); other tasks one by one.
      const modules = plan.tasks.filter((t): t is AdapterTask => t.kind === 'adapter').sort((a, b) => a.a.loc.start - b.a.loc.start);
      const others = plan.tasks.filter((t) => t.kind !== 'adapter');
      await Promise.all([
        ...adapterBatches(modules, pool.size).map((batch) => analyzeAdapter(batch, callbacks, progress)),
        ...others.map((task) => analyze(task, callbacks, progress)),
      ]);
    },
    cancel(jobId) {
      cancelled.add(jobId);
      pool.cancel(jobId);
    },
    dispose: () => pool.dispose(),
  };
}
