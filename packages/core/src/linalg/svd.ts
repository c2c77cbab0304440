import { wasmKernels } from '../kernels/kernelBackend.ts';
import { applyReflectors } from './applyReflectors.ts';
import { assertFinite } from './assertFinite.ts';
import { bdsdc } from './bdsdc.ts';
import { bdsqr } from './bdsqr.ts';
import { bidiagonalize } from './bidiagonalize.ts';
import { scratch } from './scratch.ts';
import { dqds } from './dqds.ts';
import { type Matrix, matrix } from './matrix.ts';
import { formQ } from './formQ.ts';
import { gemmNN } from './gemmNN.ts';
import { transposeInto } from './gemmNT.ts';
import { factorQR, type Reflectors } from './qr.ts';

/** Options of {@link svd}. */
export interface SvdOptions {
  /**
   * Whether to compute the singular vectors `u` and `vt` (default `true`).
   * With `false` only `s` is returned, several times faster.
   */
  vectors?: boolean;
}

/** A thin singular value decomposition `A = U · diag(s) · Vᵀ`. */
export interface SvdResult {
  /** Left singular vectors, `m × p` with orthonormal columns, p = min(m, n). */
  u: Matrix;
  /** The `p` singular values, descending and non-negative. */
  s: Float64Array;
  /** Right singular vectors transposed, `p × n` with orthonormal rows. */
  vt: Matrix;
}

// LAPACK's dgesvd reduces A to R by QR first when m ≥ mnthr = 1.6·n
// (ilaenv ISPEC = 6): the bidiagonalization then runs on n × n instead of m × n.
const QR_FIRST_RATIO = 1.6;

/**
 * Orders p = min(m, n) from which svd switches algorithm, measured (see the
 * core README). From `dqds` on the singular values come from dqds (dlasq1),
 * with or without vectors, so both calls return the same s (dqds took 0.59×
 * the time of bdsqr at p = 8, 0.32× at 16 and 0.24–0.29× from 32 to 1024).
 * From `divideAndConquer` on (`divideAndConquerJs` on the plain-JS kernels,
 * whose products are slower) the vectors come from divide and conquer
 * (dbdsdc) with the reflectors applied blocked; below it bdsqr rotates Q and
 * P formed explicitly. The whole svd with vectors ran 1.16× faster with
 * divide and conquer at p = 40, 1.4× at 48, 2× at 80–96 and 3.4× at 256 on
 * the wasm kernels, and 0.86× at 64, 1.33× at 96, 1.5× at 256 on the
 * plain-JS ones. Mutable for the tests only.
 * @internal
 */
export const svdThresholds = { dqds: 16, divideAndConquer: 40, divideAndConquerJs: 96 };

/**
 * Thin singular value decomposition of an `m × n` matrix:
 * `A = U · diag(s) · Vᵀ` with `U` `m × p`, `s` of length `p`, `Vᵀ` `p × n`,
 * `p = min(m, n)`, `s` sorted descending and non-negative.
 *
 * Method (LAPACK's, in row-major storage): a wide matrix is decomposed
 * through its transpose; a tall one (m ≥ 1.6·n) is first reduced by QR;
 * Householder bidiagonalization; then the singular values of the
 * bidiagonal by dqds (dlasq1, from p = 16 on) or implicit QR with
 * Demmel–Kahan zero shifts (dbdsqr, below), both of which compute even tiny
 * singular values of graded matrices to high relative accuracy. The vectors
 * come from divide and conquer from p = 40 on (96 on the plain-JS kernels;
 * dbdsdc, then the reflectors
 * applied blocked as dgesdd's dormbr does) or from dbdsqr rotating the
 * explicitly formed Q and P below. `s` is the same with and without
 * vectors. A is scaled by a power of two near its largest entry first (an
 * exact operation), so entries near the overflow or underflow thresholds
 * are safe. With `{ vectors: false }` no rotation or reflector is
 * accumulated.
 *
 * @param a The matrix; it is not modified.
 * @param options `{ vectors }`, default `{ vectors: true }`.
 * @throws RangeError naming the first NaN or infinite entry
 *   ("svd: A[3, 7] is NaN; ...").
 * @throws Error if the QR iteration does not converge within LAPACK's limit
 *   of 6·p² inner steps, or the divide-and-conquer secular equation solver
 *   within 400 steps per root (neither observed in practice).
 * @example
 * const { u, s, vt } = svd(fromRows([[3, 0], [4, 5]]));
 * s; // ≈ [6.7082039325, 2.2360679775] = [√45, √5]
 * svd(fromRows([[3, 0], [4, 5]]), { vectors: false }).s; // the same values
 */
export function svd(a: Matrix, options?: { vectors?: true }): SvdResult;
export function svd(a: Matrix, options: { vectors: false }): { s: Float64Array };
export function svd(a: Matrix, options?: SvdOptions): SvdResult | { s: Float64Array };
export function svd(a: Matrix, options: SvdOptions = {}): SvdResult | { s: Float64Array } {
  assertFinite('svd', a);
  const wantVectors = options.vectors ?? true;
  const transposed = a.rows < a.cols;
  const m = transposed ? a.cols : a.rows;
  const n = transposed ? a.rows : a.cols;

  // Work on a copy with m ≥ n (the transpose of a wide matrix). Values only, nothing returned
  // keeps it: a scratch array (see scratch.ts), and so are the QR's reflectors.
  const w = wantVectors ? new Float64Array(m * n) : scratch('svd.work', m * n);
  if (transposed) {
    transposeInto(a.data, n, m, w);
  } else {
    w.set(a.data);
  }

  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]));
  if (maxAbs === 0) return zeroResult(a, n, wantVectors);
  const exponent = Math.floor(Math.log2(maxAbs));
  scaleByPowerOfTwo(w, -exponent);

  let qr: Reflectors | undefined; // the preliminary QR's reflectors (m-dimensional)
  let b = w;
  let mb = m;
  if (m >= QR_FIRST_RATIO * n && n > 1) {
    qr = factorQR(w, m, n, wantVectors ? undefined : scratch('svd.qr', n * m));
    b = wantVectors ? w.slice(0, n * n) : w.subarray(0, n * n); // R (zeros below the diagonal)
    mb = n;
  }

  const { d, e, left, right } = bidiagonalize(b, mb, n, wantVectors);
  if (!wantVectors) {
    const s = singularValues(d, e);
    scaleByPowerOfTwo(s, exponent);
    return { s };
  }

  // With dqds, the values come from a copy of (d, e) and bdsqr or bdsdc
  // only order the vectors: their values agree with dqds's to rounding
  // (bdsdc's only to a few eps·σ₁, see bdsdc.ts).
  const values = n >= svdThresholds.dqds ? singularValues(d.slice(), e.slice()) : undefined;
  let uFull: Float64Array; // m × n
  let v: Float64Array; // n × n, V (not Vᵀ)
  let order: number[];
  const dcMin = wasmKernels() === undefined ? svdThresholds.divideAndConquerJs : svdThresholds.divideAndConquer;
  if (n >= dcMin) {
    // dgesdd's path: the bidiagonal's own vectors by divide and conquer,
    // then Q·U_B and P·V_B by blocked reflectors on the kernels (dormbr).
    const vb = bdsdc(d, e);
    const ub = new Float64Array(mb * n); // [U_B; 0]
    transposeInto(vb.u, n, n, ub); // column-major U_B is row-major U_Bᵀ
    applyReflectors(ub, mb, n, left);
    v = vb.vt; // VT column-major is V row-major
    applyReflectors(v.subarray(n), n - 1, n, right);
    if (qr === undefined) {
      uFull = ub;
    } else {
      uFull = new Float64Array(m * n);
      uFull.set(ub);
      applyReflectors(uFull, m, n, qr);
    }
    order = Array.from({ length: n }, (_, i) => i); // bdsdc sorts
  } else {
    const ub = formQ(mb, n, left);
    v = formRight(n, right);
    bdsqr(d, e, { u: ub, uRows: mb, v, vRows: n });
    uFull = qr === undefined ? ub : multiply(formQ(m, n, qr), m, n, ub);
    order = descendingOrder(d);
  }

  const s = values ?? Float64Array.from(order, (i) => d[i]);
  scaleByPowerOfTwo(s, exponent);
  // The columns of U (m × n) and V (n × n) in order of decreasing value.
  let uSorted = uFull;
  let vSorted = v;
  if (order.some((c, j) => c !== j)) {
    uSorted = new Float64Array(m * n);
    vSorted = new Float64Array(n * n);
    for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) uSorted[r * n + j] = uFull[r * n + order[j]];
    for (let r = 0; r < n; r++) for (let j = 0; j < n; j++) vSorted[r * n + j] = v[r * n + order[j]];
  }
  if (!transposed) {
    const vt = new Float64Array(n * n);
    transposeInto(vSorted, n, n, vt);
    return { u: matrix(m, n, uSorted), s, vt: matrix(n, n, vt) };
  }
  // Aᵀ = U S Vᵀ, so A = V S Uᵀ: u = V (n × n) and vt = Uᵀ (n × m).
  const uT = new Float64Array(n * m);
  transposeInto(uSorted, m, n, uT);
  return { u: matrix(n, n, vSorted), s, vt: matrix(n, m, uT) };
}

/** The SVD of an all-zero matrix: s = 0, U and V the leading identity columns. */
function zeroResult(a: Matrix, p: number, wantVectors: boolean): SvdResult | { s: Float64Array } {
  const s = new Float64Array(p);
  if (!wantVectors) return { s };
  const u = matrix(a.rows, p);
  const vt = matrix(p, a.cols);
  for (let i = 0; i < p; i++) {
    u.data[i * p + i] = 1;
    vt.data[i * a.cols + i] = 1;
  }
  return { u, s, vt };
}

/**
 * Multiplies in place by 2^k, exactly (no rounding unless the result is
 * subnormal). Done in two steps when 2^k alone would overflow or underflow.
 */
function scaleByPowerOfTwo(x: Float64Array, k: number): void {
  if (k === 0) return;
  const k1 = Math.trunc(k / 2);
  const f1 = 2 ** k1;
  const f2 = 2 ** (k - k1);
  for (let i = 0; i < x.length; i++) x[i] = x[i] * f1 * f2;
}

/**
 * The singular values of the bidiagonal (d, e), descending: dqds from
 * svdThresholds.dqds on (the QR iteration if dqds fails to converge, as dbdsqr
 * falls back), bdsqr below. Overwrites d and e.
 */
function singularValues(d: Float64Array, e: Float64Array): Float64Array {
  if (d.length >= svdThresholds.dqds && dqds(d, e)) return d;
  bdsqr(d, e);
  return Float64Array.from(descendingOrder(d), (i) => d[i]);
}

/** Indices of `d` ordered by decreasing value (ties keep their order). */
function descendingOrder(d: Float64Array): number[] {
  return Array.from(d, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j);
}

/** V = P = G_0 G_1 ··· G_{n−2} as a row-major n × n array; row and column 0 are e_0. @internal */
export function formRight(n: number, right: Reflectors): Float64Array {
  const v = new Float64Array(n * n);
  v[0] = 1;
  if (n === 1) return v;
  const inner = formQ(n - 1, n - 1, right);
  for (let r = 1; r < n; r++) v.set(inner.subarray((r - 1) * (n - 1), r * (n - 1)), r * n + 1);
  return v;
}

/** (m × k) · (k × k), row-major, on the product kernels. */
function multiply(x: Float64Array, m: number, k: number, y: Float64Array): Float64Array {
  const out = new Float64Array(m * k);
  gemmNN(x, y, out, m, k, k);
  return out;
}
