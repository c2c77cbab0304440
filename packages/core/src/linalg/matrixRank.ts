import { type Matrix } from './matrix.ts';
import { validateSpectrum } from '../spectra/validateSpectrum.ts';
import { svd } from './svd.ts';

/** np.finfo(np.float64).eps, the spacing of doubles at 1 (2^-52). */
const EPS = 2.220446049250313e-16;

/**
 * Numerical rank: the number of singular values greater than `tol`.
 *
 * The default tolerance is NumPy's and LAPACK's, `max(m, n) · σ₁ · eps` with
 * eps = 2^-52 (`np.linalg.matrix_rank`). Given a matrix, its singular
 * values are computed (values only). Given the singular values themselves
 * (descending), the default takes max(m, n) = the number of values, i.e.
 * assumes a square matrix; pass `tol` for anything else.
 *
 * @param a A matrix, or its singular values in descending order.
 * @param tol Singular values `<= tol` count as zero. Default above.
 * @throws RangeError for a negative or non-finite tol, or invalid singular
 *   values (negative, NaN, unsorted).
 * @example
 * matrixRank(fromRows([[1, 2], [2, 4]])); // 1
 * matrixRank([3, 1e-20]); // 1
 * matrixRank([3, 0.5, 0.01], 0.1); // 2
 */
export function matrixRank(a: Matrix | ArrayLike<number>, tol?: number): number {
  let s: ArrayLike<number>;
  let maxDim: number;
  if (isMatrix(a)) {
    s = svd(a, { vectors: false }).s;
    maxDim = Math.max(a.rows, a.cols);
  } else {
    validateSpectrum('matrixRank', a);
    s = a;
    maxDim = a.length;
  }
  if (tol !== undefined && !(tol >= 0 && tol < Infinity)) {
    throw new RangeError(`matrixRank: tol must be a finite non-negative number; received ${String(tol)}`);
  }
  if (s.length === 0) return 0;
  const threshold = tol ?? maxDim * s[0] * EPS;
  let rank = 0;
  for (let i = 0; i < s.length; i++) if (s[i] > threshold) rank++;
  return rank;
}

function isMatrix(a: Matrix | ArrayLike<number>): a is Matrix {
  return typeof (a as Matrix).rows === 'number' && (a as Matrix).data instanceof Float64Array;
}
