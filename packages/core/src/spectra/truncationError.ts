import { validateRank, validateSpectrum } from './validateSpectrum.ts';

/**
 * Relative Frobenius error of the best rank-r approximation (Eckart–Young):
 * `‖A − A_r‖_F / ‖A‖_F = sqrt(Σ_{i≥r} s_i²) / sqrt(Σ_i s_i²)`, in [0, 1].
 *
 * The tail sum is computed directly (not as 1 − energy), so small errors
 * keep their relative precision: for s = [1, 1e-9] the result is 1e-9, not
 * 0, and even [1, 1e-200] gives 1e-200 (each sum is scaled by its own
 * largest term). `r = 0` gives 1 (0 for an all-zero spectrum), `r >= s.length` gives 0.
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
  const top = s.length > 0 ? s[0] : 0;
  if (top === 0 || r >= s.length) return 0;
  const lead = s[r];
  if (lead === 0) return 0;
  // error = (s_r / s_0) · sqrt(Σ_{i≥r} (s_i/s_r)² / Σ_i (s_i/s_0)²): each sum is
  // scaled by its own largest term, so neither underflows even when the
  // error itself is 1e-200.
  let tail = 0;
  for (let i = r; i < s.length; i++) {
    const t = s[i] / lead;
    tail += t * t;
  }
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const t = s[i] / top;
    total += t * t;
  }
  return (lead / top) * Math.sqrt(tail / total);
}
