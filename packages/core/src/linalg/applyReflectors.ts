// C ← Q·C for Q = H_0·H_1···H_{k−1}, a product of Householder reflectors,
// blocked as LAPACK's dormqr (dlarft + dlarfb, SIDE = 'L', TRANS = 'N',
// forward, columnwise): a block of NB reflectors is I − V·T·Vᵀ with T upper
// triangular, and is applied as three matrix products,
//   W = Vᵀ·C,  W ← T·W,  C ← C − V·W,
// on the kernels. C stays in the kernels' memory (an arena) for the whole
// application, so it is copied in and out once. Internal to the package:
// svd applies the reflectors of the bidiagonalization (and of the QR that
// precedes it for tall matrices) to the vectors of the bidiagonal SVD, as
// dgesdd does with dormbr.

import { type Arena, arena } from '../kernels/arena.ts';
import type { Reflectors } from './qr.ts';

/** Reflectors per block. @internal */
export const NB = 32;

/**
 * Overwrites the row-major `m × cols` array `c` with Q·c, where reflector i
 * of `reflectors` is v_i = (1, tails[i·m + 1 .. i·m + m − i)) acting on rows
 * i..m−1 (the layout factorQR and the bidiagonalizations produce).
 * @internal
 */
export function applyReflectors(c: Float64Array, m: number, cols: number, reflectors: Reflectors): void {
  if (reflectors.taus.length === 0 || cols === 0 || m === 0) return;
  const ar = arena(workspaceSize(m, cols));
  try {
    ar.data.set(c.subarray(0, m * cols));
    applyInArena(ar, m, cols, reflectors, false);
    c.set(ar.data.subarray(0, m * cols));
  } finally {
    ar.release();
  }
}

/** Arena size for {@link applyInArena}: C plus the block's workspace. @internal */
export function workspaceSize(m: number, cols: number): number {
  return m * cols + NB * m + 2 * NB * NB + 2 * NB * cols;
}

/**
 * C ← Q·C for C, row-major `m × cols`, at the start of the arena. With
 * `trailing`, each block only updates the columns from its first reflector
 * on (and the rows from it down): right when C starts as the identity, whose
 * column j no reflector before block(j) changes, which is how formQ (dorgqr)
 * uses it. @internal
 */
export function applyInArena(ar: Arena, m: number, cols: number, { tails, taus }: Reflectors, trailing: boolean): void {
  const k = taus.length;
  // Arena layout (element offsets): C (m × cols), the block's Vᵀ (NB × m,
  // row j = reflector j of the block, zero before its unit entry), G = VᵀV
  // and T (NB × NB each), W and TW (NB × cols each).
  const V0 = m * cols;
  const G0 = V0 + NB * m;
  const T0 = G0 + NB * NB;
  const W0 = T0 + NB * NB;
  const TW0 = W0 + NB * cols;
  const F = ar.data;
  // Q·C = H_0(H_1(···(H_{k−1}·C))): the last block first.
  for (let i0 = Math.floor((k - 1) / NB) * NB; i0 >= 0; i0 -= NB) {
    const ib = Math.min(NB, k - i0);
    const len = m - i0;
    const c0 = trailing ? i0 : 0;
    const nc = cols - c0;
    if (nc <= 0) continue;
    blockOfReflectors(ar, V0, G0, T0, m, tails, taus, i0, ib);
    // W = Vᵀ·C[i0:m, c0:cols], then TW = −T·W, then C[i0:m, c0:cols] += V·TW.
    const cAt = i0 * cols + c0;
    F.fill(0, W0, W0 + ib * nc);
    ar.gemm(ib, nc, len, V0, len, 1, cAt, cols, 1, W0, nc);
    for (let l = 0; l < ib * NB; l += NB) for (let p = 0; p < NB; p++) F[T0 + l + p] = -F[T0 + l + p];
    F.fill(0, TW0, TW0 + ib * nc);
    ar.gemm(ib, nc, ib, T0, NB, 1, W0, nc, 1, TW0, nc);
    ar.gemm(len, nc, ib, V0, 1, len, TW0, nc, 1, cAt, cols);
  }
}

/**
 * Writes the block of reflectors i0 .. i0+ib−1 into the arena in the form
 * the products need: Vᵀ at V0 (ib × (m − i0), row j zero before its unit
 * entry) and T at T0 (NB × NB, upper triangular, as dlarft 'F', 'C':
 * T[j][j] = tau_j, T[0:j, j] = −tau_j·T[0:j, 0:j]·(VᵀV)[0:j, j], with VᵀV
 * from a product at G0), so that H_i0···H_{i0+ib−1} = I − V·T·Vᵀ. @internal
 */
export function blockOfReflectors(
  ar: Arena,
  V0: number,
  G0: number,
  T0: number,
  m: number,
  tails: Float64Array,
  taus: Float64Array,
  i0: number,
  ib: number,
): void {
  const F = ar.data;
  const len = m - i0;
  F.fill(0, V0, V0 + ib * len);
  for (let j = 0; j < ib; j++) {
    const row = V0 + j * len;
    const r = i0 + j; // the reflector's first row
    F[row + j] = 1;
    const off = r * m;
    for (let t = 1; t < m - r; t++) F[row + j + t] = tails[off + t];
  }
  F.fill(0, G0, G0 + NB * NB);
  ar.gemm(ib, ib, len, V0, len, 1, V0, 1, len, G0, NB);
  F.fill(0, T0, T0 + NB * NB);
  for (let j = 0; j < ib; j++) {
    const tau = taus[i0 + j];
    F[T0 + j * NB + j] = tau;
    if (tau === 0) continue;
    for (let l = 0; l < j; l++) {
      let acc = 0;
      for (let p = l; p < j; p++) acc += F[T0 + l * NB + p] * F[G0 + p * NB + j];
      F[T0 + l * NB + j] = -tau * acc;
    }
  }
}
