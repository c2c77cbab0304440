// Householder bidiagonalization (LAPACK dgebd2's reduction, m ≥ n) in one
// pass over the trailing matrix per step. Internal to the package:
// bidiagonalize uses it for small matrices and for the last columns of the
// blocked reduction.
//
// dgebd2 makes four passes per step i: w = uᵀA and A −= tau·u·wᵀ for the
// left reflector u (column i), then z = A·v and A −= tau'·z·vᵀ for the right
// reflector v (row i). Here each row r of the trailing block is visited once
// and, while it sits in L1 cache, gets the left update, its dot product with
// v, the right update, and its contribution to the *next* step's w:
//   w'[j] = A'[i+1, j] + f·Σ_{r ≥ i+2} x_r·A'[r, j],
// where x is the next column (known row by row once each row is updated) and
// f = 1/(alpha' − beta') is the scaling dlarfg applies to x. The arithmetic
// is the same as dgebd2's up to the order of summation.

import { reflector } from './householder.ts';
import type { Reflectors } from './qr.ts';

const TINY = 2.2250738585072014e-308 / 1.1102230246251565e-16; // dlarfg rescales below this

/** Result of {@link unblockedBidiagonalize} and `bidiagonalize`. @internal */
export interface Bidiagonal {
  /** Diagonal of B, length n. */
  d: Float64Array;
  /** Superdiagonal of B, length n − 1. */
  e: Float64Array;
  /** Left reflectors H_0 .. H_{n−1} (reflector i acts on rows i..m−1). */
  left: Reflectors;
  /**
   * Right reflectors G_0 .. G_{n−2}; G_i acts on columns i+1..n−1 and is
   * stored as reflector i of an (n−1)-dimensional space, ready for formQ.
   */
  right: Reflectors;
}

/**
 * Reduces the row-major m × n array `a` (m ≥ n, overwritten) to upper
 * bidiagonal form B = Qᵀ·A·P, Q = H_0···H_{n−1}, P = G_0···G_{n−2}.
 * @internal
 */
export function unblockedBidiagonalize(a: Float64Array, m: number, n: number): Bidiagonal {
  const nr = Math.max(n - 1, 0);
  const d = new Float64Array(n);
  const e = new Float64Array(nr);
  const lt = new Float64Array(n * m);
  const lTau = new Float64Array(n);
  const rt = new Float64Array(nr * nr);
  const rTau = new Float64Array(nr);
  const w = new Float64Array(n);
  const y = new Float64Array(n);
  const vv = new Float64Array(n);

  // Column 0: its reflector, and w = uᵀ·A[:, 1:] by an explicit pass.
  for (let r = 0; r < m; r++) lt[r] = a[r * n];
  lTau[0] = reflector(lt, 0, m);
  d[0] = lt[0];
  explicitW(a, m, n, 0, lt, w);

  for (let i = 0; i < n - 1; i++) {
    const c0 = i + 1; // first trailing column
    const len = n - c0;
    const uOff = i * m; // u_r = lt[uOff + r − i], u_i = 1
    const tauL = lTau[i];
    const vOff = i * nr; // v_j = rt[vOff + j − c0], v_{c0} = 1
    const xOff = c0 * m; // next column, gathered: lt[xOff + r − c0]

    // Row i: left update, then the right reflector from what is left of it.
    const rowI = i * n;
    if (tauL !== 0) for (let j = c0; j < n; j++) a[rowI + j] -= tauL * w[j];
    for (let j = 0; j < len; j++) rt[vOff + j] = a[rowI + c0 + j];
    const tauR = reflector(rt, vOff, len);
    rTau[i] = tauR;
    e[i] = rt[vOff];

    // v as a full-length vector indexed by column, v[c0] = 1.
    vv[c0] = 1;
    for (let j = c0 + 1; j < n; j++) vv[j] = rt[vOff + j - c0];
    y.fill(0);
    // Row c0 starts the next block: it is updated but not accumulated in y.
    oneRow(a, n, c0, c0, tauL * lt[uOff + c0 - i], tauR, w, vv, y, lt, xOff, false);
    // Two rows at a time share the loads of w, v and y.
    let r = c0 + 1;
    for (; r + 1 < m; r += 2) {
      const b0 = r * n;
      const b1 = b0 + n;
      const u0 = tauL * lt[uOff + r - i];
      const u1 = tauL * lt[uOff + r + 1 - i];
      let z0 = 0;
      let z1 = 0;
      for (let j = c0; j < n; j++) {
        const wj = w[j];
        const vj = vv[j];
        const p = a[b0 + j] - u0 * wj;
        const q = a[b1 + j] - u1 * wj;
        a[b0 + j] = p;
        a[b1 + j] = q;
        z0 += p * vj;
        z1 += q * vj;
      }
      const t0 = tauR * z0;
      const t1 = tauR * z1;
      const x0 = a[b0 + c0] - t0;
      const x1 = a[b1 + c0] - t1;
      a[b0 + c0] = x0;
      a[b1 + c0] = x1;
      lt[xOff + r - c0] = x0;
      lt[xOff + r + 1 - c0] = x1;
      for (let j = c0 + 1; j < n; j++) {
        const vj = vv[j];
        const p = a[b0 + j] - t0 * vj;
        const q = a[b1 + j] - t1 * vj;
        a[b0 + j] = p;
        a[b1 + j] = q;
        y[j] += x0 * p + x1 * q;
      }
    }
    if (r < m) oneRow(a, n, c0, r, tauL * lt[uOff + r - i], tauR, w, vv, y, lt, xOff, true);

    // Next column's reflector and w' = A'[c0, c0+1:] + f·y.
    const alpha = lt[xOff];
    const tauN = reflector(lt, xOff, m - c0);
    lTau[c0] = tauN;
    const beta = lt[xOff];
    d[c0] = beta;
    if (c0 < n - 1 && tauN !== 0) {
      if (Math.abs(beta) < TINY) {
        // dlarfg rescaled x; the closed form for f does not apply.
        explicitW(a, m, n, c0, lt, w);
      } else {
        const f = 1 / (alpha - beta);
        const rowN = c0 * n;
        for (let j = c0 + 1; j < n; j++) w[j] = a[rowN + j] + f * y[j];
      }
    }
  }
  return { d, e, left: { tails: lt, taus: lTau }, right: { tails: rt, taus: rTau } };
}

/**
 * One row r of the pass: left update (coefficient ur) fused with z = row·v,
 * right update (tauR·z), and, if `accumulate`, y += x_r·row.
 */
function oneRow(
  a: Float64Array,
  n: number,
  c0: number,
  r: number,
  ur: number,
  tauR: number,
  w: Float64Array,
  vv: Float64Array,
  y: Float64Array,
  lt: Float64Array,
  xOff: number,
  accumulate: boolean,
): void {
  const b = r * n;
  let z = 0;
  for (let j = c0; j < n; j++) {
    const p = a[b + j] - ur * w[j];
    a[b + j] = p;
    z += p * vv[j];
  }
  const t = tauR * z;
  const x = a[b + c0] - t;
  a[b + c0] = x;
  lt[xOff + r - c0] = x;
  if (accumulate) {
    for (let j = c0 + 1; j < n; j++) {
      const p = a[b + j] - t * vv[j];
      a[b + j] = p;
      y[j] += x * p;
    }
  } else {
    for (let j = c0 + 1; j < n; j++) a[b + j] -= t * vv[j];
  }
}

/** w[j] = Σ_{r ≥ i} u_r·a[r, j] for j > i, u = reflector i (u_i = 1). */
function explicitW(a: Float64Array, m: number, n: number, i: number, lt: Float64Array, w: Float64Array): void {
  const uOff = i * m;
  for (let j = i + 1; j < n; j++) w[j] = a[i * n + j];
  for (let r = i + 1; r < m; r++) {
    const ur = lt[uOff + r - i];
    if (ur === 0) continue;
    const base = r * n;
    for (let j = i + 1; j < n; j++) w[j] += ur * a[base + j];
  }
}
