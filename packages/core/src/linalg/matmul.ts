import { gemmNN } from './gemmNN.ts';
import { type Matrix, matrix } from './matrix.ts';

/**
 * Matrix product `a · b` of an `m × k` and a `k × n` matrix, returning a new
 * `m × n` matrix.
 *
 * Runs on the product kernels (WebAssembly SIMD, or the plain-JS fallback:
 * see `setKernelBackend`), blocked for the caches as in BLIS.
 *
 * @throws RangeError if the inner dimensions differ.
 * @example
 * matmul(fromRows([[1, 2], [3, 4]]), fromRows([[5], [6]])); // [[17], [39]]
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new RangeError(`matmul: inner dimensions differ; received ${a.rows}×${a.cols} · ${b.rows}×${b.cols}, expected a.cols = b.rows`);
  }
  const out = matrix(a.rows, b.cols);
  gemmNN(a.data, b.data, out.data, a.rows, b.cols, a.cols);
  return out;
}
