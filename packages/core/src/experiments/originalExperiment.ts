import { energyCaptured } from '../spectra/energyCaptured.ts';
import { frobeniusNorm } from '../linalg/frobeniusNorm.ts';
import { loraScale } from '../spectra/loraScale.ts';
import type { Matrix } from '../linalg/matrix.ts';
import { highRankUpdate, lowRankUpdate } from './plantedUpdate.ts';
import { RandomState } from '../random/RandomState.ts';
import { scaledTruncationError } from '../spectra/scaledTruncationError.ts';
import { svd } from '../linalg/svd.ts';

/** One update of the experiment with its spectrum. */
export interface ExperimentUpdate {
  /** The 64 × 64 update. */
  delta: Matrix;
  /** All its singular values, descending. */
  singularValues: Float64Array;
  /** ‖delta‖_F. */
  frobeniusNorm: number;
}

/** A row of the reconstruction-error table: ‖D − c·D_r‖_F / ‖D‖_F. */
export interface ErrorRow {
  r: number;
  /** style update, c = alpha / r */
  styleStandard: number;
  /** facts update, c = alpha / r */
  factsStandard: number;
  /** facts update, c = alpha / sqrt(r) */
  factsRslora: number;
  /** style update, c = alpha / sqrt(r) */
  styleRslora: number;
  /** facts update, c = 1: the Eckart–Young optimum for rank r */
  factsOptimal: number;
}

/** A row of the energy table, as fractions in [0, 1] (× 100 for percent). */
export interface EnergyRow {
  r: number;
  style: number;
  facts: number;
}

/** A row of the scale-factor table. */
export interface ScaleRow {
  r: number;
  /** alpha / r */
  standard: number;
  /** alpha / sqrt(r) */
  rslora: number;
}

/** Everything {@link originalExperiment} computes. */
export interface OriginalExperiment {
  seed: number;
  alpha: number;
  style: ExperimentUpdate;
  facts: ExperimentUpdate;
  /** The top 10 singular values of each update. */
  topSingularValues: { style: number[]; facts: number[] };
  /** r = 2, 4, 8, 16, 32, 48. */
  errors: ErrorRow[];
  /** r = 2, 4, 8, 16, 32. */
  energy: EnergyRow[];
  /** r = 1, 4, 8, 16, 32, 64. */
  scales: ScaleRow[];
}

/** Options of {@link originalExperiment}. */
export interface OriginalExperimentOptions {
  /** lora_alpha of the scaled columns, default 16 as in the article. */
  alpha?: number;
}

const ERROR_RANKS: readonly number[] = [2, 4, 8, 16, 32, 48];
const ENERGY_RANKS: readonly number[] = [2, 4, 8, 16, 32];
const SCALE_RANKS: readonly number[] = [1, 4, 8, 16, 32, 64];

/**
 * Reruns the NumPy experiment of "The LoRA Assumption That Breaks in
 * Production" (2026) and returns every table it printed, plus two columns
 * it left out. With the default seed 42 the numbers equal NumPy's (the
 * reference values are in `test/fixtures/numpy-reference.json`, made by
 * `scripts/numpy_reference.py`).
 *
 * Draw order, from one `RandomState(seed)`: the style update
 * `lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01 })`, then the
 * facts update `highRankUpdate({ d: 64, k: 64, noise: 0.01 })`.
 *
 * The scaled errors use ‖D − c·D_r‖² = ‖D − D_r‖² + (1 − c)²·‖D_r‖²
 * (see {@link scaledTruncationError}), exact for the SVD truncation D_r.
 *
 * @param seed Integer in 0..2^32 − 1, default 42.
 * @param options `{ alpha }`, default 16.
 * @example
 * const exp = originalExperiment();
 * exp.energy[1]; // { r: 4, style: 0.992..., facts: 0.149... }
 * exp.errors[2].factsStandard; // ≈ 1 (r = 8: the scale is 2, see scaledTruncationError)
 */
export function originalExperiment(seed = 42, options: OriginalExperimentOptions = {}): OriginalExperiment {
  const alpha = options.alpha ?? 16;
  if (!Number.isFinite(alpha)) {
    throw new RangeError(`originalExperiment: alpha must be finite; received ${String(alpha)}`);
  }
  const rng = new RandomState(seed);
  const style = describe(lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng }));
  const facts = describe(highRankUpdate({ d: 64, k: 64, noise: 0.01, rng }));
  const s = style.singularValues;
  const f = facts.singularValues;
  return {
    seed,
    alpha,
    style,
    facts,
    topSingularValues: { style: Array.from(s.subarray(0, 10)), facts: Array.from(f.subarray(0, 10)) },
    errors: ERROR_RANKS.map((r) => {
      const standard = loraScale(alpha, r, 'standard');
      const rslora = loraScale(alpha, r, 'rslora');
      return {
        r,
        styleStandard: scaledTruncationError(s, r, standard),
        factsStandard: scaledTruncationError(f, r, standard),
        factsRslora: scaledTruncationError(f, r, rslora),
        styleRslora: scaledTruncationError(s, r, rslora),
        factsOptimal: scaledTruncationError(f, r, 1),
      };
    }),
    energy: ENERGY_RANKS.map((r) => ({ r, style: energyCaptured(s, r), facts: energyCaptured(f, r) })),
    scales: SCALE_RANKS.map((r) => ({
      r,
      standard: loraScale(alpha, r, 'standard'),
      rslora: loraScale(alpha, r, 'rslora'),
    })),
  };
}

function describe(delta: Matrix): ExperimentUpdate {
  return { delta, singularValues: svd(delta, { vectors: false }).s, frobeniusNorm: frobeniusNorm(delta) };
}
