import { planJob } from './planJob.ts';
import { runTask } from './runTask.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from './types.ts';

export { MAX_ENTRIES, TOP_K, useExactSvd } from './runTask.ts';

/** Callbacks of {@link runJob}. */
export interface RunJobHooks {
  onProgress(progress: AnalysisProgress): void;
  onRow(row: AnalysisRow): void;
}

/**
 * Runs a whole job in this thread, one matrix after the other: what the page
 * computes with its pool of workers (`queue.ts`), for Node and for tests.
 * Rows come in file order: first what the headers show (errors, notes), then
 * one per matrix as soon as it is done. Never throws.
 */
export async function runJob(job: AnalysisJob, hooks: RunJobHooks): Promise<void> {
  hooks.onProgress({ fraction: 0, label: 'reading the header' });
  const { rows, tasks } = await planJob(job);
  for (const row of rows) hooks.onRow(row);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    hooks.onProgress({ fraction: i / tasks.length, label: `${task.name} (${i + 1} of ${tasks.length})` });
    hooks.onRow(await runTask(task));
  }
  hooks.onProgress({ fraction: 1, label: 'done' });
}
