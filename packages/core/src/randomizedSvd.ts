import { assertFinite } from './assertFinite.ts';
import { matmul } from './matmul.ts';
import { type Matrix, matrix } from './matrix.ts';
import { qr } from './qr.ts';
import { RandomState } from './RandomState.ts';
import { svd } from './svd.ts';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** How many of the largest singular values to return, a positive integer. */
  rank: number;
  /** Extra random directions beyond `rank` (default 10, HMT's recommendation p = 5–10). */
  oversample?: number;
  /**
   * Power (subspace) iterations q, each a pass with Aᵀ and one with A (default 3).
   * Accuracy of σ_j improves like (σ_{l+1}/σ_j)^(2q+1); re-orthonormalising
   * between passes keeps small values from drowning in rounding.
   */
  powerIterations?: number;
  /** Seed of the Gaussian test matrix (a RandomState seed, default 0), or a RandomState to draw from. */
  seed?: number | RandomState;
}

/**
 * The largest singular values of a matrix by randomized subspace iteration
 * (Halko, Martinsson & Tropp 2011, "Finding structure with randomness",
 * Algorithm 4.4): draw an `n × l` Gaussian Ω (l = rank + oversample), take
 * `Q = orth(A·Ω)`, refine with q power iterations `Q = orth(A·orth(Aᵀ·Q))`,
 * then the singular values of the small `l × n` matrix `Qᵀ·A` approximate
 * A's top l, and the top `rank` of them are returned. Cost O(m·n·l·(2q + 2)),
 * far less than a full SVD when l ≪ min(m, n).
 *
 * The values are lower bounds of the true ones (Qᵀ·A is a projection) and,
 * on a decaying spectrum, accurate to ~1e-6 relative or better with the
 * defaults. They are not the whole spectrum: compute `‖A‖_F` separately
 * (`frobeniusNorm`) to turn them into exact energy shares. When
 * `l ≥ min(m, n)` the answer is the exact SVD's, to rounding.
 *
 * @param a An `m × n` matrix, not modified.
 * @param options `{ rank, oversample = 10, powerIterations = 3, seed = 0 }`.
 * @returns `{ s }`: `min(rank, m, n)` values, descending.
 * @throws RangeError for a bad option or a NaN or infinite entry of A.
 * @example
 * const a = lowRankUpdate({ d: 500, k: 400, trueRank: 20, noise: 0.01, rng: new RandomState(1) });
 * randomizedSvd(a, { rank: 8 }).s; // ≈ svd(a, { vectors: false }).s.slice(0, 8)
 */
export function randomizedSvd(a: Matrix, options: RandomizedSvdOptions): { s: Float64Array } {
  const { rank, oversample = 10, powerIterations = 3, seed = 0 } = options;
  if (!Number.isInteger(rank) || rank < 1) {
    throw new RangeError(`randomizedSvd: rank must be a positive integer; received ${String(rank)}`);
  }
  if (!Number.isInteger(oversample) || oversample < 0) {
    throw new RangeError(`randomizedSvd: oversample must be a non-negative integer; received ${String(oversample)}`);
  }
  if (!Number.isInteger(powerIterations) || powerIterations < 0) {
    throw new RangeError(`randomizedSvd: powerIterations must be a non-negative integer; received ${String(powerIterations)}`);
  }
  assertFinite('randomizedSvd', a);
  const p = Math.min(a.rows, a.cols);
  const l = Math.min(rank + oversample, p);
  const keep = Math.min(rank, p);
  if (l === p) return { s: svd(a, { vectors: false }).s.slice(0, keep) };

  const rng = seed instanceof RandomState ? seed : new RandomState(seed);
  let q = qr(matmul(a, rng.randn(a.cols, l))).q; // m × l
  for (let i = 0; i < powerIterations; i++) {
    const z = qr(transposeTimes(a, q)).q; // n × l
    q = qr(matmul(a, z)).q;
  }
  // Qᵀ·A is l × n; its transpose Aᵀ·Q (n × l, tall) has the same singular values.
  const { s } = svd(transposeTimes(a, q), { vectors: false });
  return { s: s.slice(0, keep) };
}

/**
 * `aᵀ · b` without forming aᵀ: row i of a scatters `a[i][j] · b[i]` into row
 * j of the result, so every inner loop runs along contiguous rows.
 */
function transposeTimes(a: Matrix, b: Matrix): Matrix {
  const { rows: m, cols: n } = a;
  const l = b.cols;
  const out = matrix(n, l);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    const bi = i * l;
    for (let j = 0; j < n; j++) {
      const aij = A[ai + j];
      if (aij === 0) continue;
      const cj = j * l;
      for (let t = 0; t < l; t++) C[cj + t] += aij * B[bi + t];
    }
  }
  return out;
}
