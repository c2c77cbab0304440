// General matrix product on strided operands, on the chosen backend: the
// WebAssembly SIMD kernels (BLIS blocking: the loops over blocks here, the
// packing and the micro-kernels in kernels.wat) or the plain-JS fallback.
// Internal to the package; linalg/gemmNN, gemmNT and gemmTN are the entry
// points the rest of the core uses.

import { jsGemm } from './jsGemm.ts';
import { wasmKernels } from './kernelBackend.ts';
import type { WasmKernels } from './wasmKernels.ts';

type Floats = Float64Array | Float32Array;

// Block sizes (elements). A micro-panel of A (4 × KC) and one of B (KC × NR)
// stay in L1 (48 KiB here), a block of A (MC × KC) in L2, a panel of B
// (KC × NC) in L3: the classic BLIS choice for a 4 × 4 f64 tile.
const KC64 = 256;
const MC64 = 192;
const KC32 = 512;
const MC32 = 192;
const NC = 4096;

/**
 * Bytes {@link gemmAt} allocates (above the current top) for its packed
 * panels in a product with `n` columns, so a caller can reserve them once.
 * @internal
 */
export function gemmWorkspaceBytes(n: number, single = false): number {
  const size = single ? 4 : 8;
  const nr = single ? 8 : 4;
  const kc = single ? KC32 : KC64;
  const mc = single ? MC32 : MC64;
  return (mc * kc + kc * Math.min(NC, Math.ceil(n / nr) * nr)) * size + 128;
}

/** Number of elements spanned by a strided operand with `rows × cols` used entries. */
function extent(rows: number, cols: number, rs: number, cs: number): number {
  return rows === 0 || cols === 0 ? 0 : (rows - 1) * rs + (cols - 1) * cs + 1;
}

/**
 * `C = X·Y` (or `C += X·Y`) with `X` m × p (element (i, k) at
 * `X[i·xrs + k·xcs]`), `Y` p × n (element (k, j) at `Y[k·yrs + j·ycs]`) and
 * `C` m × n (row stride `ldc`). All three Float64Array, or all three
 * Float32Array (single-precision kernels). @internal
 */
export function gemm(
  m: number,
  n: number,
  p: number,
  X: Floats,
  xrs: number,
  xcs: number,
  Y: Floats,
  yrs: number,
  ycs: number,
  C: Floats,
  ldc: number,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  const w = wasmKernels();
  if (w === undefined || p === 0) {
    jsGemm(m, n, p, X, xrs, xcs, Y, yrs, ycs, C, ldc, accumulate);
    return;
  }
  const single = C instanceof Float32Array;
  const size = single ? 4 : 8;
  const mark = w.mark();
  try {
    const xLen = extent(m, p, xrs, xcs);
    const yLen = extent(p, n, yrs, ycs);
    const cLen = extent(m, n, ldc, 1);
    const xAt = w.alloc(xLen * size);
    const yAt = w.alloc(yLen * size);
    const cAt = w.alloc(cLen * size);
    const view = (at: number, len: number) => (single ? w.f32(at, len) : w.f64(at, len));
    view(xAt, xLen).set(X.subarray(0, xLen));
    view(yAt, yLen).set(Y.subarray(0, yLen));
    if (accumulate) view(cAt, cLen).set(C.subarray(0, cLen));
    gemmAt(w, single, m, n, p, xAt, xrs, xcs, yAt, yrs, ycs, cAt, ldc, accumulate);
    const out = view(cAt, cLen);
    if (ldc === n) C.set(out);
    else for (let i = 0; i < m; i++) C.set(out.subarray(i * ldc, i * ldc + n), i * ldc);
  } finally {
    w.release(mark);
  }
}

/**
 * The wasm path on operands already in the kernels' memory (byte
 * addresses, strides in elements): the randomized SVD and the worker pool
 * keep large matrices resident and call this directly.
 *
 * With `direct`, the micro-kernel reads X where it lies instead of from a
 * packed copy (the last m mod 4 rows still go through a packed panel): for
 * skinny products with a large resident X (n ≲ 128), where packing X costs
 * a pass over all of X per product for only ⌈n/4⌉ micro-kernel calls on
 * each packed panel. @internal
 */
export function gemmAt(
  w: WasmKernels,
  single: boolean,
  m: number,
  n: number,
  p: number,
  x: number,
  xrs: number,
  xcs: number,
  y: number,
  yrs: number,
  ycs: number,
  c: number,
  ldc: number,
  accumulate: boolean,
  direct = false,
): void {
  if (m === 0 || n === 0) return;
  if (p === 0) {
    // An empty sum: C = 0 unless accumulating (as jsGemm does).
    if (accumulate) return;
    const out = single ? w.f32(c, extent(m, n, ldc, 1)) : w.f64(c, extent(m, n, ldc, 1));
    for (let i = 0; i < m; i++) out.fill(0, i * ldc, i * ldc + n);
    return;
  }
  const e = w.exports;
  const size = single ? 4 : 8;
  const nr = single ? 8 : 4;
  const KC = single ? KC32 : KC64;
  const MC = single ? MC32 : MC64;
  const mark = w.mark();
  const ap = w.alloc(MC * KC * size);
  const bp = w.alloc(KC * Math.min(NC, Math.ceil(n / nr) * nr) * size);
  const macro = single ? e.macro_f32 : e.macro_f64;
  // A packed micro-panel: rows 1 element apart, k 4 elements apart, panels kc·4 apart.
  const packed = (mc: number, kc: number, xSrc: number, cDst: number, acc: number) => {
    if (single) e.pack_f32(xSrc, xrs, xcs, mc, kc, ap, 4);
    else e.pack_f64(xSrc, xrs, xcs, mc, kc, ap);
    macro(mc, nc, kc, ap, size, 4 * size, kc * 4 * size, bp, cDst, ldc, acc);
  };
  let nc = 0;
  for (let jc = 0; jc < n; jc += NC) {
    nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < p; pc += KC) {
      const kc = Math.min(KC, p - pc);
      const ySrc = y + (pc * yrs + jc * ycs) * size;
      if (single) e.pack_f32(ySrc, ycs, yrs, nc, kc, bp, 8);
      else e.pack_f64(ySrc, ycs, yrs, nc, kc, bp);
      const acc = accumulate || pc > 0 ? 1 : 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const xSrc = x + (ic * xrs + pc * xcs) * size;
        const cDst = c + (ic * ldc + jc) * size;
        if (!direct) {
          packed(mc, kc, xSrc, cDst, acc);
          continue;
        }
        const whole = mc & ~3;
        if (whole > 0) macro(whole, nc, kc, xSrc, xrs * size, xcs * size, 4 * xrs * size, bp, cDst, ldc, acc);
        if (whole < mc) packed(mc - whole, kc, xSrc + whole * xrs * size, cDst + whole * ldc * size, acc);
      }
    }
  }
  w.release(mark);
}
