import { type Matrix, assertSameShape, matrix } from './matrix.ts';

/**
 * Entry-wise difference `a − b` as a new matrix of the same shape.
 *
 * @throws RangeError if the shapes differ.
 * @example
 * sub(fromRows([[3, 4]]), fromRows([[1, 1]])); // [[2, 3]]
 */
export function sub(a: Matrix, b: Matrix): Matrix {
  assertSameShape('sub', a, b);
  const out = matrix(a.rows, a.cols);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < C.length; i++) C[i] = A[i] - B[i];
  return out;
}
