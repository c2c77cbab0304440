import { assertFinite } from './assertFinite.ts';
import { formQ } from './formQ.ts';
import { applyLeft, reflector } from './householder.ts';
import { type Matrix, matrix } from './matrix.ts';

/** Householder reflectors of a QR factorization, as dgeqrf leaves them. @internal */
export interface Reflectors {
  /** Reflector j is v_j = (1, tails[j·m + 1 .. j·m + m − j)), length m − j. */
  tails: Float64Array;
  taus: Float64Array;
}

/**
 * dgeqr2 in place on a row-major m × n array: on exit its upper triangle
 * (trapezoid) is R and the entries below the diagonal are zero; the
 * reflectors are returned separately, each stored contiguously so that
 * applying it runs along rows. @internal
 */
export function factorQR(a: Float64Array, m: number, n: number): Reflectors {
  const k = Math.min(m, n);
  const tails = new Float64Array(k * m);
  const taus = new Float64Array(k);
  const work = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const off = j * m;
    // Gather column j (rows j..m−1) into a contiguous vector.
    for (let i = j; i < m; i++) tails[off + i - j] = a[i * n + j];
    const tau = reflector(tails, off, m - j);
    taus[j] = tau;
    a[j * n + j] = tails[off];
    for (let i = j + 1; i < m; i++) a[i * n + j] = 0;
    applyLeft(a, n, j, m, j + 1, n, tails, off, tau, work);
  }
  return { tails, taus };
}

/**
 * Reduced QR factorization `A = Q·R` by Householder reflections, with
 * LAPACK's conventions (dgeqrf + dorgqr), so Q and R agree with
 * `np.linalg.qr(A)` to rounding, signs included: each reflector maps its
 * column to `beta = −sign(alpha)·‖x‖`, so a diagonal entry of R is negative
 * when the corresponding pivot was positive, and a column that is already
 * zero below the diagonal is left as is (tau = 0).
 *
 * Shapes, with A m × n and k = min(m, n): Q is m × k with orthonormal
 * columns, R is k × n upper triangular (trapezoidal when m < n). Tall or
 * square: Q m × n, R n × n. Wide: Q m × m, R m × n.
 *
 * @throws RangeError naming the first NaN or infinite entry of A.
 * @example
 * const { q, r } = qr(fromRows([[3, 1], [4, 2]]));
 * // q ≈ [[-0.6, -0.8], [-0.8, 0.6]], r ≈ [[-5, -2.2], [0, 0.4]]
 */
export function qr(a: Matrix): { q: Matrix; r: Matrix } {
  assertFinite('qr', a);
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const work = a.data.slice();
  const reflectors = factorQR(work, m, n);
  const r = matrix(k, n);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < n; j++) r.data[i * n + j] = work[i * n + j];
  }
  return { q: matrix(m, k, formQ(m, k, reflectors)), r };
}
