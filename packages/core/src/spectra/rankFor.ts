import { scaledSquares, validateSpectrum } from './validateSpectrum.ts';

/**
 * The smallest rank r whose top-r singular values capture at least
 * `fraction` of the energy: the least r with
 * `energyCaptured(s, r) >= fraction`.
 *
 * `fraction = 1` asks for all of the energy and gives the number of non-zero
 * singular values, whatever the rounding (never length + 1, and tiny values
 * whose share rounds away still count). An all-zero spectrum gives 0.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @param fraction Target share in (0, 1], e.g. 0.9 for "90 % of the energy".
 * @throws RangeError for invalid s or a fraction outside (0, 1].
 * @example
 * rankFor([4, 3], 0.5); // 1 (0.64 ≥ 0.5)
 * rankFor([4, 3], 0.9); // 2
 * rankFor([4, 3, 0, 0], 1); // 2
 */
export function rankFor(s: ArrayLike<number>, fraction: number): number {
  validateSpectrum('rankFor', s);
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`rankFor: fraction must be in (0, 1]; received ${String(fraction)}`);
  }
  if (fraction === 1) {
    let count = 0;
    while (count < s.length && s[count] > 0) count++;
    return count;
  }
  const sq = scaledSquares(s);
  if (sq.length === 0) return 0;
  let total = 0;
  let nonZero = 0;
  for (let i = 0; i < sq.length; i++) {
    total += sq[i];
    if (sq[i] > 0) nonZero = i + 1;
  }
  // Same summation order as energyCaptured, so the answer agrees with it.
  let cum = 0;
  for (let r = 1; r <= nonZero; r++) {
    cum += sq[r - 1];
    if (cum / total >= fraction) return r;
  }
  return nonZero;
}
