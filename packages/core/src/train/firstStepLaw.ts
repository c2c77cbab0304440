import type { OptimizerConfig } from './createOptimizer.ts';
import { firstOrderDecrease, predictedFirstStepSlope } from './firstOrderDecrease.ts';
import { firstStepLossDrop } from './firstStepLossDrop.ts';
import type { LoraInit } from './loraAdapter.ts';
import type { LoraScaling } from '../spectra/loraScale.ts';
import { type SlopeStatistic, slopeOverSeeds } from './slopeOverSeeds.ts';
import type { TrainTask } from './loraGradients.ts';

/** Options of {@link firstStepLaw}. */
export interface FirstStepLawOptions {
  /** The task, trained full batch. */
  task: TrainTask;
  /** Adapter ranks, each in 1..min(d, k), at least two of them ≥ fromRank. */
  ranks: readonly number[];
  /** Seeds of A's initialisation, one adapter per seed and rank (8 or more for a spread). */
  seeds: readonly number[];
  /** `lora_alpha`, > 0. */
  alpha: number;
  /** `'standard'` (alpha/r) or `'rslora'` (alpha/√r). */
  scaling: LoraScaling;
  /**
   * The optimizer with the training learning rate: the probe search starts
   * at `lr` and halves it (other settings are used as given).
   */
  optimizer: OptimizerConfig;
  /** Initialisation of A, default `'kaiming-uniform'`. */
  init?: LoraInit;
  /** Standard deviation of a Gaussian init. */
  initStd?: number;
  /** Linearity required of the probe, default 0.01 (1 %). */
  tolerance?: number;
  /** Smallest rank in the slope fit, default 2 (see {@link slopeOverSeeds}). */
  fromRank?: number;
  /** Halvings tried before giving up, default 60. */
  maxHalvings?: number;
}

/** The first step's loss drop against rank, measured at a probe learning rate. */
export interface FirstStepLaw {
  /** The ranks, as given. */
  ranks: number[];
  /** The seeds, as given. */
  seeds: number[];
  /** The probe learning rate: the training rate halved until the step is linear. */
  probeLr: number;
  /**
   * The largest `|q(probe)/q(probe/2) − 1|` over ranks and seeds, with
   * `q(lr) = drop(lr)/lr`: how far from linear the probe's drops are (≤ tolerance).
   */
  linearity: number;
  /** `drops[s][i]`: loss drop of seed s, rank i, at the probe rate (full data). */
  drops: Float64Array[];
  /** `firstOrder[s][i]`: the first-order decrease at the probe rate ({@link firstOrderDecrease}). */
  firstOrder: Float64Array[];
  /** Slope of log(drop) on log(r), per seed, with its mean and spread. */
  slope: SlopeStatistic;
  /** The slope the theory predicts ({@link predictedFirstStepSlope}). */
  predictedSlope: number;
}

/**
 * Measures the first-step law as the theory states it: the loss drop of one
 * optimizer step from initialisation, at a probe learning rate small enough
 * that the drop is first-order in the rate, for every rank and seed, and the
 * slope of log(drop) against log(r) per seed (mean ± sd over seeds).
 *
 * The probe: starting from the training rate `optimizer.lr`, the rate is
 * halved until, for every rank and seed, the drop is positive and
 * `drop(lr)/lr` changes by at most `tolerance` when lr halves. From B = 0
 * the first update is exactly linear in lr (only B moves), so for the
 * quadratic regression loss `drop(lr) = a·lr − b·lr²` and the check bounds
 * the second-order share `b·lr/a` by about 2·tolerance; the slope is then
 * that of the first-order decrease to within about 0.02/ln(r_max/r_min)
 * (0.006 for ranks 2 to 64; measured: within 0.01).
 * The probe is one rate for all ranks and seeds, so drops compare directly.
 *
 * Cost: two trainer steps per rank and seed per halving tried: 0.5–1 s of
 * CPU for 8 seeds × 7 ranks (1 to 64) at d = k = 64.
 *
 * @throws RangeError for fewer than two ranks ≥ fromRank, no seeds, bad
 *   trainer settings, or if no probe within maxHalvings is linear (e.g. a
 *   drop that stays ≤ 0).
 * @example
 * const law = firstStepLaw({ task, ranks: [1, 2, 4, 8, 16, 32, 64], seeds: [0, 1, 2, 3, 4, 5, 6, 7],
 *   alpha: 16, scaling: 'standard', optimizer: { type: 'sgd', lr: 0.2 } });
 * `${law.slope.mean.toFixed(2)} ± ${law.slope.sd.toFixed(2)}`; // "-0.97 ± 0.06" on the lab's facts target (d = k = 64), against law.predictedSlope = −1
 */
export function firstStepLaw(options: FirstStepLawOptions): FirstStepLaw {
  const fn = 'firstStepLaw';
  const { task, ranks, seeds, alpha, scaling, optimizer, init, initStd, tolerance = 0.01, fromRank = 2, maxHalvings = 60 } = options;
  if (seeds.length === 0) throw new RangeError(`${fn}: seeds must hold at least one seed; received none`);
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`${fn}: tolerance must be in (0, 1); received ${String(tolerance)}`);
  if (ranks.filter((r) => r >= fromRank).length < 2) {
    throw new RangeError(`${fn}: need at least two ranks >= fromRank = ${fromRank}; received ${ranks.join(', ')}`);
  }
  const at = (lr: number) =>
    seeds.map((seed) =>
      Float64Array.from(
        ranks,
        (rank) => firstStepLossDrop({ task, rank, alpha, scaling, init, initStd, seed, optimizer: { ...optimizer, lr } }).drop,
      ),
    );
  let lr = optimizer.lr;
  let drops = at(lr);
  for (let h = 0; h < maxHalvings; h++) {
    const half = at(lr / 2);
    let worst = 0;
    let positive = true;
    drops.forEach((row, s) =>
      row.forEach((drop, i) => {
        const halfDrop = half[s][i];
        if (!(drop > 0 && halfDrop > 0)) positive = false;
        worst = Math.max(worst, Math.abs(drop / lr / (halfDrop / (lr / 2)) - 1));
      }),
    );
    if (positive && worst <= tolerance) {
      const firstOrder = seeds.map((seed) =>
        Float64Array.from(ranks, (rank) =>
          firstOrderDecrease({ task, rank, alpha, scaling, init, initStd, seed, optimizer: { ...optimizer, lr } }),
        ),
      );
      return {
        ranks: [...ranks],
        seeds: [...seeds],
        probeLr: lr,
        linearity: worst,
        drops,
        firstOrder,
        slope: slopeOverSeeds(ranks, drops, { fromRank }),
        predictedSlope: predictedFirstStepSlope(optimizer.type, scaling),
      };
    }
    lr /= 2;
    drops = half;
  }
  throw new RangeError(
    `${fn}: no probe learning rate down to ${optimizer.lr}·2^-${maxHalvings} gave positive drops linear within ${tolerance}; check the task and optimizer`,
  );
}
