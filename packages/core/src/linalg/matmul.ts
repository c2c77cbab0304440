import { type Matrix, matrix } from './matrix.ts';

/**
 * Matrix product `a · b` of an `m × k` and a `k × n` matrix, returning a new
 * `m × n` matrix.
 *
 * The loop order is i-k-j: the innermost loop runs along a row of `b` and a
 * row of the result, both contiguous in row-major storage, so it streams
 * through memory instead of striding down columns.
 *
 * @throws RangeError if the inner dimensions differ.
 * @example
 * matmul(fromRows([[1, 2], [3, 4]]), fromRows([[5], [6]])); // [[17], [39]]
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new RangeError(
      `matmul: inner dimensions differ; received ${a.rows}×${a.cols} · ${b.rows}×${b.cols}, expected a.cols = b.rows`,
    );
  }
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const out = matrix(m, n);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = A[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += aip * B[bp + j];
    }
  }
  return out;
}
