// The kernel workloads of `npm run bench:browser`, shared by its Node side
// and its Chromium page (served with the types stripped), so both run the
// very same code on the very same matrices.

import { RandomState, matmul, randomizedSvd, type Matrix, type RandomizedSvdOptions } from '../../packages/core/src/index.ts';
import { gemm } from '../../packages/core/src/kernels/gemm.ts';

/** GEMM size: n × n times n × n. */
export const GEMM_N = 1024;

/** Randomized SVD: the top 64 of an RSVD_N × RSVD_N matrix. */
export const RSVD_N = 4096;

/** The core bench's fixed-iteration settings (`bench/kernelBench.ts`), so both benches can be read side by side. */
export const RSVD_FIXED: RandomizedSvdOptions = { rank: 64, powerIterations: 3 };

/** GFLOP/s of an n × n GEMM that took `ms`. */
export const gflops = (n: number, ms: number) => (2 * n ** 3) / ms / 1e6;

/** The GEMM operand: RandomState(n).randn(n, n), as doubles or floats. */
export function gemmOperand(n: number, single: boolean): Float64Array | Float32Array {
  const a = new RandomState(n).randn(n, n).data;
  return single ? Float32Array.from(a) : a;
}

/** C = A·B on this thread's kernels, for A `rows × n` and B `n × n` (row-major, both doubles or both floats). */
export function product(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  rows: number,
  n: number,
): Float64Array | Float32Array {
  const c = a instanceof Float32Array ? new Float32Array(rows * n) : new Float64Array(rows * n);
  gemm(rows, n, n, a, n, 1, b, n, 1, c, n, false);
  return c;
}

/** X·diag(0.97^j)·Y + noise, n × n: the fine-tune-like update of the core's kernel bench. */
export function decayingUpdate(n: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const k = 256;
  const x = rng.randn(n, k);
  const y = rng.randn(k, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x.data[i * k + j] *= 0.97 ** j / n;
  const a = matmul(x, y);
  const noise = rng.randn(n, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] += (1e-4 * noise.data[i]) / Math.sqrt(n);
  return a;
}

/** Milliseconds of one randomized SVD on this thread, with the accuracy it reached. */
export function timeRandomizedSvd(a: Matrix, options: RandomizedSvdOptions): { ms: number; accuracy: number; iterations: number } {
  const t0 = performance.now();
  const r = randomizedSvd(a, options);
  return { ms: performance.now() - t0, accuracy: r.accuracy, iterations: r.iterations };
}

/** The median of some timings. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[(s.length - 1) >> 1]!;
}
