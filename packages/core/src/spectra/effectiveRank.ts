import { validateSpectrum } from './validateSpectrum.ts';

/**
 * Effective rank (Roy & Vetterli, 2007): `exp(H)` where H is the Shannon
 * entropy of the normalized singular values `p_i = s_i / Σ s` (with
 * 0·log 0 = 0). It is 1 for a rank-one spectrum, k for k equal non-zero
 * values, and in between for decaying spectra; 0 for an all-zero spectrum.
 *
 * @param s Singular values, descending, finite and non-negative.
 * @throws RangeError for invalid s.
 * @example
 * effectiveRank([1, 1, 1, 0]); // 3
 * effectiveRank([5, 0, 0]); // 1
 */
export function effectiveRank(s: ArrayLike<number>): number {
  validateSpectrum('effectiveRank', s);
  const top = s.length > 0 ? s[0] : 0;
  if (top === 0) return 0;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i] / top;
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const p = s[i] / top / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}
