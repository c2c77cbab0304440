import { assertFinite } from '../linalg/assertFinite.ts';
import { type Matrix, assertDimension, matrix } from '../linalg/matrix.ts';
import { RandomState } from '../random/RandomState.ts';

/**
 * A regression task for a LoRA adapter: inputs `x` (`n × k`) and the outputs
 * `y` (`n × d`) that the update should produce, `y_i = T·x_i`.
 *
 * The adapted layer computes `(W0 + Delta)·x` and the target layer
 * `(W0 + T)·x`, so the frozen `W0` cancels from the residual
 * `(Delta − T)·x` and never needs to be stored: the loss is
 * `L = (1/(n·d)) Σ_i ‖Delta·x_i − y_i‖²`, the mean of the squared error
 * over all `n·d` output entries (over the batch's `m·d` entries for a
 * mini-batch).
 */
export interface RegressionTask {
  /** Discriminates the task types accepted by {@link createTrainer}. */
  kind: 'regression';
  /** Inputs, `n × k`, one per row. */
  x: Matrix;
  /** Target outputs of the update, `n × d`, one per row. */
  y: Matrix;
  /** The target update T (`d × k`) when the task was built from one. */
  target?: Matrix;
  /** Seed of the mini-batch order (see {@link createTrainer}). */
  shuffleSeed: number;
}

/** Options of {@link regressionTask}: a target update and a seed… */
export interface RegressionFromTarget {
  /** The target update T, `d × k`, finite (e.g. `lowRankUpdate(...)`). */
  target: Matrix;
  /** Number of inputs, a positive integer; default `2·k`. */
  n?: number;
  /** Seed of the inputs and of the batch order, an integer in 0..2^32 − 1. */
  seed: number;
}

/** …or explicit inputs and outputs. */
export interface RegressionFromData {
  /** Inputs, `n × k`, finite. */
  x: Matrix;
  /** Target outputs, `n × d`, finite. */
  y: Matrix;
  /** Seed of the batch order, default 0. */
  seed?: number;
}

/**
 * Builds a {@link RegressionTask}.
 *
 * From a target: `rng = new RandomState(seed)`, then `x = rng.randn(n, k)`
 * (standard normal inputs, so `xᵀx/n ≈ I` and the full-batch loss is close
 * to `‖Delta − T‖_F² / d`), then one `rng.randomSample(1)` value `u` sets
 * `shuffleSeed = floor(u·2^32)`; `y = x·Tᵀ` is computed once.
 * From data: `x` and `y` are used as given (not copied) and
 * `shuffleSeed = seed`.
 *
 * @throws RangeError naming the first NaN or infinite entry of the target
 *   (or of x, y), for a bad n or seed, or for x and y with different row
 *   counts.
 * @example
 * const target = lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0, rng: new RandomState(1) });
 * const task = regressionTask({ target, n: 128, seed: 2 });
 * [task.x.rows, task.x.cols, task.y.cols]; // [128, 64, 64]
 */
export function regressionTask(options: RegressionFromTarget | RegressionFromData): RegressionTask {
  const fn = 'regressionTask';
  if ('target' in options) {
    const { target, n = 2 * target.cols, seed } = options;
    assertFinite(`${fn}: target`, target);
    assertDimension(`${fn}: n`, n);
    const d = target.rows;
    const k = target.cols;
    const rng = new RandomState(seed);
    const x = rng.randn(n, k);
    const shuffleSeed = Math.floor(rng.randomSample(1)[0] * 2 ** 32);
    const y = matrix(n, d);
    const X = x.data;
    const T = target.data;
    const Y = y.data;
    // y_ij = x_i · t_j: both rows are contiguous.
    for (let i = 0; i < n; i++) {
      const xi = i * k;
      for (let j = 0; j < d; j++) {
        const tj = j * k;
        let acc = 0;
        for (let p = 0; p < k; p++) acc += X[xi + p] * T[tj + p];
        Y[i * d + j] = acc;
      }
    }
    return { kind: 'regression', x, y, target, shuffleSeed };
  }
  const { x, y, seed = 0 } = options;
  assertFinite(`${fn}: x`, x);
  assertFinite(`${fn}: y`, y);
  if (x.rows !== y.rows) {
    throw new RangeError(`${fn}: x and y must have the same number of rows; received ${x.rows} and ${y.rows}`);
  }
  new RandomState(seed); // validates the seed
  return { kind: 'regression', x, y, shuffleSeed: seed };
}
