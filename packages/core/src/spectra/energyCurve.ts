import { scaledSquares, validateSpectrum } from './validateSpectrum.ts';

/**
 * The whole energy curve in one pass: entry `r − 1` is the share of squared
 * Frobenius norm captured by the top r singular values, for r = 1..p. It
 * rises to exactly 1 at the last non-zero value. An all-zero spectrum gives
 * all zeros.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @returns A Float64Array of length `s.length`.
 * @throws RangeError for invalid s.
 * @example
 * energyCurve([4, 3]); // [0.64, 1]
 */
export function energyCurve(s: ArrayLike<number>): Float64Array {
  validateSpectrum('energyCurve', s);
  const sq = scaledSquares(s);
  const out = new Float64Array(s.length);
  if (sq.length === 0) return out;
  let total = 0;
  for (let i = 0; i < sq.length; i++) total += sq[i];
  let cum = 0;
  for (let i = 0; i < sq.length; i++) {
    cum += sq[i];
    out[i] = cum / total;
  }
  // Summed in the same order as total, cum equals it exactly once the
  // non-zero values are used up; the last entry is 1 in any case.
  out[sq.length - 1] = 1;
  return out;
}
