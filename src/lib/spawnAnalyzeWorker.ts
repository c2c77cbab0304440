/**
 * Starts one analysis worker (one per job, so that cancelling a job is
 * terminating its worker). The `new Worker(new URL(…, import.meta.url))`
 * form lets Vite bundle it as an ES module under Astro's `base`.
 * Call only in the browser.
 */
export function spawnAnalyzeWorker(): Worker {
  return new Worker(new URL('../workers/analyze.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lora-rank-analyze',
  });
}
