// Singular value decomposition of a bidiagonal matrix by divide and conquer:
// a port of LAPACK 3.12's dbdsdc (COMPQ = 'I', UPLO = 'U') with dlasd0
// (the tree), dlasdt, dlasdq (the leaves, on bdsqr), dlasd1 (one merge),
// dlasd2 (deflation), dlasd3 (secular equation through dlasd4, and the
// Gu–Eisenstat recomputation of z that keeps the vectors orthogonal) and
// dlamrg. Internal to the package: svd uses it for the vectors of large
// matrices (Gu & Eisenstat, "A divide-and-conquer algorithm for the
// bidiagonal SVD", 1995).
//
// B is split at a middle row k into two bidiagonals and that row; their
// SVDs (recursively, or by bdsqr for at most SMLSIZ rows) turn B into a
// matrix that is diagonal plus one dense row z, whose SVD is given by the
// roots of a secular equation. The vectors of the merged problem are the
// children's vectors times small dense matrices: matrix products, which run
// on the kernels (WebAssembly SIMD) and make up most of the cost.
//
// Storage follows LAPACK: U and VT are column-major (U(i, j) at
// u[i + j·ld], 0-based), so the Fortran's column copies, row copies and
// DGEMM calls carry over unchanged; arrays are addressed through 1-based
// bases (X(i, j) = x[X + i + j·ld], D(i) = d[D + i]) so every index below
// reads as in the Fortran.
//
// Accuracy: like LAPACK, the splitting (|e_i| < eps after scaling by the
// largest entry), the perturbation of tiny diagonal entries to eps and the
// deflation tolerance (64·eps·max|d|) are absolute, so small singular
// values carry an error of a few eps·‖B‖, not a few eps relative to
// themselves. svd therefore takes the values from dqds and only the vectors
// from here.

import { gemm } from '../kernels/gemm.ts';
import { bdsqr } from './bdsqr.ts';
import { norm2 } from './frobeniusNorm.ts';
import { lasd4, lasd4Info } from './secularEquation.ts';

const EPS = 1.1102230246251565e-16; // dlamch('Epsilon') = 2^-53
const SAFMIN = 2.2250738585072014e-308;

/**
 * Largest subproblem solved by bdsqr at the leaves of the tree (LAPACK's
 * ILAENV(9) = 25).
 */
export const SMLSIZ = 25;

/** Result of {@link bdsdc}. @internal */
export interface BidiagonalSvd {
  /** Left singular vectors, n × n column-major (column j belongs to d[j]). */
  u: Float64Array;
  /** Right singular vectors transposed, n × n column-major (row j belongs to d[j]): V row-major. */
  vt: Float64Array;
}

/**
 * dbdsdc('U', 'I'): the SVD B = U·diag(d)·VT of the n × n upper
 * bidiagonal with diagonal `d` and superdiagonal `e` (both overwritten; on
 * exit `d` holds the singular values in decreasing order). Throws if the
 * secular equation solver does not converge (LAPACK's INFO > 0, not
 * observed in practice).
 * @internal
 */
export function bdsdc(d: Float64Array, e: Float64Array): BidiagonalSvd {
  const n = d.length;
  const u = new Float64Array(n * n);
  const vt = new Float64Array(n * n);
  if (n === 0) return { u, vt };
  if (n === 1) {
    u[0] = d[0] < 0 || Object.is(d[0], -0) ? -1 : 1;
    vt[0] = 1;
    d[0] = Math.abs(d[0]);
    return { u, vt };
  }
  for (let i = 0; i < n; i++) {
    u[i + i * n] = 1;
    vt[i + i * n] = 1;
  }
  if (n <= SMLSIZ) {
    lasdq(n, 0, d, -1, e, -1, u, -1 - n, n, vt, -1 - n, n);
  } else {
    const ws = new Workspace(n);
    // Scale.
    let orgnrm = 0;
    for (let i = 0; i < n; i++) orgnrm = Math.max(orgnrm, Math.abs(d[i]));
    for (let i = 0; i < n - 1; i++) orgnrm = Math.max(orgnrm, Math.abs(e[i]));
    if (orgnrm === 0) return { u, vt };
    lascl(orgnrm, 1, d, 0, n);
    lascl(orgnrm, 1, e, 0, n - 1);
    const eps = 0.9 * EPS;
    for (let i = 0; i < n; i++) if (Math.abs(d[i]) < eps) d[i] = d[i] < 0 || Object.is(d[i], -0) ? -eps : eps;

    // Split at negligible off-diagonal entries; divide and conquer on each piece.
    let start = 1;
    const nm1 = n - 1;
    for (let i = 1; i <= nm1; i++) {
      if (Math.abs(e[i - 1]) < eps || i === nm1) {
        let nsize: number;
        if (i < nm1) {
          nsize = i - start + 1;
        } else if (Math.abs(e[i - 1]) >= eps) {
          nsize = n - start + 1;
        } else {
          // A 1 × 1 subproblem at the end.
          nsize = i - start + 1;
          u[n - 1 + (n - 1) * n] = d[n - 1] < 0 || Object.is(d[n - 1], -0) ? -1 : 1;
          vt[n - 1 + (n - 1) * n] = 1;
          d[n - 1] = Math.abs(d[n - 1]);
        }
        const base = start - 2; // D(1) = d[start − 1]
        const mb = start - 1 + (start - 1) * n - 1 - n; // U(1, 1) = u[(start−1) + (start−1)·n]
        lasd0(nsize, 0, d, base, e, base, u, mb, n, vt, mb, n, ws);
        start = i + 1;
      }
    }
    // Unscale.
    lascl(1, orgnrm, d, 0, n);
  }

  // Selection sort to decreasing order, swapping the vectors along.
  for (let i = 0; i < n - 1; i++) {
    let kk = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] > p) {
        kk = j;
        p = d[j];
      }
    }
    if (kk !== i) {
      d[kk] = d[i];
      d[i] = p;
      for (let r = 0; r < n; r++) {
        const t = u[r + i * n];
        u[r + i * n] = u[r + kk * n];
        u[r + kk * n] = t;
        const s = vt[i + r * n];
        vt[i + r * n] = vt[kk + r * n];
        vt[kk + r * n] = s;
      }
    }
  }
  return { u, vt };
}

/** Work arrays sized for the whole problem, reused by every merge (LAPACK's WORK and IWORK). */
class Workspace {
  readonly z: Float64Array;
  readonly dsigma: Float64Array;
  readonly u2: Float64Array;
  readonly vt2: Float64Array;
  readonly q: Float64Array;
  readonly idx: Int32Array;
  readonly idxc: Int32Array;
  readonly coltyp: Int32Array;
  readonly idxp: Int32Array;
  readonly idxq: Int32Array;
  readonly ctot = new Int32Array(5);
  constructor(n: number) {
    const m = n + 1;
    this.z = new Float64Array(m + 1);
    this.dsigma = new Float64Array(m + 1);
    this.u2 = new Float64Array(n * n);
    this.vt2 = new Float64Array(m * m);
    this.q = new Float64Array(n * n);
    this.idx = new Int32Array(m + 1);
    this.idxc = new Int32Array(m + 1);
    this.coltyp = new Int32Array(m + 1);
    this.idxp = new Int32Array(m + 1);
    this.idxq = new Int32Array(m + 1);
  }
}

/** dlascl for a vector: x[from..to) ← x·(cto/cfrom), in safe steps as LAPACK does. */
function lascl(cfrom: number, cto: number, x: Float64Array, from: number, to: number): void {
  const smlnum = SAFMIN;
  const bignum = 1 / smlnum;
  let cfromc = cfrom;
  let ctoc = cto;
  let done = false;
  while (!done) {
    const cfrom1 = cfromc * smlnum;
    let mul: number;
    if (cfrom1 === cfromc) {
      mul = ctoc / cfromc;
      done = true;
    } else {
      const cto1 = ctoc / bignum;
      if (cto1 === ctoc) {
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smlnum;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bignum;
        ctoc = cto1;
      } else {
        mul = ctoc / cfromc;
        done = true;
        if (mul === 1) return;
      }
    }
    for (let i = from; i < to; i++) x[i] *= mul;
  }
}

/**
 * dlasd0: the SVD of the n × m upper bidiagonal (m = n + sqre) D(1..n),
 * E(1..m−1), into U (n × n) and VT (m × m), both starting as the identity.
 */
function lasd0(
  n: number,
  sqre: number,
  d: Float64Array,
  D: number,
  e: Float64Array,
  E: number,
  u: Float64Array,
  U: number,
  ldu: number,
  vt: Float64Array,
  VT: number,
  ldvt: number,
  ws: Workspace,
): void {
  // If the input matrix is too small, call dlasdq to find the SVD.
  if (n <= SMLSIZ) {
    lasdq(n, sqre, d, D, e, E, u, U, ldu, vt, VT, ldvt);
    return;
  }
  // Set up the computation tree.
  const tree = lasdt(n);
  const { nlvl, nd, inode, ndiml, ndimr } = tree;
  const idxq = ws.idxq; // IDXQ(1..n), 1-based here: idxq[i]

  // For the nodes on the bottom level of the tree, solve their subproblems by dlasdq.
  const ndb1 = (nd + 1) >> 1;
  for (let i = ndb1; i <= nd; i++) {
    const ic = inode[i];
    const nl = ndiml[i];
    const nr = ndimr[i];
    const nlf = ic - nl;
    const nrf = ic + 1;
    lasdq(nl, 1, d, D + nlf - 1, e, E + nlf - 1, u, sub(U, ldu, nlf), ldu, vt, sub(VT, ldvt, nlf), ldvt);
    for (let j = 1; j <= nl; j++) idxq[nlf - 1 + j] = j;
    const sqrei = i === nd ? sqre : 1;
    lasdq(nr, sqrei, d, D + nrf - 1, e, E + nrf - 1, u, sub(U, ldu, nrf), ldu, vt, sub(VT, ldvt, nrf), ldvt);
    for (let j = 1; j <= nr; j++) idxq[ic + j] = j;
  }

  // Now conquer each subproblem bottom-up.
  for (let lvl = nlvl; lvl >= 1; lvl--) {
    // Find the first node LF and last node LL on the current level LVL.
    const lf = lvl === 1 ? 1 : 2 ** (lvl - 1);
    const ll = lvl === 1 ? 1 : 2 * lf - 1;
    for (let i = lf; i <= ll; i++) {
      const ic = inode[i];
      const nl = ndiml[i];
      const nr = ndimr[i];
      const nlf = ic - nl;
      const sqrei = sqre === 0 && i === ll ? sqre : 1;
      const alpha = d[D + ic];
      const beta = e[E + ic];
      lasd1(nl, nr, sqrei, d, D + nlf - 1, alpha, beta, u, sub(U, ldu, nlf), ldu, vt, sub(VT, ldvt, nlf), ldvt, idxq, nlf - 1, ws);
    }
  }
}

/** Base of the square sub-block starting at (k, k) (1-based) of a matrix with base X and leading dimension ld. */
function sub(X: number, ld: number, k: number): number {
  return X + (k - 1) + (k - 1) * ld;
}

/** dlasdt: the tree of subproblems (1-based arrays: node i has centre inode[i], ndiml[i] rows left, ndimr[i] right). */
function lasdt(n: number): { nlvl: number; nd: number; inode: Int32Array; ndiml: Int32Array; ndimr: Int32Array } {
  const maxn = Math.max(1, n);
  const temp = Math.log(maxn / (SMLSIZ + 1)) / Math.log(2);
  const lvl = Math.trunc(temp) + 1;
  const size = 2 ** (lvl + 1) + 1;
  const inode = new Int32Array(size);
  const ndiml = new Int32Array(size);
  const ndimr = new Int32Array(size);
  let i = n >> 1;
  inode[1] = i + 1;
  ndiml[1] = i;
  ndimr[1] = n - i - 1;
  let il = 0;
  let ir = 1;
  let llst = 1;
  for (let nlvl = 1; nlvl <= lvl - 1; nlvl++) {
    // Constructing the tree at (nlvl+1)-st level. The number of nodes
    // created on this level is llst·2.
    for (i = 0; i <= llst - 1; i++) {
      il += 2;
      ir += 2;
      const ncrnt = llst + i;
      ndiml[il] = ndiml[ncrnt] >> 1;
      ndimr[il] = ndiml[ncrnt] - ndiml[il] - 1;
      inode[il] = inode[ncrnt] - ndimr[il] - 1;
      ndiml[ir] = ndimr[ncrnt] >> 1;
      ndimr[ir] = ndimr[ncrnt] - ndiml[ir] - 1;
      inode[ir] = inode[ncrnt] + ndiml[ir] + 1;
    }
    llst *= 2;
  }
  return { nlvl: lvl, nd: llst * 2 - 1, inode, ndiml, ndimr };
}

/**
 * dlasdq('U', sqre, n, ncvt = n + sqre, nru = n, ncc = 0) on U and VT that
 * hold the identity: the SVD of the n × (n + sqre) upper bidiagonal by
 * bdsqr, singular values in increasing order (as the merges expect). The
 * leaf is solved in small row-major copies (bdsqr's layout) and written back.
 */
function lasdq(
  n: number,
  sqre: number,
  d: Float64Array,
  D: number,
  e: Float64Array,
  E: number,
  u: Float64Array,
  U: number,
  ldu: number,
  vt: Float64Array,
  VT: number,
  ldvt: number,
): void {
  if (n === 0) return;
  const np1 = n + 1;
  const m = n + sqre;
  // bdsqr's layout: lu (n × n) holds U row-major, lv (m × n) holds VTᵀ row-major
  // (lv[c·n + r] = VT(r, c)); VT's row n + 1 (sqre = 1) is kept in lastRow.
  const lu = new Float64Array(n * n);
  const lv = new Float64Array(m * n);
  for (let i = 0; i < n; i++) {
    lu[i * n + i] = 1;
    lv[i * n + i] = 1;
  }
  const lastRow = new Float64Array(m);
  if (sqre === 1) lastRow[n] = 1;
  const dd = d.subarray(D + 1, D + 1 + n);
  const ee = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i < n - 1; i++) ee[i] = e[E + 1 + i];

  if (sqre === 1) {
    // The (n + 1)-th column: rotate it into the diagonal, making B lower
    // bidiagonal n × n (rotations from the right, applied to the rows of VT),
    // then back to upper bidiagonal by rotations from the left (applied to U).
    const cs = new Float64Array(n);
    const sn = new Float64Array(n);
    for (let i = 0; i < n - 1; i++) {
      lartg(dd[i], ee[i]);
      dd[i] = rr;
      ee[i] = rs * dd[i + 1];
      dd[i + 1] = rc * dd[i + 1];
      cs[i] = rc;
      sn[i] = rs;
    }
    lartg(dd[n - 1], e[E + n]);
    dd[n - 1] = rr;
    cs[n - 1] = rc;
    sn[n - 1] = rs;
    // dlasr('L', 'V', 'F', n + 1, ncvt, c, s, VT): rotation i mixes rows i, i+1 of VT,
    // i.e. entries i, i+1 of every row of lv (and row n + 1 lives in lastRow).
    for (let col = 0; col < m; col++) {
      const row = col * n;
      for (let i = 0; i < n; i++) {
        const c = cs[i];
        const s = sn[i];
        const x = lv[row + i];
        const y = i + 1 < n ? lv[row + i + 1] : lastRow[col];
        const ny = c * y - s * x;
        lv[row + i] = s * y + c * x;
        if (i + 1 < n) lv[row + i + 1] = ny;
        else lastRow[col] = ny;
      }
    }
    // Lower to upper: rotations from the left, applied to the columns of U.
    for (let i = 0; i < n - 1; i++) {
      lartg(dd[i], ee[i]);
      dd[i] = rr;
      ee[i] = rs * dd[i + 1];
      dd[i + 1] = rc * dd[i + 1];
      cs[i] = rc;
      sn[i] = rs;
    }
    // dlasr('R', 'V', 'F', nru, n, c, s, U): rotation i mixes columns i, i+1.
    for (let r = 0; r < n; r++) {
      const row = r * n;
      for (let i = 0; i < n - 1; i++) {
        const c = cs[i];
        const s = sn[i];
        const x = lu[row + i];
        const y = lu[row + i + 1];
        lu[row + i + 1] = c * y - s * x;
        lu[row + i] = s * y + c * x;
      }
    }
  }

  bdsqr(dd, ee, { u: lu, uRows: n, v: lv, vRows: m });

  // Sort into increasing order (selection sort, one swap per vector).
  for (let i = 0; i < n; i++) {
    let isub = i;
    let smin = dd[i];
    for (let j = i + 1; j < n; j++) {
      if (dd[j] < smin) {
        isub = j;
        smin = dd[j];
      }
    }
    if (isub !== i) {
      dd[isub] = dd[i];
      dd[i] = smin;
      for (let c = 0; c < m; c++) {
        const t = lv[c * n + isub];
        lv[c * n + isub] = lv[c * n + i];
        lv[c * n + i] = t;
      }
      for (let r = 0; r < n; r++) {
        const t = lu[r * n + isub];
        lu[r * n + isub] = lu[r * n + i];
        lu[r * n + i] = t;
      }
    }
  }

  // Write back: U(r, c) = lu[r·n + c]; VT(r, c) = lv[c·n + r], VT(n + 1, c) = lastRow[c].
  for (let c = 1; c <= n; c++) for (let r = 1; r <= n; r++) u[U + r + c * ldu] = lu[(r - 1) * n + c - 1];
  for (let c = 1; c <= m; c++) {
    for (let r = 1; r <= n; r++) vt[VT + r + c * ldvt] = lv[(c - 1) * n + r - 1];
    if (sqre === 1) vt[VT + np1 + c * ldvt] = lastRow[c - 1];
  }
}

// dlartg outputs.
let rc = 0;
let rs = 0;
let rr = 0;

/** dlartg (LAPACK 3.10+): c·f + s·g = r, −s·f + c·g = 0. */
function lartg(f: number, g: number): void {
  const rtmin = Math.sqrt(SAFMIN);
  const rtmax = Math.sqrt(1 / SAFMIN / 2);
  if (g === 0) {
    rc = 1;
    rs = 0;
    rr = f;
  } else if (f === 0) {
    rc = 0;
    rs = g > 0 ? 1 : -1;
    rr = Math.abs(g);
  } else {
    const f1 = Math.abs(f);
    const g1 = Math.abs(g);
    if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax) {
      const dd = Math.sqrt(f * f + g * g);
      rc = f1 / dd;
      rr = f > 0 ? dd : -dd;
      rs = g / rr;
    } else {
      const uu = Math.min(1 / SAFMIN, Math.max(SAFMIN, f1, g1));
      const fs = f / uu;
      const gs = g / uu;
      const dd = Math.sqrt(fs * fs + gs * gs);
      rc = Math.abs(fs) / dd;
      rr = f > 0 ? dd : -dd;
      rs = gs / rr;
      rr *= uu;
    }
  }
}

/** sqrt(x² + y²) without avoidable overflow (dlapy2). */
function lapy2(x: number, y: number): number {
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > 1.7976931348623157e308) return w;
  return w * Math.sqrt(1 + (z / w) ** 2);
}

/**
 * dlasd1: merges the SVDs of the upper (nl × (nl+1)) and lower
 * (nr × (nr+sqre)) bidiagonals, joined by the row (alpha, beta), into the
 * SVD of the n × m bidiagonal (n = nl + nr + 1, m = n + sqre). D(1..n)
 * holds the children's values on entry and the merged values on exit;
 * IDXQ(1..n) (idxq[IQ + i]) sorts them ascending.
 */
function lasd1(
  nl: number,
  nr: number,
  sqre: number,
  d: Float64Array,
  D: number,
  alpha: number,
  beta: number,
  u: Float64Array,
  U: number,
  ldu: number,
  vt: Float64Array,
  VT: number,
  ldvt: number,
  idxq: Int32Array,
  IQ: number,
  ws: Workspace,
): void {
  const n = nl + nr + 1;
  // Scale.
  let orgnrm = Math.max(Math.abs(alpha), Math.abs(beta));
  d[D + nl + 1] = 0;
  for (let i = 1; i <= n; i++) if (Math.abs(d[D + i]) > orgnrm) orgnrm = Math.abs(d[D + i]);
  lascl(orgnrm, 1, d, D + 1, D + 1 + n);
  alpha /= orgnrm;
  beta /= orgnrm;

  // Deflate singular values.
  const k = lasd2(nl, nr, sqre, d, D, alpha, beta, u, U, ldu, vt, VT, ldvt, idxq, IQ, ws);

  // Solve the secular equation and update the singular vectors.
  lasd3(nl, nr, sqre, k, d, D, u, U, ldu, vt, VT, ldvt, ws);

  // Unscale.
  lascl(1, orgnrm, d, D + 1, D + 1 + n);

  // Prepare the IDXQ sorting permutation.
  lamrg(k, n - k, d, D, 1, -1, idxq, IQ);
}

/**
 * dlamrg: INDEX(1..n1+n2) merges the sorted runs A(1..n1) (stride dtrd1)
 * and A(n1+1..n1+n2) (stride dtrd2) into ascending order, as 1-based
 * indices into A.
 */
function lamrg(n1: number, n2: number, a: Float64Array, A: number, dtrd1: number, dtrd2: number, index: Int32Array, IX: number): void {
  let n1sv = n1;
  let n2sv = n2;
  let ind1 = dtrd1 > 0 ? 1 : n1;
  let ind2 = dtrd2 > 0 ? 1 + n1 : n1 + n2;
  let i = 1;
  while (n1sv > 0 && n2sv > 0) {
    if (a[A + ind1] <= a[A + ind2]) {
      index[IX + i] = ind1;
      i++;
      ind1 += dtrd1;
      n1sv--;
    } else {
      index[IX + i] = ind2;
      i++;
      ind2 += dtrd2;
      n2sv--;
    }
  }
  if (n1sv === 0) {
    for (; n2sv > 0; n2sv--) {
      index[IX + i] = ind2;
      i++;
      ind2 += dtrd2;
    }
  } else {
    for (; n1sv > 0; n1sv--) {
      index[IX + i] = ind1;
      i++;
      ind1 += dtrd1;
    }
  }
}

/**
 * dlasd2: builds z, sorts the poles, deflates (tiny z_j, and pairs of
 * poles within tol, rotated together), and prepares U2, VT2 and DSIGMA for
 * lasd3. Returns K, the order of the remaining secular equation; ws.ctot
 * gets the counts of the four column types.
 */
function lasd2(
  nl: number,
  nr: number,
  sqre: number,
  d: Float64Array,
  D: number,
  alpha: number,
  beta: number,
  u: Float64Array,
  U: number,
  ldu: number,
  vt: Float64Array,
  VT: number,
  ldvt: number,
  idxq: Int32Array,
  IQ: number,
  ws: Workspace,
): number {
  const n = nl + nr + 1;
  const m = n + sqre;
  const nlp1 = nl + 1;
  const nlp2 = nl + 2;
  const { z, dsigma, idx, idxc, coltyp, idxp, ctot } = ws;
  const ldu2 = n;
  const ldvt2 = m;
  const u2 = ws.u2;
  const vt2 = ws.vt2;
  const U2 = -1 - ldu2;
  const VT2 = -1 - ldvt2;

  // Generate the first part of the vector z; move the singular values in
  // the first part of D one position backward.
  const z1 = alpha * vt[VT + nlp1 + nlp1 * ldvt];
  z[1] = z1;
  for (let i = nl; i >= 1; i--) {
    z[i + 1] = alpha * vt[VT + i + nlp1 * ldvt];
    d[D + i + 1] = d[D + i];
    idxq[IQ + i + 1] = idxq[IQ + i] + 1;
  }
  // Generate the second part of the vector z.
  for (let i = nlp2; i <= m; i++) z[i] = beta * vt[VT + i + nlp2 * ldvt];

  // Initialize some reference arrays.
  for (let i = 2; i <= nlp1; i++) coltyp[i] = 1;
  for (let i = nlp2; i <= n; i++) coltyp[i] = 2;

  // Sort the singular values into increasing order.
  for (let i = nlp2; i <= n; i++) idxq[IQ + i] += nlp1;
  // DSIGMA, IDXC, IDXC, and the first column of U2 are used as storage space.
  for (let i = 2; i <= n; i++) {
    dsigma[i] = d[D + idxq[IQ + i]];
    u2[U2 + i + ldu2] = z[idxq[IQ + i]];
    idxc[i] = coltyp[idxq[IQ + i]];
  }
  lamrg(nl, nr, dsigma, 1, 1, 1, idx, 1);
  for (let i = 2; i <= n; i++) {
    const idxi = 1 + idx[i];
    d[D + i] = dsigma[idxi];
    z[i] = u2[U2 + idxi + ldu2];
    coltyp[i] = idxc[idxi];
  }

  // Calculate the allowable deflation tolerance.
  let tol = Math.max(Math.abs(alpha), Math.abs(beta));
  tol = 8 * 8 * EPS * Math.max(Math.abs(d[D + n]), tol);

  // There are 2 kinds of deflation -- first a value in the z-vector is
  // small, second two (or more) singular values are very close together
  // (their difference is small). If the value in the z-vector is small, we
  // simply permute the array so that the corresponding singular value is
  // moved to the end. If two values in the D-vector are close, we perform a
  // two-sided rotation designed to make one of the corresponding z-vector
  // entries zero, and then permute the array so that the deflated singular
  // value is moved to the end. If there are multiple singular values then
  // the problem deflates. Here the number of equal singular values are
  // found. As each equal singular value is found, an elementary reflector
  // is computed to rotate the corresponding singular subspace so that the
  // corresponding components of Z are zero in this new basis.
  let k = 1;
  let k2 = n + 1;
  let jprev = 0;
  let allDeflated = false;
  for (let j = 2; j <= n; j++) {
    if (Math.abs(z[j]) <= tol) {
      // Deflate due to small z component.
      k2--;
      idxp[k2] = j;
      coltyp[j] = 4;
      if (j === n) allDeflated = true;
    } else {
      jprev = j;
      break;
    }
  }
  if (!allDeflated) {
    let j = jprev;
    for (;;) {
      j++;
      if (j > n) break;
      if (Math.abs(z[j]) <= tol) {
        // Deflate due to small z component.
        k2--;
        idxp[k2] = j;
        coltyp[j] = 4;
      } else if (d[D + j] - d[D + jprev] <= tol) {
        // Check if singular values are close enough to allow deflation.
        // Deflation is possible.
        let s = z[jprev];
        let c = z[j];
        // Find sqrt(a² + b²) without overflow or destructive underflow.
        const tau = lapy2(c, s);
        c /= tau;
        s = -s / tau;
        z[j] = tau;
        z[jprev] = 0;
        // Apply back the Givens rotation to the left and right singular
        // vector matrices.
        let idxjp = idxq[IQ + idx[jprev] + 1];
        let idxj = idxq[IQ + idx[j] + 1];
        if (idxjp <= nlp1) idxjp--;
        if (idxj <= nlp1) idxj--;
        // drot on columns idxjp, idxj of U (n entries) and rows of VT (m entries).
        for (let r = 1; r <= n; r++) {
          const x = u[U + r + idxjp * ldu];
          const y = u[U + r + idxj * ldu];
          u[U + r + idxjp * ldu] = c * x + s * y;
          u[U + r + idxj * ldu] = c * y - s * x;
        }
        for (let col = 1; col <= m; col++) {
          const x = vt[VT + idxjp + col * ldvt];
          const y = vt[VT + idxj + col * ldvt];
          vt[VT + idxjp + col * ldvt] = c * x + s * y;
          vt[VT + idxj + col * ldvt] = c * y - s * x;
        }
        if (coltyp[j] !== coltyp[jprev]) coltyp[j] = 3;
        coltyp[jprev] = 4;
        k2--;
        for (let jp = jprev; jp <= j - 1; jp++) idxp[k2 + j - 1 - jp] = jp;
        jprev = j;
      } else {
        k++;
        u2[U2 + k + ldu2] = z[jprev];
        dsigma[k] = d[D + jprev];
        idxp[k] = jprev;
        jprev = j;
      }
    }
    // Record the last singular value.
    k++;
    u2[U2 + k + ldu2] = z[jprev];
    dsigma[k] = d[D + jprev];
    idxp[k] = jprev;
  }

  // Count up the total number of the various types of columns, then form
  // a permutation which positions the four column types into four groups
  // of uniform structure (although one or more of these groups may be empty).
  ctot.fill(0);
  for (let j = 2; j <= n; j++) ctot[coltyp[j]]++;
  // PSM(*) = position in submatrix (of types 1 through 4)
  const psm = [0, 2, 2 + ctot[1], 0, 0];
  psm[3] = psm[2] + ctot[2];
  psm[4] = psm[3] + ctot[3];
  // Fill out the IDXC array so that the permutation which it induces will
  // place all type-1 columns first, all type-2 columns next, then all
  // type-3's, and finally all type-4's, starting from the second column.
  // This applies similarly to the rows of VT.
  for (let j = 2; j <= n; j++) {
    const jp = idxp[j];
    const ct = coltyp[jp];
    idxc[psm[ct]] = j;
    psm[ct]++;
  }
  // Sort the singular values and corresponding singular vectors into DSIGMA,
  // U2, and VT2 respectively. The singular values/vectors which were not
  // deflated go into the first K slots of DSIGMA, U2, and VT2 respectively,
  // while those which were deflated go into the last N − K slots, except
  // that the first column/row will be treated separately.
  for (let j = 2; j <= n; j++) {
    const jp = idxp[j];
    dsigma[j] = d[D + jp];
    let idxj = idxq[IQ + idx[idxp[idxc[j]]] + 1];
    if (idxj <= nlp1) idxj--;
    for (let r = 1; r <= n; r++) u2[U2 + r + j * ldu2] = u[U + r + idxj * ldu];
    for (let col = 1; col <= m; col++) vt2[VT2 + j + col * ldvt2] = vt[VT + idxj + col * ldvt];
  }

  // Determine DSIGMA(1), DSIGMA(2) and Z(1).
  dsigma[1] = 0;
  const hlftol = tol / 2;
  if (Math.abs(dsigma[2]) <= hlftol) dsigma[2] = hlftol;
  let c = 1;
  let s = 0;
  if (m > n) {
    z[1] = lapy2(z1, z[m]);
    if (z[1] <= tol) {
      c = 1;
      s = 0;
      z[1] = tol;
    } else {
      c = z1 / z[1];
      s = z[m] / z[1];
    }
  } else if (Math.abs(z1) <= tol) {
    z[1] = tol;
  } else {
    z[1] = z1;
  }

  // Move the rest of the updating row to Z.
  for (let i = 2; i <= k; i++) z[i] = u2[U2 + i + ldu2];

  // Determine the first column of U2, the first row of VT2 and the last row of VT.
  for (let r = 1; r <= n; r++) u2[U2 + r + ldu2] = 0;
  u2[U2 + nlp1 + ldu2] = 1;
  if (m > n) {
    for (let i = 1; i <= nlp1; i++) {
      vt[VT + m + i * ldvt] = -s * vt[VT + nlp1 + i * ldvt];
      vt2[VT2 + 1 + i * ldvt2] = c * vt[VT + nlp1 + i * ldvt];
    }
    for (let i = nlp2; i <= m; i++) {
      vt2[VT2 + 1 + i * ldvt2] = s * vt[VT + m + i * ldvt];
      vt[VT + m + i * ldvt] = c * vt[VT + m + i * ldvt];
    }
  } else {
    for (let col = 1; col <= m; col++) vt2[VT2 + 1 + col * ldvt2] = vt[VT + nlp1 + col * ldvt];
  }
  if (m > n) for (let col = 1; col <= m; col++) vt2[VT2 + m + col * ldvt2] = vt[VT + m + col * ldvt];

  // The deflated singular values and their corresponding vectors go into
  // the back of D, U, and V respectively.
  if (n > k) {
    for (let i = k + 1; i <= n; i++) d[D + i] = dsigma[i];
    for (let col = k + 1; col <= n; col++) for (let r = 1; r <= n; r++) u[U + r + col * ldu] = u2[U2 + r + col * ldu2];
    for (let col = 1; col <= m; col++) for (let r = k + 1; r <= n; r++) vt[VT + r + col * ldvt] = vt2[VT2 + r + col * ldvt2];
  }
  return k;
}

/**
 * dlasd3: the k roots of the secular equation (lasd4), the Gu–Eisenstat z
 * that makes them exact for a nearby problem, and the singular vectors of
 * the merged problem: U = U2·Q and VT = Q'·VT2 with Q, Q' from z and the
 * roots, as products on the kernels.
 */
function lasd3(
  nl: number,
  nr: number,
  sqre: number,
  k: number,
  d: Float64Array,
  D: number,
  u: Float64Array,
  U: number,
  ldu: number,
  vt: Float64Array,
  VT: number,
  ldvt: number,
  ws: Workspace,
): void {
  const n = nl + nr + 1;
  const m = n + sqre;
  const nlp1 = nl + 1;
  const nlp2 = nl + 2;
  const { z, dsigma, idxc, ctot } = ws;
  const ldu2 = n;
  const ldvt2 = m;
  const u2 = ws.u2;
  const vt2 = ws.vt2;
  const U2 = -1 - ldu2;
  const VT2 = -1 - ldvt2;
  const ldq = k;
  const q = ws.q;
  const Q = -1 - ldq;

  // Quick return if possible.
  if (k === 1) {
    d[D + 1] = Math.abs(z[1]);
    for (let col = 1; col <= m; col++) vt[VT + 1 + col * ldvt] = vt2[VT2 + 1 + col * ldvt2];
    if (z[1] > 0) for (let r = 1; r <= n; r++) u[U + r + ldu] = u2[U2 + r + ldu2];
    else for (let r = 1; r <= n; r++) u[U + r + ldu] = -u2[U2 + r + ldu2];
    return;
  }

  // Keep a copy of Z.
  for (let i = 1; i <= k; i++) q[Q + i + ldq] = z[i];

  // Normalize Z.
  let rho = norm2(z, 1, k + 1);
  lascl(rho, 1, z, 1, k + 1);
  rho *= rho;

  // Find the new singular values: root j's differences DSIGMA(i) − σ_j go
  // to U(:, j) and its sums DSIGMA(i) + σ_j to VT(:, j).
  for (let j = 1; j <= k; j++) {
    d[D + j] = lasd4(k, j, dsigma, 0, z, 0, u, U + j * ldu, rho, vt, VT + j * ldvt);
    // If the zero finder fails, report the convergence failure.
    if (lasd4Info !== 0) throw new Error(`svd: the divide-and-conquer secular equation solver did not converge (root ${j} of ${k})`);
  }

  // Compute updated Z (Gu–Eisenstat: the z for which the computed roots are exact).
  for (let i = 1; i <= k; i++) {
    let zi = u[U + i + k * ldu] * vt[VT + i + k * ldvt];
    for (let j = 1; j <= i - 1; j++) {
      zi *= (u[U + i + j * ldu] * vt[VT + i + j * ldvt]) / (dsigma[i] - dsigma[j]) / (dsigma[i] + dsigma[j]);
    }
    for (let j = i; j <= k - 1; j++) {
      zi *= (u[U + i + j * ldu] * vt[VT + i + j * ldvt]) / (dsigma[i] - dsigma[j + 1]) / (dsigma[i] + dsigma[j + 1]);
    }
    const mag = Math.sqrt(Math.abs(zi));
    const qi = q[Q + i + ldq];
    z[i] = qi < 0 || Object.is(qi, -0) ? -mag : mag;
  }

  // Compute left singular vectors of the modified diagonal matrix, and
  // store related information for the right singular vectors.
  for (let i = 1; i <= k; i++) {
    vt[VT + 1 + i * ldvt] = z[1] / u[U + 1 + i * ldu] / vt[VT + 1 + i * ldvt];
    u[U + 1 + i * ldu] = -1;
    for (let j = 2; j <= k; j++) {
      vt[VT + j + i * ldvt] = z[j] / u[U + j + i * ldu] / vt[VT + j + i * ldvt];
      u[U + j + i * ldu] = dsigma[j] * vt[VT + j + i * ldvt];
    }
    const temp = norm2(u, U + 1 + i * ldu, U + 1 + k + i * ldu);
    q[Q + 1 + i * ldq] = u[U + 1 + i * ldu] / temp;
    for (let j = 2; j <= k; j++) {
      const jc = idxc[j];
      q[Q + j + i * ldq] = u[U + jc + i * ldu] / temp;
    }
  }

  // Update the left singular vector matrix.
  if (k === 2) {
    gemmCM(n, k, k, u2, U2, ldu2, q, Q, ldq, u, U, ldu, false);
  } else {
    if (ctot[1] > 0) {
      gemmCM(nl, k, ctot[1], u2, U2 + 1 * ldu2, ldu2, q, Q + 1, ldq, u, U, ldu, false);
      if (ctot[3] > 0) {
        const ktemp = 2 + ctot[1] + ctot[2];
        gemmCM(nl, k, ctot[3], u2, U2 + (ktemp - 1) * ldu2, ldu2, q, Q + ktemp - 1, ldq, u, U, ldu, true);
      }
    } else if (ctot[3] > 0) {
      const ktemp = 2 + ctot[1] + ctot[2];
      gemmCM(nl, k, ctot[3], u2, U2 + (ktemp - 1) * ldu2, ldu2, q, Q + ktemp - 1, ldq, u, U, ldu, false);
    } else {
      for (let col = 1; col <= k; col++) for (let r = 1; r <= nl; r++) u[U + r + col * ldu] = u2[U2 + r + col * ldu2];
    }
    for (let col = 1; col <= k; col++) u[U + nlp1 + col * ldu] = q[Q + 1 + col * ldq];
    const ktemp = 2 + ctot[1];
    const ctemp = ctot[2] + ctot[3];
    gemmCM(nr, k, ctemp, u2, U2 + nlp1 + (ktemp - 1) * ldu2, ldu2, q, Q + ktemp - 1, ldq, u, U + nlp1, ldu, false);
  }

  // Generate the right singular vectors.
  for (let i = 1; i <= k; i++) {
    const temp = norm2(vt, VT + 1 + i * ldvt, VT + 1 + k + i * ldvt);
    q[Q + i + ldq] = vt[VT + 1 + i * ldvt] / temp;
    for (let j = 2; j <= k; j++) {
      const jc = idxc[j];
      q[Q + i + j * ldq] = vt[VT + jc + i * ldvt] / temp;
    }
  }

  // Update the right singular vector matrix.
  if (k === 2) {
    gemmCM(k, m, k, q, Q, ldq, vt2, VT2, ldvt2, vt, VT, ldvt, false);
    return;
  }
  let ktemp = 1 + ctot[1];
  gemmCM(k, nlp1, ktemp, q, Q, ldq, vt2, VT2, ldvt2, vt, VT, ldvt, false);
  ktemp = 2 + ctot[1] + ctot[2];
  if (ktemp <= ldvt2) {
    gemmCM(k, nlp1, ctot[3], q, Q + (ktemp - 1) * ldq, ldq, vt2, VT2 + ktemp - 1, ldvt2, vt, VT, ldvt, true);
  }
  ktemp = ctot[1] + 1;
  const nrp1 = nr + sqre;
  if (ktemp > 1) {
    for (let i = 1; i <= k; i++) q[Q + i + ktemp * ldq] = q[Q + i + ldq];
    for (let i = nlp2; i <= m; i++) vt2[VT2 + ktemp + i * ldvt2] = vt2[VT2 + 1 + i * ldvt2];
  }
  const ctemp = 1 + ctot[2] + ctot[3];
  gemmCM(k, nrp1, ctemp, q, Q + (ktemp - 1) * ldq, ldq, vt2, VT2 + ktemp - 1 + nlp1 * ldvt2, ldvt2, vt, VT + nlp1 * ldvt, ldvt, false);
}

/**
 * DGEMM('N', 'N') on column-major operands with 1-based bases:
 * C(1:m, 1:n) = (acc ? C : 0) + A(1:m, 1:p)·B(1:p, 1:n). Large products go
 * to the kernels as the row-major product Cᵀ = Bᵀ·Aᵀ (the same memory).
 */
function gemmCM(
  m: number,
  n: number,
  p: number,
  a: Float64Array,
  A: number,
  lda: number,
  b: Float64Array,
  B: number,
  ldb: number,
  c: Float64Array,
  C: number,
  ldc: number,
  acc: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  const a0 = A + 1 + lda;
  const b0 = B + 1 + ldb;
  const c0 = C + 1 + ldc;
  if (p <= 0) {
    if (!acc) for (let j = 0; j < n; j++) c.fill(0, c0 + j * ldc, c0 + j * ldc + m);
    return;
  }
  if (m * n * p >= SMALL_GEMM) {
    gemm(n, m, p, b.subarray(b0), ldb, 1, a.subarray(a0), lda, 1, c.subarray(c0), ldc, acc);
    return;
  }
  for (let j = 0; j < n; j++) {
    const cj = c0 + j * ldc;
    if (!acc) c.fill(0, cj, cj + m);
    for (let l = 0; l < p; l++) {
      const blj = b[b0 + l + j * ldb];
      if (blj === 0) continue;
      const al = a0 + l * lda;
      for (let i = 0; i < m; i++) c[cj + i] += a[al + i] * blj;
    }
  }
}

/** Products with fewer multiply-adds run in the loop above (copying into the kernels' memory costs more). */
const SMALL_GEMM = 4096;
