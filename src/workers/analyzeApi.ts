import { runJob } from '../lib/analysis/runJob.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from '../lib/analysis/types.ts';

/**
 * What the analysis worker exposes: one call per job. Files arrive as
 * File/Blob objects (structured clone passes a handle, not the bytes: the
 * worker reads them slice by slice itself, and nothing leaves the browser).
 * Progress and rows come back through callbacks the page wraps with
 * `Comlink.proxy`. Cancelling a job terminates its worker.
 */
export const analyzeApi = {
  async analyze(
    job: AnalysisJob,
    onProgress: (progress: AnalysisProgress) => void,
    onRow: (row: AnalysisRow) => void,
  ): Promise<void> {
    await runJob(job, { onProgress, onRow });
  },
};

export type AnalyzeApi = typeof analyzeApi;
