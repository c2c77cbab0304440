import { type Matrix, matrix } from './matrix.ts';

/**
 * The transpose `aᵀ` as a new `cols × rows` matrix.
 *
 * @example
 * transpose(fromRows([[1, 2, 3]])); // [[1], [2], [3]]
 */
export function transpose(a: Matrix): Matrix {
  const { rows, cols } = a;
  const out = matrix(cols, rows);
  const A = a.data;
  const T = out.data;
  // Blocked so that both the reads and the strided writes stay in cache for
  // large matrices.
  const bs = 32;
  for (let i0 = 0; i0 < rows; i0 += bs) {
    const i1 = Math.min(i0 + bs, rows);
    for (let j0 = 0; j0 < cols; j0 += bs) {
      const j1 = Math.min(j0 + bs, cols);
      for (let i = i0; i < i1; i++) {
        const ai = i * cols;
        for (let j = j0; j < j1; j++) T[j * rows + i] = A[ai + j];
      }
    }
  }
  return out;
}
