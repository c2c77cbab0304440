/** Starts the training lab's worker (see spawnComputeWorker for why this exact form). Browser only. */
export function spawnLabWorker(): Worker {
  return new Worker(new URL('../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lora-rank-lab' });
}
