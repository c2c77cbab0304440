import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import type { LmRunResult, LmRunSpec } from './lmRun.ts';
import { factsSteps } from './factsSteps.ts';

/** What {@link factsCapacitySearch} found for one rank. */
export interface FactsCapacity {
  rank: number;
  /** The largest N tried whose recall reached the threshold (0 if none did). */
  largestN: number;
  /** Facts recalled exactly at that N. */
  recalled: number;
  /** Every trial, in the order run. */
  trials: { n: number; recall: number }[];
}

/**
 * (d) The largest number of facts a LoRA adapter of one rank learns to
 * recall at ≥ `capacityThreshold` (exact recall) within the facts task's
 * fixed budget of steps: N = `capacityStart`, doubled while recall
 * reaches the threshold (up to `capacityMax`), then `capacityBisections`
 * bisection steps between the last success and the first failure. A
 * generator: it yields each run's spec and expects that run's result
 * back (`gen.next(result)`), so the caller decides where runs execute and
 * may time them; its return value is the capacity.
 *
 * Every trial is a fresh run (new facts from the same seed: the first N
 * facts of a larger task are the smaller task's) at the facts task's
 * batch and rate, for {@link factsSteps} steps: as many epochs as the
 * default run up to `factsMaxSteps`, so beyond that cap the capacity is
 * for a budget (larger N get fewer epochs).
 *
 * @example
 * const gen = factsCapacitySearch(settings, 8);
 * let step = gen.next();
 * while (!step.done) step = gen.next(lmRun(base, world, step.value));
 * step.value.largestN;
 */
export function* factsCapacitySearch(settings: LmExperimentSettings, rank: number): Generator<LmRunSpec, FactsCapacity, LmRunResult> {
  const t = settings.facts;
  const thr = settings.capacityThreshold;
  const trials: { n: number; recall: number }[] = [];
  let best = { n: 0, recalled: 0 };
  const spec = (n: number): LmRunSpec => ({
    task: 'facts',
    size: n,
    mode: 'lora',
    rank,
    targets: 'all',
    alpha: settings.alpha,
    lr: t.loraLr,
    steps: factsSteps(settings, n),
    batchSize: t.batchSize,
    seed: settings.capacitySeed,
  });
  function* trial(n: number): Generator<LmRunSpec, boolean, LmRunResult> {
    const r = yield spec(n);
    trials.push({ n, recall: r.recall });
    const ok = r.recall >= thr;
    if (ok && n > best.n) best = { n, recalled: r.recalled };
    return ok;
  }
  let lo = 0;
  let hi = 0;
  let n = settings.capacityStart;
  while (n <= settings.capacityMax) {
    if (yield* trial(n)) {
      lo = n;
      n *= 2;
    } else {
      hi = n;
      break;
    }
  }
  for (let b = 0; b < settings.capacityBisections && hi > 0 && hi - lo > 1; b++) {
    const mid = Math.floor((lo + hi) / 2);
    if (yield* trial(mid)) lo = mid;
    else hi = mid;
  }
  return { rank, largestN: best.n, recalled: best.recalled, trials };
}
