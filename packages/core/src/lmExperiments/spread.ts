/** Order statistics of a sample: what a chart draws as a point and its whiskers. */
export interface Spread {
  /** Sample size. */
  n: number;
  median: number;
  /** First and third quartiles (linear interpolation between order statistics, NumPy's default). */
  q25: number;
  q75: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * Median, quartiles, extremes and mean of a sample (NaN values are
 * skipped; an empty sample gives NaN everywhere and n = 0).
 *
 * @example
 * spread([1, 2, 3, 4]); // { n: 4, median: 2.5, q25: 1.75, q75: 3.25, min: 1, max: 4, mean: 2.5 }
 */
export function spread(values: Iterable<number>): Spread {
  const v = [...values].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { n: 0, median: NaN, q25: NaN, q75: NaN, min: NaN, max: NaN, mean: NaN };
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
  };
  let sum = 0;
  for (const x of v) sum += x;
  return { n, median: q(0.5), q25: q(0.25), q75: q(0.75), min: v[0], max: v[n - 1], mean: sum / n };
}
