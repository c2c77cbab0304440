import type { RetrievalCapacity } from './retrievalCapacity.ts';

/**
 * How a parameter is counted: `'nominal'`, the adapter's `r·(d + k)` entries
 * of B and A; or `'effective'`, `r·(d + k − r)`, the dimension of the set of
 * d × k matrices of rank r (B·A = (B·M)·(M⁻¹·A) for any invertible r × r M,
 * so r² of the nominal entries change nothing). They differ most near full
 * rank: at r = d = k the nominal count is 2dk, the effective one dk.
 */
export type ParameterCount = 'nominal' | 'effective';

/** The fit `bits ≈ c·parameters` over ranks, per seed, and its spread. */
export interface BitsPerParameter {
  /** Which parameter count the fit used. */
  count: ParameterCount;
  /** c of each seed (seeds in ascending order), from the least-squares line through the origin. */
  perSeed: Float64Array;
  /** The seeds, ascending. */
  seeds: number[];
  /** Mean of the per-seed c. */
  mean: number;
  /** Sample standard deviation of the per-seed c (0 for one seed). */
  sd: number;
  /** Per rank: parameters, mean bits over seeds and their ratio. */
  perRank: { rank: number; parameters: number; bits: number; bitsPerParameter: number }[];
}

/**
 * Capacity in bits per parameter: for each seed, the least-squares slope c
 * of `bits = c·parameters` through the origin over the ranks measured
 * (`c = Σ bits·p / Σ p²`), then the mean and standard deviation of c over
 * seeds; and the ratio bits/parameters rank by rank, to see whether one c
 * fits all ranks (a constant ratio) or not.
 *
 * @param results {@link retrievalCapacity} results, one per (rank, seed);
 *   every seed should cover the same ranks.
 * @param options `count`: `'nominal'` (default) or `'effective'`, see {@link ParameterCount}.
 * @throws RangeError for no results.
 * @example
 * const results = [1, 2, 4, 8].flatMap((rank) => [0, 1, 2].map((seed) => retrievalCapacity({ d: 32, k: 32, rank, seed })));
 * const c = bitsPerParameter(results);
 * `${c.mean.toFixed(2)} ± ${c.sd.toFixed(2)} bits per parameter`;
 */
export function bitsPerParameter(
  results: readonly RetrievalCapacity[],
  { count = 'nominal' }: { count?: ParameterCount } = {},
): BitsPerParameter {
  if (results.length === 0) throw new RangeError('bitsPerParameter: expected at least one capacity result; received none');
  const params = (r: RetrievalCapacity) => (count === 'nominal' ? r.parameters : r.parameters - r.rank * r.rank);
  const seeds = [...new Set(results.map((r) => r.seed))].sort((a, b) => a - b);
  const perSeed = Float64Array.from(seeds, (seed) => {
    let num = 0;
    let den = 0;
    for (const r of results) {
      if (r.seed !== seed) continue;
      num += r.bits * params(r);
      den += params(r) ** 2;
    }
    return num / den;
  });
  const n = perSeed.length;
  const mean = perSeed.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(perSeed.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const ranks = [...new Set(results.map((r) => r.rank))].sort((a, b) => a - b);
  const perRank = ranks.map((rank) => {
    const rows = results.filter((r) => r.rank === rank);
    const p = params(rows[0]);
    const bits = rows.reduce((a, r) => a + r.bits, 0) / rows.length;
    return { rank, parameters: p, bits, bitsPerParameter: bits / p };
  });
  return { count, perSeed, seeds, mean, sd, perRank };
}
