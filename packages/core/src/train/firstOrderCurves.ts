import { predictedFirstStepSlope } from './firstOrderDecrease.ts';
import { type LoraInit, assertRank, loraAdapter } from './loraAdapter.ts';
import { type LoraScaling, loraScale } from '../spectra/loraScale.ts';
import { type SlopeStatistic, slopeOverSeeds } from './slopeOverSeeds.ts';
import { type TrainTask, loraGradients, taskOutputDim } from './loraGradients.ts';

/** Options of {@link firstOrderCurves}. */
export interface FirstOrderCurvesOptions {
  /** The task (full batch). */
  task: TrainTask;
  /** Ranks, each in 1..min(d, k); with fromRank = 2, at least two ≥ 2. */
  ranks: readonly number[];
  /** Seeds of A's initialisation (8 or more for a spread). */
  seeds: readonly number[];
  /** `lora_alpha`, > 0. */
  alpha: number;
  /** Initialisation of A, default `'kaiming-uniform'`. */
  init?: LoraInit;
  /** Standard deviation of a Gaussian init. */
  initStd?: number;
  /** Adam's eps, default 1e-8 (PyTorch's). */
  eps?: number;
  /** Smallest rank in the slope fit, default 2. */
  fromRank?: number;
}

/** One (optimizer, scaling) curve of the first-order decrease against rank. */
export interface FirstOrderCurve {
  optimizer: 'sgd' | 'adam';
  scaling: LoraScaling;
  /** The ranks, as given. */
  ranks: number[];
  /** `perSeed[s][i]`: first-order decrease per unit learning rate, seed s, rank i. */
  perSeed: Float64Array[];
  /** Mean over seeds, per rank. */
  mean: Float64Array;
  /** Sample standard deviation over seeds, per rank (0 for one seed). */
  sd: Float64Array;
  /** `mean` divided by its value at the first rank (the chart's "relative to r = 1" curve). */
  relative: Float64Array;
  /** Slope of log(decrease) on log(r), per seed, mean ± sd. */
  slope: SlopeStatistic;
  /** The theory's slope: −1, 0 (SGD), 0, ½ (Adam). */
  predictedSlope: number;
}

/**
 * What the scale-factor chart's "first step" panel should plot: the
 * first-order loss decrease of the first step from B = 0 per unit learning
 * rate (`lim drop(lr)/lr` as lr → 0, see {@link firstOrderDecrease}), against
 * rank, for SGD and Adam under alpha/r and alpha/√r, over seeds of A.
 *
 * Exact and cheap: at B = 0 the gradient of B is `gamma·G·Aᵀ` with
 * `G = ∂L/∂Delta`, and the rank-r adapter's A is the first r rows of the
 * largest one for the same seed, so one gradient per seed (at the largest
 * rank, gamma = 1) gives `h = G·Aᵀ` for every rank: SGD's decrease is
 * `gamma_r²·Σ h²` and Adam's `Σ (gamma_r·h)²/(|gamma_r·h| + eps)` over the
 * first r columns. Nothing is trained; the cost is one `d·k·r_max` product
 * per seed.
 *
 * @returns Four curves: SGD α/r, SGD α/√r, Adam α/r, Adam α/√r.
 * @example
 * const curves = firstOrderCurves({ task, ranks: [1, 2, 4, 8, 16, 32, 64], seeds: [0, 1, 2, 3, 4, 5, 6, 7], alpha: 16 });
 * curves.map((c) => `${c.optimizer} ${c.scaling}: ${c.slope.mean.toFixed(2)} (predicted ${c.predictedSlope})`);
 */
export function firstOrderCurves(options: FirstOrderCurvesOptions): FirstOrderCurve[] {
  const { task, ranks, seeds, alpha, init, initStd, eps = 1e-8, fromRank = 2 } = options;
  if (seeds.length === 0) throw new RangeError('firstOrderCurves: seeds must hold at least one seed; received none');
  const d = taskOutputDim(task);
  const k = task.x.cols;
  for (const r of ranks) assertRank('firstOrderCurves', r, d, k);
  const rMax = Math.max(...ranks);
  // h[s] = G·A_sᵀ, d × rMax, from one gradient at gamma = 1.
  const h = seeds.map((seed) => {
    const adapter = { ...loraAdapter({ d, k, rank: rMax, alpha, init, initStd, seed }), gamma: 1 };
    return loraGradients(task, adapter).gradB.data;
  });
  const out: FirstOrderCurve[] = [];
  for (const optimizer of ['sgd', 'adam'] as const) {
    for (const scaling of ['standard', 'rslora'] as const) {
      const perSeed = h.map((hs) =>
        Float64Array.from(ranks, (r) => {
          const gamma = loraScale(alpha, r, scaling);
          let sum = 0;
          for (let i = 0; i < d; i++) {
            for (let l = 0; l < r; l++) {
              const g = gamma * hs[i * rMax + l];
              sum += optimizer === 'sgd' ? g * g : (g * g) / (Math.abs(g) + eps);
            }
          }
          return sum;
        }),
      );
      const n = perSeed.length;
      const mean = new Float64Array(ranks.length);
      const sd = new Float64Array(ranks.length);
      for (let i = 0; i < ranks.length; i++) {
        for (const row of perSeed) mean[i] += row[i] / n;
        let ss = 0;
        for (const row of perSeed) ss += (row[i] - mean[i]) ** 2;
        sd[i] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
      }
      out.push({
        optimizer,
        scaling,
        ranks: [...ranks],
        perSeed,
        mean,
        sd,
        relative: mean.map((v) => v / mean[0]),
        slope: slopeOverSeeds(ranks, perSeed, { fromRank }),
        predictedSlope: predictedFirstStepSlope(optimizer, scaling),
      });
    }
  }
  return out;
}
