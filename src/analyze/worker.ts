import { setKernelBackend } from '@lora-rank/core';
import { serveKernels } from '@lora-rank/core/pool';
import { planJob } from './planJob.ts';
import { runAdapterTasks, runTask } from './runTask.ts';
import type { AdapterTask, AnalysisJob, AnalysisRow, JobPlan, TaskOptions, TensorTask } from './types.ts';

/**
 * What an analysis worker exposes (with Comlink). Files arrive as File/Blob
 * handles (structured clone passes a handle, not the bytes: the worker reads
 * them slice by slice itself, and nothing leaves the browser). The page
 * plans a job in one worker, then spreads its tasks over all of them;
 * callbacks are Comlink proxies. Cancelling a job terminates the workers
 * running its tasks.
 */
export const analyzeMethods = {
  /** Splits a job into its tasks by reading its headers. */
  plan(job: AnalysisJob): Promise<JobPlan> {
    return planJob(job);
  },

  /**
   * Analyzes one matrix. `onProgress` gets its reading progress; `borrow(max)`
   * asks the page for up to `max` idle workers' kernel servers (ports), for a
   * large randomized SVD. Both are optional.
   */
  analyze(
    task: TensorTask,
    options: TaskOptions,
    onProgress?: (fraction: number) => unknown,
    borrow?: (max: number) => Promise<MessagePort[]>,
  ): Promise<AnalysisRow> {
    setKernelBackend(options.kernels);
    return runTask(task, { onProgress: onProgress && ((f) => void onProgress(f)), helpers: borrow });
  },

  /**
   * Analyzes a batch of an adapter's modules, reading neighbouring tensors
   * together (see `runAdapterTasks`). Rows go to `onRows` as they are
   * computed, a tenth of a second's worth at a time, without waiting for the
   * page (whose main thread may be busy drawing); the last ones are
   * returned, with how many calls of `onRows` came before.
   */
  async analyzeAdapter(
    tasks: AdapterTask[],
    options: TaskOptions,
    onRows?: (rows: AnalysisRow[]) => unknown,
  ): Promise<{ rows: AnalysisRow[]; streamed: number }> {
    setKernelBackend(options.kernels);
    let pending: AnalysisRow[] = [];
    let streamed = 0;
    let sent = performance.now();
    await runAdapterTasks(tasks, (row) => {
      pending.push(row);
      if (onRows && performance.now() - sent >= 100) {
        void onRows(pending);
        streamed++;
        pending = [];
        sent = performance.now();
      }
    });
    return { rows: pending, streamed };
  },

  /** Lends this worker's cores to another worker's randomized SVD: answers its kernel requests on `port`. */
  lendKernels(port: MessagePort, options: TaskOptions): void {
    setKernelBackend(options.kernels);
    serveKernels(port);
    port.start();
  },
};

export type AnalyzeMethods = typeof analyzeMethods;
