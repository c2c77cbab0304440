import type { AdamConfig, SgdConfig } from './createOptimizer.ts';
import { createTrainer } from './createTrainer.ts';
import type { LoraInit } from './loraAdapter.ts';
import type { LoraScaling } from '../spectra/loraScale.ts';
import type { TrainTask } from './loraGradients.ts';

/** Options of {@link learningRateSweep}. */
export interface LearningRateSweepOptions {
  /** The task every run trains on. */
  task: TrainTask;
  /** Adapter ranks, each in 1..min(d, k). */
  ranks: readonly number[];
  /** Scalings to sweep, default both (`['standard', 'rslora']`). */
  scalings?: readonly LoraScaling[];
  /** The optimizer without its learning rate (the grid supplies it), e.g. `{ type: 'adam' }`. */
  optimizer: Omit<SgdConfig, 'lr'> | Omit<AdamConfig, 'lr'>;
  /** Learning rates to try, each > 0 (e.g. {@link logGrid}). */
  learningRates: readonly number[];
  /** Optimizer steps per run, an integer ≥ 1. */
  steps: number;
  /** `lora_alpha`, > 0. */
  alpha: number;
  /** Seeds of A's initialisation; every (rank, scaling, lr) runs once per seed. Default `[0]`. */
  seeds?: readonly number[];
  /** Initialisation of A, default `'kaiming-uniform'`. */
  init?: LoraInit;
  /** Rows per step, default all (full batch). */
  batchSize?: number;
  /**
   * A run stops early as diverged once its loss is not finite or exceeds
   * this multiple of its starting loss; default 10.
   */
  divergence?: number;
}

/** One finished run of a {@link learningRateSweep}. */
export interface SweepRun {
  /** Position in the sweep, 0-based, and the number of runs in it. */
  index: number;
  total: number;
  rank: number;
  scaling: LoraScaling;
  lr: number;
  seed: number;
  /** Loss on all rows at initialisation. */
  initialLoss: number;
  /** Loss on all rows after the last step taken (NaN or large when diverged). */
  finalLoss: number;
  /** Whether the run stopped early as diverged. */
  diverged: boolean;
  /** Steps taken (less than `steps` when diverged). */
  steps: number;
}

/** How often a run checks for divergence, in steps. */
const CHECK_EVERY = 25;

/**
 * A learning-rate sweep per rank, the method of LoRA Without Regret: for
 * each scaling, rank and seed, train a fresh adapter for a fixed number of
 * steps at every learning rate of a grid and record its final loss. A
 * generator that yields after each run (scaling, then rank, then seed, then
 * learning rate, in the order given), so a Web Worker can stream results
 * and stop between runs; pass the runs to {@link bestLearningRates}.
 *
 * Every run of a rank starts from the same A (its seed) and B = 0 on the
 * same task and batch order, so runs differ only in the learning rate and
 * the scaling.
 *
 * Cost: runs × steps training steps, a step costing about
 * `r·k² + 2·d·r·k` (full batch). The fast setting the README proposes
 * (Adam, d = k = 64, ranks 1, 4, 16, 64 × both scalings × 9 rates from
 * 0.003 to 0.3 × 30 steps = 72 runs) takes about 3 s of CPU in Node; the
 * longest single run (r = 64) about 0.1 s.
 *
 * @throws RangeError for an empty or non-positive learning rate grid, a bad
 *   step count, or bad trainer settings (raised before the first yield).
 * @example
 * const runs = [...learningRateSweep({ task, ranks: [1, 4, 16, 64], optimizer: { type: 'adam' },
 *   learningRates: logGrid(1e-4, 1e-1, 3), steps: 200, alpha: 16 })];
 * bestLearningRates(runs); // best rate and loss per (scaling, rank)
 */
export function* learningRateSweep(options: LearningRateSweepOptions): Generator<SweepRun, void, void> {
  const fn = 'learningRateSweep';
  const {
    task,
    ranks,
    scalings = ['standard', 'rslora'],
    optimizer,
    learningRates,
    steps,
    alpha,
    seeds = [0],
    init,
    batchSize,
    divergence = 10,
  } = options;
  if (learningRates.length === 0 || !learningRates.every((lr) => lr > 0 && lr < Infinity)) {
    throw new RangeError(`${fn}: learningRates must be a non-empty list of finite numbers > 0; received [${learningRates.join(', ')}]`);
  }
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${fn}: steps must be an integer >= 1; received ${String(steps)}`);
  if (!(divergence > 1)) throw new RangeError(`${fn}: divergence must be > 1; received ${String(divergence)}`);
  const config = (rank: number, scaling: LoraScaling, seed: number, lr: number) =>
    ({ task, rank, alpha, scaling, seed, init, batchSize, optimizer: { ...optimizer, lr } }) as Parameters<typeof createTrainer>[0];
  // Validate every setting before the first run, so a bad request fails at once.
  for (const scaling of scalings) for (const rank of ranks) createTrainer(config(rank, scaling, seeds[0] ?? 0, learningRates[0]));
  const total = scalings.length * ranks.length * seeds.length * learningRates.length;
  let index = 0;
  for (const scaling of scalings) {
    for (const rank of ranks) {
      for (const seed of seeds) {
        for (const lr of learningRates) {
          const trainer = createTrainer(config(rank, scaling, seed, lr));
          const initialLoss = trainer.loss();
          let diverged = false;
          let done = 0;
          while (done < steps && !diverged) {
            const h = trainer.run(Math.min(CHECK_EVERY, steps - done));
            done += h.loss.length;
            const last = h.loss[h.loss.length - 1];
            if (!Number.isFinite(last) || last > divergence * initialLoss) diverged = true;
          }
          let finalLoss = trainer.loss();
          if (!Number.isFinite(finalLoss) || finalLoss > divergence * initialLoss) diverged = true;
          if (Number.isNaN(finalLoss)) finalLoss = Infinity;
          yield { index, total, rank, scaling, lr, seed, initialLoss, finalLoss, diverged, steps: done };
          index++;
        }
      }
    }
  }
}

/**
 * A log-spaced grid from `min` to `max` with `perDecade` points per factor
 * of 10, both ends included when `max/min` is a whole number of steps
 * (values are `min·10^(i/perDecade)`, rounded to 12 significant digits so
 * that 1e-3·10^(3/3) prints as 0.01).
 *
 * @example
 * logGrid(1e-4, 1e-1, 2); // [0.0001, 0.000316227766017, 0.001, ..., 0.1]
 */
export function logGrid(min: number, max: number, perDecade: number): number[] {
  if (!(min > 0 && max >= min && max < Infinity)) {
    throw new RangeError(`logGrid: expected 0 < min <= max < Infinity; received min ${min}, max ${max}`);
  }
  if (!Number.isInteger(perDecade) || perDecade < 1) {
    throw new RangeError(`logGrid: perDecade must be a positive integer; received ${String(perDecade)}`);
  }
  const n = Math.floor(Math.log10(max / min) * perDecade + 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((min * 10 ** (i / perDecade)).toPrecision(12)));
}
