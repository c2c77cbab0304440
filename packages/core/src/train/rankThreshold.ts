import type { RecallMeasures } from './recallMeasures.ts';

/**
 * The smallest rank from which a recall measure meets a level at every
 * larger rank measured: the threshold read off a curve of
 * {@link bestRankRecall} or {@link truncatedRecall} rows. With a full grid
 * of ranks (1, 2, …, min(d, k)) it is exact; with a coarser grid it is the
 * smallest grid rank that qualifies, so the true threshold lies between it
 * and the grid rank before it.
 *
 * "At every larger rank" rather than "first reached" because retrieval
 * accuracy and the cosine share need not be monotone in r (one key can flip
 * back as the outputs move); the relative error of both methods is
 * non-increasing, so for it the two readings agree.
 *
 * @param rows Rows with a `rank` and the measures, any order.
 * @param measure Which measure: `'relativeError'` (met when ≤ level),
 *   `'cosineShare'` or `'retrievalAccuracy'` (met when ≥ level).
 * @returns The rank, or `null` when the largest rank measured does not meet
 *   the level.
 * @example
 * rankThreshold(bestRankRecall(facts, grid), 'retrievalAccuracy', 0.9); // 9 to 11 for 64 facts at d = k = 64
 * rankThreshold(rows, 'relativeError', 0.1); // null: no rank recalls within 10 %
 */
export function rankThreshold(
  rows: readonly (RecallMeasures & { rank: number })[],
  measure: keyof RecallMeasures,
  level: number,
): number | null {
  const sorted = [...rows].sort((a, b) => b.rank - a.rank);
  const meets = (v: number) => (measure === 'relativeError' ? v <= level : v >= level);
  let found: number | null = null;
  for (const row of sorted) {
    if (!meets(row[measure])) break;
    found = row.rank;
  }
  return found;
}
