import { RandomState, loraScale } from '@lora-rank/core';
import { highRankUpdate, lowRankUpdate } from '@lora-rank/core/experiments';
import { firstOrderCurves, regressionTask, type FirstOrderCurve } from '@lora-rank/core/train';

/** One rank's scale factors. */
export interface ScalePoint {
  r: number;
  /** α / r */
  standard: number;
  /** α / √r */
  rslora: number;
}

/** Ranks the scale chart samples: powers of two from 1 to `maxRank`. */
export function scaleRanks(maxRank: number): number[] {
  const out: number[] = [];
  for (let r = 1; r <= maxRank; r *= 2) out.push(r);
  return out;
}

/** The scale factors α/r and α/√r against r (both equal α at r = 1). */
export function scaleCurves(alpha: number, maxRank = 1024): ScalePoint[] {
  return scaleRanks(maxRank).map((r) => ({ r, standard: loraScale(alpha, r, 'standard'), rslora: loraScale(alpha, r, 'rslora') }));
}

/** What the first-step chart measures. */
export interface FirstStepRequest {
  target: 'style' | 'facts';
  /** Number of seeds of A (0, 1, …). */
  seeds: number;
  /** Seed of the target update (its inputs use seed + 1, as in the training lab). */
  seed: number;
  alpha: number;
}

/** Ranks of the first-step measurement: d = k = 64, as in the training lab. */
export const FIRST_STEP_RANKS = [1, 2, 4, 8, 16, 32, 64] as const;

/**
 * The first-order loss decrease of the first training step from B = 0, per
 * unit learning rate, against rank, for SGD and Adam under α/r and α/√r,
 * over seeds of A: the quantity the γ²·r (SGD) and γ·r (Adam) laws are
 * about (not the step's size ‖ΔW₁‖, which follows other laws). Measured on
 * the training lab's 64 × 64 target with its Gaussian inputs (n = 128).
 * The relative curves do not depend on α (it cancels, up to Adam's eps).
 */
export function firstStepCurves({ target, seeds, seed, alpha }: FirstStepRequest): FirstOrderCurve[] {
  const rng = new RandomState(seed);
  const update =
    target === 'facts'
      ? highRankUpdate({ d: 64, k: 64, noise: 0.01, rng })
      : lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng });
  const task = regressionTask({ target: update, seed: (seed + 1) % 2 ** 32 });
  return firstOrderCurves({ task, ranks: FIRST_STEP_RANKS, seeds: Array.from({ length: seeds }, (_, i) => i), alpha });
}
