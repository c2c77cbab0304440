// Householder reflectors with LAPACK's conventions (dlarfg, dlarf), on
// row-major storage. Internal to the package: used by qr and svd.
//
// A reflector is H = I − tau·v·vᵀ with v[0] = 1. It is stored as a
// contiguous slice of a Float64Array whose first slot is *not* read as 1 by
// callers that keep beta there; every function below treats v[off] as 1.

import { norm2 } from './frobeniusNorm.ts';

const SAFMIN = 2.2250738585072014e-308; // dlamch('S')
const EPS = 1.1102230246251565e-16; // dlamch('E') = 2^-53 (LAPACK's epsilon is half an ulp of 1)
const RSAFMN = EPS / SAFMIN; // LAPACK scales by safmin/eps, see dlarfg

/** sqrt(a² + b²) without avoidable overflow, as LAPACK's dlapy2. */
function lapy2(a: number, b: number): number {
  const xa = Math.abs(a);
  const ya = Math.abs(b);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > 1.7976931348623157e308) return w;
  const q = z / w;
  return w * Math.sqrt(1 + q * q);
}

/**
 * dlarfg: given (alpha, x) in v[off .. off+len), finds H with
 * H·(alpha, x) = (beta, 0). On exit v[off] = beta, v[off+1 ..] holds the
 * tail of v (whose head is an implicit 1), and the return value is tau.
 * beta = −sign(alpha)·‖(alpha, x)‖ and tau = (beta − alpha)/beta, so
 * 1 ≤ tau ≤ 2; when x = 0, tau = 0 and beta = alpha keeps its sign (H = I),
 * exactly as LAPACK does, which fixes the signs in Q and R.
 */
export function reflector(v: Float64Array, off: number, len: number): number {
  if (len <= 1) return 0;
  let xnorm = norm2(v, off + 1, off + len);
  if (xnorm === 0) return 0;
  let alpha = v[off];
  // Fortran's SIGN copies the sign bit, so alpha = -0 counts as negative.
  const negative = alpha < 0 || Object.is(alpha, -0);
  let beta = negative ? lapy2(alpha, xnorm) : -lapy2(alpha, xnorm);
  let knt = 0;
  if (Math.abs(beta) < SAFMIN / EPS) {
    // beta may be inaccurate (tiny): rescale x and recompute, as dlarfg.
    do {
      knt++;
      for (let i = off + 1; i < off + len; i++) v[i] *= RSAFMN;
      beta *= RSAFMN;
      alpha *= RSAFMN;
    } while (Math.abs(beta) < SAFMIN / EPS && knt < 20);
    xnorm = norm2(v, off + 1, off + len);
    beta = negative ? lapy2(alpha, xnorm) : -lapy2(alpha, xnorm);
  }
  const tau = (beta - alpha) / beta;
  const f = 1 / (alpha - beta);
  for (let i = off + 1; i < off + len; i++) v[i] *= f;
  for (let j = 0; j < knt; j++) beta *= SAFMIN / EPS;
  v[off] = beta;
  return tau;
}

/**
 * dlarf('Left'): A[r0:r1, c0:c1] ← (I − tau·v·vᵀ)·A[r0:r1, c0:c1], with
 * v = (1, v[voff+1], ...) of length r1 − r0 and A row-major with `lda`
 * columns. Runs along rows: w = vᵀA accumulated row by row, then a rank-one
 * update row by row, so every inner loop is contiguous. `work` needs c1 − c0
 * slots.
 */
export function applyLeft(
  a: Float64Array,
  lda: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  v: Float64Array,
  voff: number,
  tau: number,
  work: Float64Array,
): void {
  if (tau === 0 || c0 >= c1) return;
  const nc = c1 - c0;
  let base = r0 * lda + c0;
  for (let j = 0; j < nc; j++) work[j] = a[base + j];
  // Two rows at a time, so each load of work serves both.
  let i = r0 + 1;
  for (; i + 1 < r1; i += 2) {
    const b0 = i * lda + c0;
    const b1 = b0 + lda;
    const v0 = v[voff + i - r0];
    const v1 = v[voff + i + 1 - r0];
    for (let j = 0; j < nc; j++) work[j] += v0 * a[b0 + j] + v1 * a[b1 + j];
  }
  if (i < r1) {
    base = i * lda + c0;
    const vi = v[voff + i - r0];
    for (let j = 0; j < nc; j++) work[j] += vi * a[base + j];
  }
  for (let j = 0; j < nc; j++) work[j] *= -tau;
  base = r0 * lda + c0;
  for (let j = 0; j < nc; j++) a[base + j] += work[j];
  for (i = r0 + 1; i + 1 < r1; i += 2) {
    const b0 = i * lda + c0;
    const b1 = b0 + lda;
    const v0 = v[voff + i - r0];
    const v1 = v[voff + i + 1 - r0];
    for (let j = 0; j < nc; j++) {
      const wj = work[j];
      a[b0 + j] += v0 * wj;
      a[b1 + j] += v1 * wj;
    }
  }
  if (i < r1) {
    base = i * lda + c0;
    const vi = v[voff + i - r0];
    for (let j = 0; j < nc; j++) a[base + j] += vi * work[j];
  }
}
