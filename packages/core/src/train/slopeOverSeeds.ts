import { logLogSlope } from './logLogSlope.ts';

/** A log-log slope measured once per seed, and its spread. */
export interface SlopeStatistic {
  /** The slope of each seed (same order as the rows given). */
  perSeed: Float64Array;
  /** Mean of the per-seed slopes. */
  mean: number;
  /** Sample standard deviation of the per-seed slopes (n − 1 in the denominator; 0 for one seed). */
  sd: number;
  /** `sd / √n`: the standard error of the mean. */
  standardError: number;
  /**
   * The slope of log(mean over seeds) instead: free of the small-rank bias
   * of a log of one seed's value (see {@link slopeOverSeeds}), but with no
   * spread of its own.
   */
  ofMean: number;
  /** The ranks that entered the fits (those ≥ fromRank). */
  ranks: number[];
}

/**
 * The slope of log(value) against log(rank), fitted separately for each seed
 * ({@link logLogSlope}), then summarised by its mean and standard deviation
 * over seeds: the statistic to print as "slope = mean ± sd (n seeds)".
 *
 * Fitting per seed and then averaging (rather than fitting the mean curve)
 * gives a spread that says how much one reader's seed can move the slope.
 * Why the fit starts at r = 2 by default: with one seed the rank-r adapter
 * uses the first r rows of the same A, so the value at rank r is a sum of r
 * independent terms and log of it is biased low by about CV²/(2r) (Jensen;
 * CV the coefficient of variation of one term). The bias is largest at r = 1
 * and tilts the fitted slope upwards; starting at r = 2 halves the largest
 * bias, and `fromRank: 1` keeps every rank. `ofMean`, the slope of the
 * mean curve, has no such bias (the expected value is an exact power law
 * for the first-step laws) and is reported beside the per-seed statistic.
 *
 * @param ranks The ranks, positive, at least two of them ≥ fromRank.
 * @param values One row per seed, one value per rank, all > 0.
 * @param options `fromRank`: smallest rank in the fit, default 2.
 * @throws RangeError for no rows, a row of the wrong length, fewer than two
 *   ranks ≥ fromRank, or values that are not finite and > 0 (naming the
 *   point, see {@link logLogSlope}).
 * @example
 * const s = slopeOverSeeds([1, 2, 4, 8], [[1, 0.5, 0.25, 0.125], [2, 1.1, 0.5, 0.26]]);
 * `${s.mean.toFixed(2)} ± ${s.sd.toFixed(2)}`; // "-1.02 ± 0.03" (ranks 2, 4, 8)
 */
export function slopeOverSeeds(
  ranks: readonly number[],
  values: readonly ArrayLike<number>[],
  { fromRank = 2 }: { fromRank?: number } = {},
): SlopeStatistic {
  const fn = 'slopeOverSeeds';
  if (values.length === 0) throw new RangeError(`${fn}: expected at least one row of values (one per seed); received none`);
  const keep = ranks.map((r, i) => [r, i] as const).filter(([r]) => r >= fromRank);
  if (keep.length < 2) {
    throw new RangeError(`${fn}: need at least two ranks >= fromRank = ${fromRank}; received ranks ${ranks.join(', ')}`);
  }
  const x = keep.map(([r]) => r);
  const perSeed = new Float64Array(values.length);
  values.forEach((row, s) => {
    if (row.length !== ranks.length) {
      throw new RangeError(`${fn}: row ${s} has ${row.length} values; expected one per rank (${ranks.length})`);
    }
    perSeed[s] = logLogSlope(
      x,
      keep.map(([, i]) => row[i]),
    );
  });
  const n = perSeed.length;
  const meanCurve = keep.map(([, i]) => values.reduce((acc, row) => acc + row[i] / n, 0));
  let mean = 0;
  for (const v of perSeed) mean += v / n;
  let ss = 0;
  for (const v of perSeed) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { perSeed, mean, sd, standardError: sd / Math.sqrt(n), ofMean: logLogSlope(x, meanCurve), ranks: x };
}
