/**
 * Starts the site's compute worker. The `new Worker(new URL(…, import.meta.url))`
 * form is what Vite recognizes: it bundles the worker as an ES module and
 * emits its URL under Astro's `base`, so deployments under /<repo>/ work.
 * Call only in the browser (inside onMount/$effect).
 */
export function spawnComputeWorker(): Worker {
  return new Worker(new URL('../workers/compute.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lora-rank-compute',
  });
}
