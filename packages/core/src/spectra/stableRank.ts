import { scaledSquares, validateSpectrum } from './validateSpectrum.ts';

/**
 * Stable rank `‖A‖_F² / ‖A‖₂² = Σ s_i² / s_1²`: a smooth, scale-free
 * count of significant directions, between 1 and the rank (0 for an
 * all-zero spectrum).
 *
 * @param s Singular values, descending, finite and non-negative.
 * @throws RangeError for invalid s.
 * @example
 * stableRank([2, 2, 2]); // 3
 * stableRank([4, 3]); // 25 / 16 = 1.5625
 */
export function stableRank(s: ArrayLike<number>): number {
  validateSpectrum('stableRank', s);
  const sq = scaledSquares(s);
  let total = 0;
  for (let i = 0; i < sq.length; i++) total += sq[i];
  return total;
}
