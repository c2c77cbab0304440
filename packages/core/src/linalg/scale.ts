import { type Matrix, matrix } from './matrix.ts';

/**
 * The matrix `c · a` as a new matrix of the same shape.
 *
 * @example
 * scale(identity(2), 3); // [[3, 0], [0, 3]]
 */
export function scale(a: Matrix, c: number): Matrix {
  const out = matrix(a.rows, a.cols);
  const A = a.data;
  const C = out.data;
  for (let i = 0; i < C.length; i++) C[i] = c * A[i];
  return out;
}
