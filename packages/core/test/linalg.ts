// Small linear-algebra helpers for the tests (plain and obviously correct).
import { type Matrix, frobeniusNorm, identity, matmul, matrix, sub, transpose } from '../src/index.ts';

/** ‖AᵀA − I‖_F: how far the columns of A are from orthonormal. */
export function orthogonalityError(a: Matrix): number {
  return frobeniusNorm(sub(matmul(transpose(a), a), identity(a.cols)));
}

/** U·diag(s)·Vᵀ from a thin SVD. */
export function reconstruct(u: Matrix, s: ArrayLike<number>, vt: Matrix): Matrix {
  const us = matrix(u.rows, u.cols);
  for (let i = 0; i < u.rows; i++) for (let j = 0; j < u.cols; j++) us.data[i * u.cols + j] = u.data[i * u.cols + j] * s[j];
  return matmul(us, vt);
}

/** Column j of a matrix as a plain array. */
export function column(a: Matrix, j: number): number[] {
  return Array.from({ length: a.rows }, (_, i) => a.data[i * a.cols + j]);
}
