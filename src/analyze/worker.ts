import { runJob } from './runJob.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from './types.ts';

/**
 * What the analysis worker exposes: one call per job. Files arrive as
 * File/Blob objects (structured clone passes a handle, not the bytes: the
 * worker reads them slice by slice itself, and nothing leaves the browser).
 * Progress and rows come back through callbacks the page wraps with
 * `Comlink.proxy` (through which each call returns a promise). Cancelling a
 * job terminates its worker.
 */
export const analyzeMethods = {
  async analyze(
    job: AnalysisJob,
    onProgress: (progress: AnalysisProgress) => unknown,
    onRow: (row: AnalysisRow) => unknown,
  ): Promise<void> {
    // Rows go through Comlink proxies, on ports of their own: wait until the
    // page has received each one, so that none arrives after "done".
    const delivered: Promise<unknown>[] = [];
    await runJob(job, {
      onProgress: (progress) => void onProgress(progress),
      onRow: (row) => delivered.push(Promise.resolve(onRow(row))),
    });
    await Promise.all(delivered);
  },
};

export type AnalyzeMethods = typeof analyzeMethods;
