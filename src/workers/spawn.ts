/**
 * Starting the site's workers. The `new Worker(new URL(…, import.meta.url))`
 * form is what Vite recognizes: it bundles each worker as an ES module and
 * emits its URL under Astro's `base`, so deployments under /<repo>/ work.
 * Call only in the browser (inside onMount/$effect). This module names the
 * worker files and nothing else, so importing it pulls no demo code in.
 */

/** The article's compute worker: the spectrum, style-vs-facts, original-experiment and scale-factor methods. */
export function spawnComputeWorker(): Worker {
  return new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'lora-rank-compute' });
}

/** The training worker: the lab's sweeps and the capacity experiment. */
export function spawnLabWorker(): Worker {
  return new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'lora-rank-lab' });
}

/** One analysis worker of the analysis page's pool (cancelling a job terminates its worker). */
export function spawnAnalyzeWorker(): Worker {
  return new Worker(new URL('./analyze.worker.ts', import.meta.url), { type: 'module', name: 'lora-rank-analyze' });
}

/** The language-model worker: fine-tunes the shipped base model for the real-model panel. */
export function spawnLmWorker(): Worker {
  return new Worker(new URL('./lm.worker.ts', import.meta.url), { type: 'module', name: 'lora-rank-lm' });
}
