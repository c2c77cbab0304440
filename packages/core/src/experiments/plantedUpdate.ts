import { linspace } from '../linalg/linspace.ts';
import { type Matrix, assertDimension, matrix } from '../linalg/matrix.ts';
import { qr } from '../linalg/qr.ts';
import type { RandomState } from '../random/RandomState.ts';

/** Options of {@link plantedUpdate}. */
export interface PlantedUpdateOptions {
  /** Rows of the update (output dimension), a positive integer. */
  d: number;
  /** Columns of the update (input dimension), a positive integer. */
  k: number;
  /** The planted singular values, p = length ≤ min(d, k), finite and ≥ 0. */
  singularValues: ArrayLike<number>;
  /** Standard deviation of the i.i.d. Gaussian noise added, finite and ≥ 0. */
  noise: number;
  /** The random stream; it is advanced by (d + k)·p + d·k normal draws. */
  rng: RandomState;
}

/**
 * A synthetic weight update with a planted spectrum, drawn exactly as the
 * original NumPy experiment draws it:
 * `U0 = randn(d, p)`, then `V0 = randn(k, p)`, `U = Q of qr(U0)`,
 * `V = Q of qr(V0)`, and `delta = U·diag(s)·Vᵀ + noise·randn(d, k)`.
 * The noise is drawn even when `noise` is 0, so the stream advances the same.
 *
 * @returns delta, `d × k` row-major.
 * @throws RangeError for invalid sizes, p > min(d, k), negative or
 *   non-finite singular values or noise.
 * @example
 * const rng = new RandomState(42);
 * const delta = plantedUpdate({ d: 64, k: 64, singularValues: [5, 3.5, 2, 0.5], noise: 0.01, rng });
 */
export function plantedUpdate({ d, k, singularValues, noise, rng }: PlantedUpdateOptions): Matrix {
  assertDimension('plantedUpdate: d', d);
  assertDimension('plantedUpdate: k', k);
  const p = singularValues.length;
  if (p < 1 || p > Math.min(d, k)) {
    throw new RangeError(
      `plantedUpdate: the number of singular values must be in 1..min(d, k); received ${p}, expected at most ${Math.min(d, k)}`,
    );
  }
  for (let i = 0; i < p; i++) {
    const s = singularValues[i];
    if (!(s >= 0 && s < Infinity)) {
      throw new RangeError(`plantedUpdate: singularValues[${i}] is ${String(s)}; expected finite values >= 0`);
    }
  }
  if (!(noise >= 0 && noise < Infinity)) {
    throw new RangeError(`plantedUpdate: noise must be a finite number >= 0; received ${String(noise)}`);
  }
  const u0 = rng.randn(d, p);
  const v0 = rng.randn(k, p);
  const u = qr(u0).q.data; // d × p
  const v = qr(v0).q.data; // k × p
  // delta[i, j] = Σ_l (u[i, l]·s_l)·v[j, l]: NumPy's (U @ diag(S)) @ V.T, where
  // U @ diag(S) is exactly u[i, l]·s_l.
  const out = matrix(d, k);
  const delta = out.data;
  const us = new Float64Array(p);
  for (let i = 0; i < d; i++) {
    for (let l = 0; l < p; l++) us[l] = u[i * p + l] * singularValues[l];
    for (let j = 0; j < k; j++) {
      let acc = 0;
      for (let l = 0; l < p; l++) acc += us[l] * v[j * p + l];
      delta[i * k + j] = acc;
    }
  }
  const e = rng.randn(d, k).data;
  for (let i = 0; i < delta.length; i++) delta[i] += noise * e[i];
  return out;
}

/** Options of {@link lowRankUpdate}. */
export interface LowRankUpdateOptions {
  /** Rows of the update, a positive integer. */
  d: number;
  /** Columns of the update, a positive integer. */
  k: number;
  /** Number of planted directions, 1..min(d, k). */
  trueRank: number;
  /** Standard deviation of the added Gaussian noise, finite and ≥ 0. */
  noise: number;
  /** The random stream, advanced as in {@link plantedUpdate}. */
  rng: RandomState;
}

/**
 * The original experiment's "style" update: {@link plantedUpdate} with
 * singular values `linspace(5, 0.5, trueRank)` (a few strong directions).
 *
 * @example
 * const rng = new RandomState(42);
 * const style = lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng });
 */
export function lowRankUpdate({ d, k, trueRank, noise, rng }: LowRankUpdateOptions): Matrix {
  if (!Number.isInteger(trueRank) || trueRank < 1) {
    throw new RangeError(`lowRankUpdate: trueRank must be a positive integer; received ${String(trueRank)}`);
  }
  return plantedUpdate({ d, k, singularValues: linspace(5, 0.5, trueRank), noise, rng });
}

/** Options of {@link highRankUpdate}. */
export interface HighRankUpdateOptions {
  /** Rows of the update, a positive integer. */
  d: number;
  /** Columns of the update, a positive integer. */
  k: number;
  /** Standard deviation of the added Gaussian noise, finite and ≥ 0. */
  noise: number;
  /** The random stream, advanced as in {@link plantedUpdate}. */
  rng: RandomState;
}

/**
 * The original experiment's "facts" update: {@link plantedUpdate} with
 * singular values `linspace(3, 0.5, min(d, k))` (full rank, slowly
 * decaying).
 *
 * @example
 * const rng = new RandomState(42);
 * lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng });
 * const facts = highRankUpdate({ d: 64, k: 64, noise: 0.01, rng }); // same stream, as the original
 */
export function highRankUpdate({ d, k, noise, rng }: HighRankUpdateOptions): Matrix {
  assertDimension('highRankUpdate: d', d);
  assertDimension('highRankUpdate: k', k);
  return plantedUpdate({ d, k, singularValues: linspace(3, 0.5, Math.min(d, k)), noise, rng });
}
