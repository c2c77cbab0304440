import { scaledSquares, validateRank, validateSpectrum } from './validateSpectrum.ts';

/**
 * Relative Frobenius error of the best rank-r approximation (Eckart–Young):
 * `‖A − A_r‖_F / ‖A‖_F = sqrt(Σ_{i≥r} s_i²) / sqrt(Σ_i s_i²)`, in [0, 1].
 *
 * The tail sum is computed directly (not as 1 − energy), so small errors
 * keep their relative precision: for s = [1, 1e-9] the result is ≈ 1e-9, not
 * 0. `r = 0` gives 1 (0 for an all-zero spectrum), `r >= s.length` gives 0.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @param r Rank of the approximation, a non-negative integer.
 * @throws RangeError for invalid s or r.
 * @example
 * truncationError([4, 3], 1); // 3 / 5 = 0.6
 * truncationError([1, 1e-9], 1); // 1e-9 (to rounding)
 */
export function truncationError(s: ArrayLike<number>, r: number): number {
  validateSpectrum('truncationError', s);
  validateRank('truncationError', r);
  const sq = scaledSquares(s);
  if (sq.length === 0 || r >= sq.length) return 0;
  let tail = 0;
  for (let i = r; i < sq.length; i++) tail += sq[i];
  let total = tail;
  for (let i = 0; i < r; i++) total += sq[i];
  return Math.sqrt(tail / total);
}
