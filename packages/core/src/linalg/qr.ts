import { arena } from '../kernels/arena.ts';
import { NB, blockOfReflectors } from './applyReflectors.ts';
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

/** The blocked factorization from this many multiply-adds (m·n·min(m, n)) on, with more than NB columns. */
const BLOCKED_MIN = 64 * 64 * 64;

/**
 * dgeqrf in place on a row-major m × n array: on exit its upper triangle
 * (trapezoid) is R and the entries below the diagonal are zero; the
 * reflectors are returned separately, each stored contiguously so that
 * applying it runs along rows. Small problems run unblocked (dgeqr2);
 * large ones blocked on the kernels. The reflectors go into `into` when
 * given (at least min(m, n)·m entries, contents not read: a scratch array),
 * otherwise into a new array. @internal
 */
export function factorQR(a: Float64Array, m: number, n: number, into?: Float64Array): Reflectors {
  const k = Math.min(m, n);
  if (k > NB && m * n * k >= BLOCKED_MIN) return blockedFactorQR(a, m, n, into);
  const tails = into?.subarray(0, k * m) ?? new Float64Array(k * m);
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
 * dgeqrf: panels of NB columns factored unblocked (dgeqr2, each reflector
 * applied within the panel only), then the panel's reflectors applied to
 * the columns to its right at once, Hᵀ·C = C − V·Tᵀ·(Vᵀ·C) (dlarft +
 * dlarfb 'L', 'T'): three matrix products on the kernels, with A kept in
 * the kernels' memory (an arena) throughout. The same reflectors as dgeqr2
 * up to rounding (LAPACK's dgeqrf blocks the same way from 128 columns on).
 */
function blockedFactorQR(a: Float64Array, m: number, n: number, into?: Float64Array): Reflectors {
  const k = Math.min(m, n);
  const tails = into?.subarray(0, k * m) ?? new Float64Array(k * m);
  const taus = new Float64Array(k);
  const work = new Float64Array(n);
  // Arena layout (element offsets): A (m × n), the panel's Vᵀ (NB × m), G
  // and T (NB × NB each), W and TW (NB × n each).
  const V0 = m * n;
  const G0 = V0 + NB * m;
  const T0 = G0 + NB * NB;
  const W0 = T0 + NB * NB;
  const TW0 = W0 + NB * n;
  const ar = arena(TW0 + NB * n);
  const F = ar.data;
  try {
    F.set(a.subarray(0, m * n));
    for (let j0 = 0; j0 < k; j0 += NB) {
      const ib = Math.min(NB, k - j0);
      const jb = j0 + ib;
      for (let j = j0; j < jb; j++) {
        const off = j * m;
        for (let i = j; i < m; i++) tails[off + i - j] = F[i * n + j];
        const tau = reflector(tails, off, m - j);
        taus[j] = tau;
        F[j * n + j] = tails[off];
        for (let i = j + 1; i < m; i++) F[i * n + j] = 0;
        applyLeft(F, n, j, m, j + 1, jb, tails, off, tau, work);
      }
      const nc = n - jb;
      if (nc === 0) continue;
      // C = A[j0:m, jb:n]: W = Vᵀ·C, TW = −Tᵀ·W, C += V·TW.
      const len = m - j0;
      blockOfReflectors(ar, V0, G0, T0, m, tails, taus, j0, ib);
      for (let l = 0; l < ib * NB; l += NB) for (let p = 0; p < NB; p++) F[T0 + l + p] = -F[T0 + l + p];
      const cAt = j0 * n + jb;
      F.fill(0, W0, W0 + ib * nc);
      ar.gemm(ib, nc, len, V0, len, 1, cAt, n, 1, W0, nc);
      F.fill(0, TW0, TW0 + ib * nc);
      ar.gemm(ib, nc, ib, T0, 1, NB, W0, nc, 1, TW0, nc);
      ar.gemm(len, nc, ib, V0, 1, len, TW0, nc, 1, cAt, n);
    }
    a.set(F.subarray(0, m * n));
  } finally {
    ar.release();
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
