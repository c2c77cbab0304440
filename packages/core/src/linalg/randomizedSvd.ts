import { assertFinite } from './assertFinite.ts';
import { type Matrix, matrix } from './matrix.ts';
import { qr } from './qr.ts';
import { RandomState } from '../random/RandomState.ts';
import { svd } from './svd.ts';
import { transpose } from './transpose.ts';

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
 *   The test matrix is drawn as `Ωᵀ = RandomState(seed).randn(l, n)`.
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
  const { rows: m, cols: n, data } = a;
  // Ω is drawn as its transpose, l × n: the products below take their
  // right-hand factors as rows, so every inner loop runs along contiguous memory.
  let q = qr(timesTransposed(data, m, n, rng.randn(l, n).data, l)).q; // m × l
  for (let i = 0; i < powerIterations; i++) {
    const z = qr(transpose(matrix(l, n, transposeTimes(q.data, l, data, m, n)))).q; // n × l
    q = qr(timesTransposed(data, m, n, transpose(z).data, l)).q;
  }
  // Qᵀ·A (l × n) has the singular values that approximate A's top l.
  const { s } = svd(matrix(l, n, transposeTimes(q.data, l, data, m, n)), { vectors: false });
  return { s: s.slice(0, keep) };
}

/**
 * `A · Wᵀ` for row-major A (m × n) and W (l × n), as an m × l matrix: each
 * entry is a dot product of two contiguous rows, four at a time so that each
 * entry of A is loaded once per four products.
 */
function timesTransposed(A: Float64Array, m: number, n: number, W: Float64Array, l: number): Matrix {
  const out = matrix(m, l);
  const Y = out.data;
  const l4 = l - (l % 4);
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    const yi = i * l;
    let t = 0;
    for (; t < l4; t += 4) {
      const w0 = t * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n; j++) {
        const x = A[ai + j];
        s0 += x * W[w0 + j];
        s1 += x * W[w1 + j];
        s2 += x * W[w2 + j];
        s3 += x * W[w3 + j];
      }
      Y[yi + t] = s0;
      Y[yi + t + 1] = s1;
      Y[yi + t + 2] = s2;
      Y[yi + t + 3] = s3;
    }
    for (; t < l; t++) {
      const w0 = t * n;
      let s0 = 0;
      for (let j = 0; j < n; j++) s0 += A[ai + j] * W[w0 + j];
      Y[yi + t] = s0;
    }
  }
  return out;
}

/**
 * `Qᵀ · A` for row-major Q (m × l) and A (m × n), as l × n row-major data:
 * row i of A is added into the l output rows with weights Q[i, ·], four
 * output rows at a time, every inner loop along contiguous rows.
 */
function transposeTimes(Q: Float64Array, l: number, A: Float64Array, m: number, n: number): Float64Array {
  const Z = new Float64Array(l * n);
  const l4 = l - (l % 4);
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    const qi = i * l;
    let t = 0;
    for (; t < l4; t += 4) {
      const q0 = Q[qi + t];
      const q1 = Q[qi + t + 1];
      const q2 = Q[qi + t + 2];
      const q3 = Q[qi + t + 3];
      const z0 = t * n;
      const z1 = z0 + n;
      const z2 = z1 + n;
      const z3 = z2 + n;
      for (let j = 0; j < n; j++) {
        const x = A[ai + j];
        Z[z0 + j] += q0 * x;
        Z[z1 + j] += q1 * x;
        Z[z2 + j] += q2 * x;
        Z[z3 + j] += q3 * x;
      }
    }
    for (; t < l; t++) {
      const q0 = Q[qi + t];
      const z0 = t * n;
      for (let j = 0; j < n; j++) Z[z0 + j] += q0 * A[ai + j];
    }
  }
  return Z;
}
