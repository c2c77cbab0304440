// Forms the orthogonal factor of a product of Householder reflectors
// (LAPACK dorgqr). Internal to the package.
//
// dorg2r applies one reflector at a time: two passes over the trailing block
// per reflector. Blocked, a block of reflectors H_i···H_{i+nb−1} = I − V·T·Vᵀ
// (dlarft, forward, columnwise) is applied to the columns to its right at
// once: W = Vᵀ·C, then T·W, then C −= V·(T·W); the block's own columns are
// then generated unblocked (dorg2r), as dorgqr does. Small problems run
// this with blocks of four in plain loops (each row of C read twice per
// block instead of eight times), where copying into the kernels' memory
// would cost more than it saves. Large ones apply blocks of 32 reflectors
// to the identity on the kernels (applyReflectors.ts), Q kept in the
// kernels' memory throughout.

import { arena } from '../kernels/arena.ts';
import { applyInArena, workspaceSize } from './applyReflectors.ts';
import { applyLeft } from './householder.ts';
import type { Reflectors } from './qr.ts';

const NB = 4;
/** The kernel path from this many multiply-adds (m·cols·k) on, with more than 32 reflectors. */
const KERNEL_MIN = 64 * 64 * 64;

/**
 * The first `cols` columns (cols ≥ number of reflectors k) of
 * Q = H_0·H_1···H_{k−1}, as a row-major m × cols array. Reflector i is
 * v_i = (1, tails[i·m + 1 .. i·m + m − i)) acting on rows i..m−1.
 * @internal
 */
export function formQ(m: number, cols: number, reflectors: Reflectors): Float64Array {
  const k = reflectors.taus.length;
  if (k > 32 && m * cols * k >= KERNEL_MIN) return formQOnKernels(m, cols, reflectors);
  const { tails, taus } = reflectors;
  const q = new Float64Array(m * cols);
  for (let j = k; j < cols; j++) q[j * cols + j] = 1;
  const work = new Float64Array(cols);
  const w = new Float64Array(NB * cols);
  const t = new Float64Array(NB * NB);
  for (let bEnd = k; bEnd > 0;) {
    const bStart = Math.max(0, bEnd - NB);
    if (bEnd < cols) applyBlock(q, m, cols, bStart, bEnd, tails, taus, t, w);
    for (let i = bEnd - 1; i >= bStart; i--) {
      const off = i * m;
      const tau = taus[i];
      if (i < bEnd - 1) {
        q[i * cols + i] = 1;
        applyLeft(q, cols, i, m, i + 1, bEnd, tails, off, tau, work);
      }
      for (let r = i + 1; r < m; r++) q[r * cols + i] = -tau * tails[off + r - i];
      q[i * cols + i] = 1 - tau;
    }
    bEnd = bStart;
  }
  return q;
}

/** Entry r of reflector i (1 at r = i, 0 above). */
function entry(tails: Float64Array, m: number, i: number, r: number): number {
  if (r < i) return 0;
  if (r === i) return 1;
  return tails[i * m + r - i];
}

/**
 * C ← (H_b0···H_{b1−1})·C for C = q[b0:m, b1:cols], with up to NB
 * reflectors (missing ones act as the identity).
 */
function applyBlock(
  q: Float64Array,
  m: number,
  cols: number,
  b0: number,
  b1: number,
  tails: Float64Array,
  taus: Float64Array,
  t: Float64Array,
  w: Float64Array,
): void {
  const nb = b1 - b0;
  // T, upper triangular: T[j][j] = tau_j, T[0:j, j] = −tau_j·T[0:j, 0:j]·(V[:, 0:j]ᵀ·v_j).
  t.fill(0);
  for (let j = 0; j < nb; j++) {
    const tauJ = taus[b0 + j];
    t[j * NB + j] = tauJ;
    if (tauJ === 0 || j === 0) continue;
    const rj = b0 + j;
    for (let l = 0; l < j; l++) {
      let dot = entry(tails, m, b0 + l, rj);
      const offL = (b0 + l) * m - (b0 + l);
      const offJ = rj * m - rj;
      for (let r = rj + 1; r < m; r++) dot += tails[offL + r] * tails[offJ + r];
      work4[l] = -tauJ * dot;
    }
    for (let l = 0; l < j; l++) {
      let acc = 0;
      for (let p = l; p < j; p++) acc += t[l * NB + p] * work4[p];
      t[l * NB + j] = acc;
    }
  }

  const c0 = b1;
  const nc = cols - c0;
  w.fill(0, 0, NB * nc);
  // W = Vᵀ·C. Rows above b1 of C are still zero (only later reflectors have
  // touched these columns), so the pass starts at b1.
  for (let r = b1; r < m; r++) {
    const v0 = entry(tails, m, b0, r);
    const v1 = nb > 1 ? entry(tails, m, b0 + 1, r) : 0;
    const v2 = nb > 2 ? entry(tails, m, b0 + 2, r) : 0;
    const v3 = nb > 3 ? entry(tails, m, b0 + 3, r) : 0;
    const base = r * cols + c0;
    for (let j = 0; j < nc; j++) {
      const x = q[base + j];
      w[j] += v0 * x;
      w[nc + j] += v1 * x;
      w[2 * nc + j] += v2 * x;
      w[3 * nc + j] += v3 * x;
    }
  }
  // W ← T·W (in place: row l needs rows p ≥ l only).
  for (let l = 0; l < nb; l++) {
    const tl0 = t[l * NB + l];
    const tl1 = l + 1 < nb ? t[l * NB + l + 1] : 0;
    const tl2 = l + 2 < nb ? t[l * NB + l + 2] : 0;
    const tl3 = l + 3 < nb ? t[l * NB + l + 3] : 0;
    const o = l * nc;
    for (let j = 0; j < nc; j++) {
      let s = tl0 * w[o + j];
      if (tl1 !== 0) s += tl1 * w[o + nc + j];
      if (tl2 !== 0) s += tl2 * w[o + 2 * nc + j];
      if (tl3 !== 0) s += tl3 * w[o + 3 * nc + j];
      w[o + j] = s;
    }
  }
  // C ← C − V·W.
  for (let r = b0; r < m; r++) {
    const v0 = entry(tails, m, b0, r);
    const v1 = nb > 1 ? entry(tails, m, b0 + 1, r) : 0;
    const v2 = nb > 2 ? entry(tails, m, b0 + 2, r) : 0;
    const v3 = nb > 3 ? entry(tails, m, b0 + 3, r) : 0;
    const base = r * cols + c0;
    for (let j = 0; j < nc; j++) {
      q[base + j] -= v0 * w[j] + v1 * w[nc + j] + v2 * w[2 * nc + j] + v3 * w[3 * nc + j];
    }
  }
}

const work4 = new Float64Array(NB);

/**
 * formQ on the kernels: the identity's leading columns with the blocks of
 * reflectors applied by matrix products (dlarft + dlarfb), each block to
 * the columns and rows from its first reflector on only (the rest are
 * still the identity's, untouched by it). That is about dorgqr's flop count
 * (2·m·n² − (2/3)·n³ for m × n), with its unblocked dorg2r steps inside each
 * block replaced by the block's share of the products.
 */
function formQOnKernels(m: number, cols: number, reflectors: Reflectors): Float64Array {
  const ar = arena(workspaceSize(m, cols));
  try {
    const F = ar.data;
    for (let j = 0; j < cols; j++) F[j * cols + j] = 1;
    applyInArena(ar, m, cols, reflectors, true);
    return F.slice(0, m * cols);
  } finally {
    ar.release();
  }
}
