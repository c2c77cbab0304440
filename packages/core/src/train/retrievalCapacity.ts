import { associationTask } from './associationTask.ts';
import { createTrainer } from './createTrainer.ts';
import { assertRank } from './loraAdapter.ts';
import type { LoraScaling } from '../spectra/loraScale.ts';
import { recallMeasures } from './recallMeasures.ts';
import { retrievalTask } from './retrievalTask.ts';

/** Options of {@link retrievalCapacity}. */
export interface RetrievalCapacityOptions {
  /** Value dimension d. */
  d: number;
  /** Key dimension k. */
  k: number;
  /** Adapter rank r, in 1..min(d, k). */
  rank: number;
  /** Seed of the facts (keys, values) and of A. */
  seed: number;
  /** Share of facts that must be retrieved, default 0.9. */
  level?: number;
  /** Most optimizer steps per training run, default 2000. */
  maxSteps?: number;
  /** Steps between accuracy checks (a run stops at the first check that meets the level), default 100. */
  checkEvery?: number;
  /** Adam's learning rate, default 0.01. */
  lr?: number;
  /** `lora_alpha`, default 16. */
  alpha?: number;
  /** Scaling, default `'standard'`. */
  scaling?: LoraScaling;
  /** Softmax temperature of the retrieval loss, default 0.1 (see {@link retrievalTask}). */
  temperature?: number;
  /** First N tried (then doubled while the adapter succeeds), default 8. */
  startN?: number;
  /** Largest N tried, default 4096. */
  maxN?: number;
  /** Stop bisecting when the bracket is within this share of N (and ≤ 1 apart for small N), default 0.02. */
  tolerance?: number;
  /** Called after each training run (to stream progress). */
  onProbe?: (probe: CapacityProbe) => void;
}

/** One training run of the search: N facts, the best accuracy reached and when. */
export interface CapacityProbe {
  /** Number of facts N (and of candidates). */
  n: number;
  /** Highest retrieval accuracy over the checks of the run. */
  accuracy: number;
  /** Steps taken (fewer than maxSteps when the level was met early). */
  steps: number;
  /** Whether the accuracy met the level. */
  success: boolean;
}

/** The largest number of facts a rank-r adapter retrieved. */
export interface RetrievalCapacity {
  rank: number;
  seed: number;
  /** Trainable parameters `r·(d + k)`. */
  parameters: number;
  /** Largest N whose run met the level (0 if none did). */
  n: number;
  /** Facts retrieved at that N (accuracy·N). */
  retrieved: number;
  /** `retrieved·log₂ N`: the bits the adapter holds to pick each fact's value among N. */
  bits: number;
  /** Smallest N that failed (the bracket's upper end), or null if none failed up to maxN. */
  failedAt: number | null;
  /** Every run, in the order tried. */
  probes: CapacityProbe[];
}

/**
 * Capacity as information: the largest number N of random key → value
 * facts (N keys in R^k, N random values in R^d, the values also the N
 * candidates) that a LoRA adapter of rank r trained on the retrieval loss
 * ({@link retrievalTask}) retrieves at ≥ `level` (default 90 %), and the bits
 * that represents, `retrieved·log₂ N`, to set against its `r·(d + k)`
 * parameters ({@link bitsPerParameter}).
 *
 * Search: N starts at `startN` and doubles while runs succeed, then the
 * bracket [largest success, smallest failure] is bisected until it is
 * within `tolerance` of N. Each run draws its facts from `seed` (the first
 * N·k normals are the keys, so keys are shared across N), trains a fresh
 * adapter (A from `seed`, B = 0; Adam, full batch) and checks the accuracy
 * every `checkEvery` steps, stopping at the first check that meets the
 * level. Success is assumed monotone in N (nearly so in practice); the
 * result depends on the training budget (maxSteps, lr) like any measured
 * capacity.
 *
 * Cost: a retrieval step costs about `2·N²·d` (logits and their gradient),
 * and runs that fail take all maxSteps, so the search is dominated by its
 * largest N: at d = k = 32 one search takes 0.1 s of CPU at r = 1 and up to
 * about a minute at r ≥ 16 (N near 180, about 12 runs), which is why the
 * article's figure is computed by a script (`npm run capacity`) into a
 * committed JSON fixture rather than in the browser.
 *
 * @throws RangeError for a rank outside 1..min(d, k) or bad search settings.
 * @example
 * const cap = retrievalCapacity({ d: 16, k: 16, rank: 4, seed: 0 });
 * cap.n; // largest N retrieved at ≥ 90 %: 46
 * cap.bits / cap.parameters; // bits per parameter of this adapter
 */
export function retrievalCapacity(options: RetrievalCapacityOptions): RetrievalCapacity {
  const fn = 'retrievalCapacity';
  const {
    d,
    k,
    rank,
    seed,
    level = 0.9,
    maxSteps = 2000,
    checkEvery = 100,
    lr = 0.01,
    alpha = 16,
    scaling = 'standard',
    temperature = 0.1,
    startN = 8,
    maxN = 4096,
    tolerance = 0.02,
    onProbe,
  } = options;
  assertRank(fn, rank, d, k);
  if (!(level > 0 && level <= 1)) throw new RangeError(`${fn}: level must be in (0, 1]; received ${String(level)}`);
  for (const [name, v] of [
    ['maxSteps', maxSteps],
    ['checkEvery', checkEvery],
    ['startN', startN],
    ['maxN', maxN],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${name} must be a positive integer; received ${String(v)}`);
  }
  if (startN < 2 || startN > maxN) throw new RangeError(`${fn}: need 2 <= startN <= maxN; received ${startN} and ${maxN}`);
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`${fn}: tolerance must be in [0, 1); received ${String(tolerance)}`);

  const probes: CapacityProbe[] = [];
  function probe(n: number): CapacityProbe {
    const facts = associationTask({ kind: 'facts', n, d, k, seed });
    const trainer = createTrainer({
      task: retrievalTask(facts, { temperature, seed }),
      rank,
      alpha,
      scaling,
      seed,
      optimizer: { type: 'adam', lr },
    });
    let accuracy = 0;
    let steps = 0;
    while (steps < maxSteps && accuracy < level) {
      const chunk = Math.min(checkEvery, maxSteps - steps);
      trainer.run(chunk);
      steps += chunk;
      accuracy = Math.max(accuracy, recallMeasures(facts, trainer.outputs(facts.keys)).retrievalAccuracy);
    }
    const p = { n, accuracy, steps, success: accuracy >= level };
    probes.push(p);
    onProbe?.(p);
    return p;
  }

  let best: CapacityProbe | null = null;
  let failedAt: number | null = null;
  for (let n = startN; ; n = Math.min(2 * n, maxN)) {
    const p = probe(n);
    if (!p.success) {
      failedAt = n;
      break;
    }
    best = p;
    if (n === maxN) break;
  }
  if (failedAt !== null) {
    let lo = best?.n ?? 1;
    let hi = failedAt;
    while (hi - lo > Math.max(1, tolerance * lo)) {
      const mid = Math.floor((lo + hi) / 2);
      const p = probe(mid);
      if (p.success) {
        lo = mid;
        best = p;
      } else {
        hi = mid;
      }
    }
    failedAt = hi;
  }
  const n = best?.n ?? 0;
  const retrieved = best === null ? 0 : Math.round(best.accuracy * best.n);
  return {
    rank,
    seed,
    parameters: rank * (d + k),
    n,
    retrieved,
    bits: n > 1 ? retrieved * Math.log2(n) : 0,
    failedAt,
    probes,
  };
}
