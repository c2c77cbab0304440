// An orthonormal basis of the columns of a tall matrix on the product
// kernels: CholeskyQR2, or shifted CholeskyQR3 when Y is too ill-conditioned
// for it (Fukaya, Kannan, Nakatsukasa, Yamamoto, Yanagisawa, "Shifted
// Cholesky QR for computing the QR factorization of ill-conditioned
// matrices", SIAM J. Sci. Comput. 2020). Two products per round, YᵀY and
// Y·R⁻¹, both m·l² on the kernels, instead of Householder's column-by-column
// passes. Internal to the package: the randomized SVD uses it.

import { type Arena, arena } from '../kernels/arena.ts';
import { factorQR } from './qr.ts';
import { formQ } from './formQ.ts';

const U = 2 ** -53;
/**
 * Rows (columns) per block of the triangular products: a multiple of the
 * micro-kernel's 4; smaller blocks skip more of the zero triangle but pack
 * the tall operand more often. Measured at 4096 × 74, all sizes interleaved
 * in one process: 16 to 28 alike (25 % faster than one block), 36–48 a
 * little slower (core README, Kernels, Measured).
 */
const TRIANGLE_BLOCK = 16;
const NO_Q = new Float64Array(0);

/**
 * `Y = Q·R` for a row-major m × l `Y` (m ≥ l): Q m × l with orthonormal
 * columns, R l × l upper triangular.
 *
 * CholeskyQR2 first (two plain rounds): the second round's Gram matrix
 * G₂ = Q₁ᵀQ₁ measures how orthogonal the first round left Q₁; when
 * max|G₂ − I| ≤ 1/2 (κ(Q₁)² ≤ 3), the second round restores orthogonality
 * to a few units of rounding, as CholeskyQR2 does for κ(Y) up to ~u^(-1/2)
 * (Yamamoto, Nakatsukasa, Yanagisawa, Fukaya 2015). Otherwise (a first
 * Cholesky that fails, or a G₂ far from I: Y too ill-conditioned), shifted
 * CholeskyQR3 from Y: a first round on YᵀY + s·I (the shift
 * s = 11·(m·l + l·(l+1))·u·‖Y‖_F² keeps the factorization defined for
 * condition numbers up to ~1/u), then two plain rounds. A Cholesky failure
 * there (a rank-deficient Y whose null directions the shift leaves too
 * small) falls back to Householder QR. The randomized SVD's well-conditioned
 * sketches thus cost two rounds instead of three. @internal
 */
export function orthonormalize(y: Float64Array, m: number, l: number, into?: Float64Array): { q: Float64Array; r: Float64Array } {
  return orthonormalizeWith(m, l, into ?? true, (F) => F.set(y.subarray(0, m * l)));
}

/**
 * Only the R of {@link orthonormalize} (no m × l Q is made), for the tall
 * m × l Y, given as its l × m transpose (row-major) when `transposed`: an
 * R factor in the kernels' time for the adapter spectra's B and Aᵀ. @internal
 */
export function rFactorOf(y: Float64Array, m: number, l: number, transposed = false): Float64Array {
  return orthonormalizeWith(m, l, false, (F) => {
    if (!transposed) F.set(y.subarray(0, m * l));
    else for (let i = 0; i < l; i++) for (let j = 0; j < m; j++) F[j * l + i] = y[i * m + j];
  }).r;
}

/**
 * orthonormalize with Y written into the workspace's first m × l slot by
 * `fill`; Q into `wantQ` when it is an array (m × l, may be Y's own storage:
 * Y is copied first), in a new array when true, not at all (empty) when false.
 */
function orthonormalizeWith(
  m: number,
  l: number,
  wantQ: boolean | Float64Array,
  fill: (F: Float64Array) => void,
): { q: Float64Array; r: Float64Array } {
  const out = (F: Float64Array, at: number) =>
    wantQ === false ? NO_Q : wantQ === true ? F.slice(at, at + m * l) : (wantQ.set(F.subarray(at, at + m * l)), wantQ);
  // Y and its successive Q's alternate between two m × l slots of one
  // workspace (in the kernels' memory: copied in once, out once), G and R⁻¹
  // share a third, and Y itself is kept in a fourth for the fallbacks.
  const ml = m * l;
  const Y = 2 * ml + l * l;
  const ar = arena(3 * ml + l * l, false); // every slot is written before it is read
  try {
    const F = ar.data;
    fill(F);
    F.copyWithin(Y, 0, ml);
    let fro = 0;
    for (let i = 0; i < ml; i++) fro += F[i] * F[i];
    const fallback = () => {
      const h = householder(F.slice(Y, Y + ml), m, l);
      return { q: wantQ === false ? NO_Q : wantQ === true ? h.q : (wantQ.set(h.q), wantQ), r: h.r };
    };
    if (fro === 0 || !Number.isFinite(fro)) return fallback();
    const round = (from: number, shift: number) => choleskyRound(ar, from, from === 0 ? ml : 0, m, l, shift);
    const first = round(0, 0);
    if (first !== undefined) {
      const second = round(ml, 0);
      if (second !== undefined && second.drift <= 0.5) return { q: out(F, 0), r: upperTimesUpper(second.r, first.r, l) };
    }
    F.copyWithin(0, Y, Y + ml);
    const shift = 11 * (m * l + l * (l + 1)) * U * fro;
    let at = 0;
    let r: Float64Array | undefined;
    for (let k = 0; k < 3; k++) {
      const next = round(at, k === 0 ? shift : 0);
      if (next === undefined) return fallback();
      at = at === 0 ? ml : 0;
      r = r === undefined ? next.r : upperTimesUpper(next.r, r, l);
    }
    return { q: out(F, at), r: r! };
  } finally {
    ar.release();
  }
}

/**
 * One CholeskyQR round on the workspace: G = QᵀQ + shift·I = RᵀR for the
 * m × l Q at `from`, and Q·R⁻¹ written at `to`; `drift` is max|QᵀQ − I| of
 * the input Q (how far from orthonormal it was).
 */
function choleskyRound(
  ar: Arena,
  from: number,
  to: number,
  m: number,
  l: number,
  shift: number,
): { r: Float64Array; drift: number } | undefined {
  const F = ar.data;
  const G = 2 * m * l;
  // QᵀQ, its upper triangle only (all that the drift and the Cholesky factor
  // read), by blocks of rows: each entry is the same sum in the same order as
  // in the full product (the same bits), for about 60 % of its multiply-adds
  // at l = 74. The products overwrite (no zero-fill first).
  for (let i0 = 0; i0 < l; i0 += TRIANGLE_BLOCK) {
    const i1 = Math.min(l, i0 + TRIANGLE_BLOCK);
    ar.gemm(i1 - i0, l - i0, m, from + i0, 1, l, from + i0, l, 1, G + i0 * l + i0, l, false);
  }
  const g = F.slice(G, G + l * l);
  let drift = 0; // max|QᵀQ − I|, from the upper triangle (QᵀQ is symmetric)
  for (let i = 0; i < l; i++) for (let j = i; j < l; j++) drift = Math.max(drift, Math.abs(g[i * l + j] - (i === j ? 1 : 0)));
  for (let i = 0; i < l; i++) g[i * l + i] += shift;
  const r = cholesky(g, l);
  if (r === undefined) return undefined;
  F.set(invertUpper(r, l), G);
  // Q·R⁻¹ by blocks of columns, each from the rows of R⁻¹ above its diagonal
  // block only (the terms left out are products with R⁻¹'s zeros).
  for (let j0 = 0; j0 < l; j0 += TRIANGLE_BLOCK) {
    const j1 = Math.min(l, j0 + TRIANGLE_BLOCK);
    ar.gemm(m, j1 - j0, j1, from, l, 1, G + j0, l, 1, to + j0, l, false);
  }
  return { r, drift };
}

/** Upper-triangular R with RᵀR = G (row-major l × l), or undefined if G is not numerically positive definite. */
function cholesky(g: Float64Array, l: number): Float64Array | undefined {
  const r = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    let d = g[j * l + j];
    for (let k = 0; k < j; k++) d -= r[k * l + j] * r[k * l + j];
    if (!(d > 0)) return undefined;
    const rjj = Math.sqrt(d);
    r[j * l + j] = rjj;
    for (let c = j + 1; c < l; c++) {
      let s = g[j * l + c];
      for (let k = 0; k < j; k++) s -= r[k * l + j] * r[k * l + c];
      r[j * l + c] = s / rjj;
    }
  }
  return r;
}

/** The inverse of an upper-triangular l × l matrix (upper triangular). */
function invertUpper(r: Float64Array, l: number): Float64Array {
  const x = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    x[j * l + j] = 1 / r[j * l + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i * l + k] * x[k * l + j];
      x[i * l + j] = -s / r[i * l + i];
    }
  }
  return x;
}

/** a·b for upper-triangular l × l a and b. */
function upperTimesUpper(a: Float64Array, b: Float64Array, l: number): Float64Array {
  const c = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = 0;
      for (let k = i; k <= j; k++) s += a[i * l + k] * b[k * l + j];
      c[i * l + j] = s;
    }
  }
  return c;
}

function householder(y: Float64Array, m: number, l: number): { q: Float64Array; r: Float64Array } {
  const work = y.slice(0, m * l);
  const reflectors = factorQR(work, m, l);
  const r = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = i; j < l; j++) r[i * l + j] = work[i * l + j];
  return { q: formQ(m, l, reflectors), r };
}
