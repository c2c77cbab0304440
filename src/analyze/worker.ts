import { setKernelBackend } from '@lora-rank/core';
import { serveKernels } from '@lora-rank/core/pool';
import { planJob } from './planJob.ts';
import { runTask } from './runTask.ts';
import type { AnalysisJob, AnalysisRow, JobPlan, TaskOptions, TensorTask } from './types.ts';

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

  /** Lends this worker's cores to another worker's randomized SVD: answers its kernel requests on `port`. */
  lendKernels(port: MessagePort, options: TaskOptions): void {
    setKernelBackend(options.kernels);
    serveKernels(port);
    port.start();
  },
};

export type AnalyzeMethods = typeof analyzeMethods;
