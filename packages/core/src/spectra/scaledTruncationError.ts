import { scaledSquares, validateRank, validateSpectrum } from './validateSpectrum.ts';

/**
 * Relative Frobenius error `‖A − c·A_r‖_F / ‖A‖_F` of the best rank-r
 * approximation A_r multiplied by a factor c (a LoRA scale such as alpha/r),
 * from the singular values alone.
 *
 * A − c·A_r = (A − A_r) + (1 − c)·A_r, and the two terms are orthogonal in
 * the Frobenius inner product (A − A_r lives on the trailing singular
 * vectors, A_r on the leading ones), so
 * ‖A − c·A_r‖² = ‖A − A_r‖² + (1 − c)²·‖A_r‖² = Σ_{i≥r} s_i² + (1 − c)²·Σ_{i<r} s_i².
 * With c = 1 this is {@link truncationError}; any c ≠ 1 is worse, and c = 2
 * gives exactly 1 (the error of predicting no update at all).
 *
 * @param s Singular values, descending, finite and non-negative.
 * @param r Rank, a non-negative integer.
 * @param c Scale factor, finite.
 * @throws RangeError for invalid s, r or c.
 * @example
 * scaledTruncationError([4, 3], 1, 1); // 0.6, the Eckart–Young optimum
 * scaledTruncationError([4, 3], 1, 2); // 1
 */
export function scaledTruncationError(s: ArrayLike<number>, r: number, c: number): number {
  validateSpectrum('scaledTruncationError', s);
  validateRank('scaledTruncationError', r);
  if (!Number.isFinite(c)) {
    throw new RangeError(`scaledTruncationError: c must be finite; received ${String(c)}`);
  }
  const sq = scaledSquares(s);
  if (sq.length === 0) return 0;
  let head = 0;
  let tail = 0;
  const k = Math.min(r, sq.length);
  for (let i = 0; i < k; i++) head += sq[i];
  for (let i = k; i < sq.length; i++) tail += sq[i];
  const f = 1 - c;
  return Math.sqrt((tail + f * f * head) / (head + tail));
}
