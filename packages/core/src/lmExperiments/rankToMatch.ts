/**
 * The share of the gap between the untrained model and full fine-tuning
 * that a run closes: `(base − value) / (base − full)`. Works for a loss
 * (lower is better) and for recall (higher is better) alike: 1 means as
 * good as full fine-tuning, 0 no better than the base. NaN when full
 * fine-tuning does not differ from the base.
 *
 * @example
 * gapClosed(1.2, 2.0, 1.0); // 0.8 (a loss: 80 % of full fine-tuning's improvement)
 * gapClosed(0.45, 0, 0.5); // 0.9 (recall)
 */
export function gapClosed(value: number, base: number, full: number): number {
  return base === full ? NaN : (base - value) / (base - full);
}

/**
 * The smallest rank whose run comes within `1 − share` of full
 * fine-tuning, i.e. closes at least `share` (default 0.9: "within 10 %")
 * of the gap between the untrained model and full fine-tuning
 * ({@link gapClosed}); null if no rank does.
 *
 * @param points One value per rank (any order).
 * @example
 * rankToMatch([{ rank: 1, value: 1.5 }, { rank: 4, value: 1.08 }, { rank: 16, value: 1.0 }], 2, 1); // 4
 */
export function rankToMatch(points: readonly { rank: number; value: number }[], base: number, full: number, share = 0.9): number | null {
  const ok = points.filter((p) => gapClosed(p.value, base, full) >= share).map((p) => p.rank);
  return ok.length > 0 ? Math.min(...ok) : null;
}
