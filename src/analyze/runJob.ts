import { planJob } from './planJob.ts';
import { runAdapterTasks, runTask } from './runTask.ts';
import type { AdapterTask, AnalysisJob, AnalysisProgress, AnalysisRow } from './types.ts';

export { MAX_ENTRIES, TOP_K, useExactSvd } from './runTask.ts';

/** Callbacks of {@link runJob}. */
export interface RunJobHooks {
  onProgress(progress: AnalysisProgress): void;
  onRow(row: AnalysisRow): void;
}

/**
 * Runs a whole job in this thread, one matrix after the other (an adapter's
 * modules together, reading neighbouring tensors at once): what the page
 * computes with its pool of workers (`queue.ts`), for Node and for tests.
 * Rows come in file order: first what the headers show (errors, notes), then
 * one per matrix as soon as it is done. Never throws.
 */
export async function runJob(job: AnalysisJob, hooks: RunJobHooks): Promise<void> {
  hooks.onProgress({ fraction: 0, label: 'reading the header' });
  const { rows, tasks } = await planJob(job);
  for (const row of rows) hooks.onRow(row);
  const progress = (i: number) =>
    hooks.onProgress({ fraction: i / tasks.length, label: `${tasks[i]!.name} (${i + 1} of ${tasks.length})` });
  for (let i = 0; i < tasks.length;) {
    const task = tasks[i]!;
    progress(i);
    if (task.kind !== 'adapter') {
      hooks.onRow(await runTask(task));
      i++;
      continue;
    }
    let j = i;
    while (j < tasks.length && tasks[j]!.kind === 'adapter') j++;
    let done = i;
    await runAdapterTasks(tasks.slice(i, j) as AdapterTask[], (row) => {
      hooks.onRow(row);
      if (++done < j) progress(done);
    });
    i = j;
  }
  hooks.onProgress({ fraction: 1, label: 'done' });
}
