// A workspace of doubles for algorithms that run many kernel calls on the
// same data (the blocked bidiagonalization): in the WebAssembly kernels'
// memory when they are in use, so that the data is copied in once and every
// matrix-vector pass and product runs on it in place, or a plain
// Float64Array with the same operations in JavaScript. Operands are element
// offsets into `data`. Internal to the package.

import { gemmAt } from './gemm.ts';
import { jsGemm } from './jsGemm.ts';
import { wasmKernels } from './kernelBackend.ts';
import type { WasmKernels } from './wasmKernels.ts';

/** Workspace bytes gemmAt may allocate for its packed panels (f64), plus slack. */
const GEMM_WORKSPACE = (192 * 256 + 256 * 4096) * 8 + 1024;

/** @internal */
export interface Arena {
  /** The storage; stays valid until `release()`. */
  readonly data: Float64Array;
  /** y[i] = (acc ? y[i] : 0) + alpha·(A[i, 0:cols]·x) for i < rows; A row stride lda. */
  gemvN(a: number, lda: number, rows: number, cols: number, x: number, y: number, alpha: number, acc: boolean): void;
  /** y[j] = (acc ? y[j] : 0) + alpha·Σ_i x[i]·A[i, j] for j < cols. */
  gemvT(a: number, lda: number, rows: number, cols: number, x: number, y: number, alpha: number, acc: boolean): void;
  /** The bidiagonalization's fused pass (see bidiag_pass_f64 in kernels.wat). */
  bidiagPass(
    seg: number,
    lda: number,
    rows: number,
    len: number,
    v: number,
    corrX: number,
    corrU: number,
    x: number,
    ldx: number,
    taup: number,
    s: number,
    mode: 0 | 1 | 2,
  ): void;
  /** C += X·Y on strided operands (see gemm.ts); C = X·Y when `accumulate` is false. */
  gemm(
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
    accumulate?: boolean,
  ): void;
  /** Frees the wasm memory (a no-op for the JS arena). */
  release(): void;
}

/**
 * An arena of `length` doubles on the current backend, zero-filled unless
 * `zeroed` is false (for a caller that writes every entry before reading it:
 * the fill is a pass over the whole arena). @internal
 */
export function arena(length: number, zeroed = true): Arena {
  const w = wasmKernels();
  return w === undefined ? jsArena(length) : wasmArena(w, length, zeroed);
}

function wasmArena(w: WasmKernels, length: number, zeroed: boolean): Arena {
  const mark = w.mark();
  const base = w.alloc(length * 8);
  w.reserve(GEMM_WORKSPACE);
  const data = w.f64(base, length);
  if (zeroed) data.fill(0);
  const e = w.exports;
  const at = (i: number) => base + 8 * i;
  return {
    data,
    gemvN: (a, lda, rows, cols, x, y, alpha, acc) => e.gemv_n_f64(at(a), lda * 8, rows, cols, at(x), at(y), alpha, acc ? 1 : 0),
    gemvT: (a, lda, rows, cols, x, y, alpha, acc) => e.gemv_t_f64(at(a), lda * 8, rows, cols, at(x), at(y), alpha, acc ? 1 : 0),
    bidiagPass: (seg, lda, rows, len, v, corrX, corrU, x, ldx, taup, s, mode) =>
      e.bidiag_pass_f64(at(seg), lda * 8, rows, len, at(v), at(corrX), at(corrU), at(x), ldx * 8, taup, at(s), mode),
    gemm: (m, n, p, x, xrs, xcs, y, yrs, ycs, c, ldc, accumulate = true) =>
      gemmAt(w, false, m, n, p, at(x), xrs, xcs, at(y), yrs, ycs, at(c), ldc, accumulate),
    release: () => w.release(mark),
  };
}

function jsArena(length: number): Arena {
  const F = new Float64Array(length);
  return {
    data: F,
    gemvN(a, lda, rows, cols, x, y, alpha, acc) {
      for (let i = 0; i < rows; i++) {
        const ai = a + i * lda;
        let s = 0;
        for (let j = 0; j < cols; j++) s += F[ai + j] * F[x + j];
        F[y + i] = acc ? F[y + i] + alpha * s : alpha * s;
      }
    },
    gemvT(a, lda, rows, cols, x, y, alpha, acc) {
      if (!acc) F.fill(0, y, y + cols);
      for (let i = 0; i < rows; i++) {
        const t = alpha * F[x + i];
        const ai = a + i * lda;
        for (let j = 0; j < cols; j++) F[y + j] += t * F[ai + j];
      }
    },
    bidiagPass(seg, lda, rows, len, v, corrX, corrU, x, ldx, taup, s, mode) {
      for (let r = 0; r < rows; r++) {
        const b = seg + r * lda;
        let dot = 0;
        for (let j = 0; j < len; j++) dot += F[b + j] * F[v + j];
        const xr = taup * (dot - F[corrX + r]);
        F[x + r * ldx] = xr;
        if (mode === 0) continue;
        const u = F[b] - F[corrU + r] - xr;
        F[b] = u;
        if (mode === 2) for (let j = 1; j < len; j++) F[s + j - 1] += u * F[b + j];
      }
    },
    gemm(m, n, p, x, xrs, xcs, y, yrs, ycs, c, ldc, accumulate = true) {
      jsGemm(m, n, p, F.subarray(x), xrs, xcs, F.subarray(y), yrs, ycs, F.subarray(c), ldc, accumulate);
    },
    release() {},
  };
}
