import { type Matrix, assertSameShape, matrix } from './matrix.ts';

/**
 * Entry-wise sum `a + b` as a new matrix of the same shape.
 *
 * @throws RangeError if the shapes differ.
 * @example
 * add(identity(2), identity(2)); // [[2, 0], [0, 2]]
 */
export function add(a: Matrix, b: Matrix): Matrix {
  assertSameShape('add', a, b);
  const out = matrix(a.rows, a.cols);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < C.length; i++) C[i] = A[i] + B[i];
  return out;
}
