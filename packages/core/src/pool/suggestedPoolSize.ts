/**
 * How many compute workers to start: the number of logical cores the engine
 * reports (`navigator.hardwareConcurrency`, which Node 21+ also provides,
 * equal to `os.availableParallelism()`), capped at `cap` (default 4: the
 * products are memory-bound beyond a few cores, and each worker holds its
 * own copy of its block), at least 1.
 *
 * @example
 * suggestedPoolSize(); // 2 on a two-core machine
 */
export function suggestedPoolSize(cap = 4): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(cap, Number.isInteger(cores) && cores! > 0 ? cores! : 1));
}
