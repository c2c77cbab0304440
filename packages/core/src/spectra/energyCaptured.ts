import { scaledSquares, validateRank, validateSpectrum } from './validateSpectrum.ts';

/**
 * Share of the squared Frobenius norm ("energy") captured by the top `r`
 * singular values: `Σ_{i<r} s_i² / Σ_i s_i²`, in [0, 1].
 *
 * This is the energy of the best rank-r approximation (Eckart–Young).
 * `r = 0` gives 0, `r >= s.length` gives exactly 1, and an all-zero
 * spectrum gives 0. Equal to `energyCurve(s)[r − 1]` bit for bit.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @param r Number of leading values kept, a non-negative integer.
 * @throws RangeError for invalid s or r.
 * @example
 * energyCaptured([4, 3], 1); // 16 / 25 = 0.64
 * energyCaptured([4, 3], 2); // 1
 */
export function energyCaptured(s: ArrayLike<number>, r: number): number {
  validateSpectrum('energyCaptured', s);
  validateRank('energyCaptured', r);
  const sq = scaledSquares(s);
  if (sq.length === 0 || r === 0) return 0;
  if (r >= sq.length) return 1;
  let head = 0;
  for (let i = 0; i < r; i++) head += sq[i];
  let total = head;
  for (let i = r; i < sq.length; i++) total += sq[i];
  return head / total;
}
