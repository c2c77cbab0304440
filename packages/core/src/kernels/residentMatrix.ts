// A large matrix kept where the kernels read it, for many products with
// skinny matrices (the randomized SVD's power iterations; a worker's row
// block): copied into the WebAssembly memory once, as doubles and/or as
// floats, instead of once per product. Internal to the package.

import { gemmAt } from './gemm.ts';
import { jsGemm } from './jsGemm.ts';
import { wasmKernels } from './kernelBackend.ts';

/**
 * The row stride (elements) of the resident copy: `cols` rounded up to whole
 * 64-byte lines, plus one line when that is an even number of lines. Rows
 * of a power-of-two width (4096 doubles = 32 KiB) otherwise fall on the same
 * cache sets, and the micro-kernel's four row streams then evict each other:
 * measured as workers that ran 50 % slower than others, at random.
 */
function paddedStride(cols: number, size: number): number {
  const perLine = 64 / size;
  const lines = Math.ceil(cols / perLine);
  return (lines % 2 === 0 ? lines + 1 : lines) * perLine;
}

/** @internal */
export interface ResidentMatrix {
  readonly rows: number;
  readonly cols: number;
  /**
   * A·X for a row-major `cols × l` X, as `rows × l` (into `out` when given);
   * in float32 when `single` (and float32 is resident).
   */
  times(x: Float64Array, l: number, single?: boolean, out?: Float64Array): Float64Array;
  /** Aᵀ·X for a row-major `rows × l` X, as `cols × l` (into `out` when given). */
  transposeTimes(x: Float64Array, l: number, single?: boolean, out?: Float64Array): Float64Array;
  /**
   * Writes rows `start …` (a whole number of rows, row-major) into the
   * resident copy: how a block created without data is filled, piece by
   * piece.
   */
  setRows(start: number, data: Float64Array): void;
  /** Frees the copies (the last allocation of the kernels' memory must be released first). */
  release(): void;
}

/**
 * Bytes of the row blocks a float64 product streams through the kernels'
 * memory when only the float32 copy is resident: 8 MB, a few hundred rows
 * of a checkpoint's matrices (the k-blocking of Aᵀ·X packs 256 at a time).
 */
const STREAM_BYTES = 8 * 2 ** 20;

/**
 * Keeps the row-major `rows × cols` `data` resident (or, without `data`, a
 * block that `setRows` fills): as doubles, plus as
 * floats when `float32` is set (products with `single` then run on the f32
 * kernels, twice as fast, with float32 rounding). With both `data` and
 * `float32`, only the floats are copied: the float64 products (a randomized
 * SVD's one or two final projections) stream `data` through the kernels'
 * memory a row block at a time, the same arithmetic without a second
 * resident copy (for an 8192 × 2048 matrix 128 MB less memory, whose first
 * touch cost a fresh worker ~0.4 s). `data` must then stay unchanged until
 * `release`. On the JS backend the data is used in place and every product
 * is in double precision. `streamBytes` sets the streamed blocks' size
 * (tests). @internal
 */
export function residentMatrix(
  data: Float64Array | undefined,
  rows: number,
  cols: number,
  float32 = false,
  streamBytes = STREAM_BYTES,
): ResidentMatrix {
  const w = wasmKernels();
  if (w === undefined) {
    const store = data ?? new Float64Array(rows * cols);
    const product = (trans: boolean) => (x: Float64Array, l: number, _single?: boolean, into?: Float64Array) => {
      const out = into ?? new Float64Array((trans ? cols : rows) * l);
      if (trans) jsGemm(cols, l, rows, store, 1, cols, x, l, 1, out, l, false);
      else jsGemm(rows, l, cols, store, cols, 1, x, l, 1, out, l, false);
      return out;
    };
    return {
      rows,
      cols,
      times: product(false),
      transposeTimes: product(true),
      setRows: (start, part) => store.set(part, start * cols),
      release() {},
    };
  }
  const mark = w.mark();
  const ld64 = paddedStride(cols, 8);
  const ld32 = paddedStride(cols, 4);
  const streamed = float32 && data !== undefined;
  const a64 = streamed ? -1 : w.alloc(rows * ld64 * 8);
  let a32 = -1;
  if (float32) a32 = w.alloc(rows * ld32 * 4);
  const setRows = (start: number, part: Float64Array) => {
    // Views re-made per call: a product's allocations may have grown the memory since.
    const d64 = a64 >= 0 ? w.f64(a64, rows * ld64) : undefined;
    const d32 = a32 >= 0 ? w.f32(a32, rows * ld32) : undefined;
    const count = part.length / cols;
    for (let i = 0; i < count; i++) {
      const row = part.subarray(i * cols, (i + 1) * cols);
      d64?.set(row, (start + i) * ld64);
      d32?.set(row, (start + i) * ld32);
    }
  };
  if (data !== undefined) setRows(0, data.subarray(0, rows * cols));
  /**
   * A float64 product from `data` in place of a resident copy: row blocks
   * copied into a scratch, A·X block by block (each its rows of Y), Aᵀ·X
   * accumulated over them (Σ A_bᵀ·X_b, in block order: the same bits every
   * run).
   */
  const streamProduct = (trans: boolean, xAt: number, yAt: number, l: number): void => {
    const block = Math.min(rows, Math.max(4, Math.floor(streamBytes / (8 * cols)) & ~3));
    const scratch = w.alloc(block * cols * 8);
    for (let r0 = 0; r0 < rows; r0 += block) {
      const count = Math.min(block, rows - r0);
      w.f64(scratch, count * cols).set(data!.subarray(r0 * cols, (r0 + count) * cols));
      if (trans) gemmAt(w, false, cols, l, count, scratch, 1, cols, xAt + r0 * l * 8, l, 1, yAt, l, r0 > 0);
      else gemmAt(w, false, count, l, cols, scratch, cols, 1, xAt, l, 1, yAt + r0 * l * 8, l, false, true);
    }
  };
  const product =
    (trans: boolean) =>
    (x: Float64Array, l: number, single = false, into?: Float64Array): Float64Array => {
      const useSingle = single && a32 >= 0;
      const size = useSingle ? 4 : 8;
      const inner = trans ? rows : cols;
      const outer = trans ? cols : rows;
      const top = w.mark();
      const xAt = w.alloc(inner * l * size);
      const yAt = w.alloc(outer * l * size);
      (useSingle ? w.f32(xAt, inner * l) : w.f64(xAt, inner * l)).set(x.subarray(0, inner * l));
      const aAt = useSingle ? a32 : a64;
      const ld = useSingle ? ld32 : ld64;
      // A·X: A's rows are the operand's rows (stride ld), read in place by
      // the micro-kernel, without a packing pass over A (interleaved at
      // 4096 × 4096, l = 74: float32 15 % faster, float64 the same); Aᵀ·X: its columns
      // (stride 1), packed (read in place, each k would touch a new row of A:
      // measured 35 % slower).
      if (aAt < 0)
        streamProduct(trans, xAt, yAt, l); // float64 without a resident float64 copy
      else if (trans) gemmAt(w, useSingle, cols, l, rows, aAt, 1, ld, xAt, l, 1, yAt, l, false);
      else gemmAt(w, useSingle, rows, l, cols, aAt, ld, 1, xAt, l, 1, yAt, l, false, true);
      const result = useSingle ? w.f32(yAt, outer * l) : w.f64(yAt, outer * l);
      const out = into ?? new Float64Array(outer * l);
      out.set(result);
      w.release(top);
      return out;
    };
  return { rows, cols, times: product(false), transposeTimes: product(true), setRows, release: () => w.release(mark) };
}
