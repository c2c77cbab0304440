/**
 * Capacity as information, read from the committed measurements of the core
 * (`npm run capacity -w @lora-rank/core` writes them: for each rank and
 * seed, the largest number N of random facts an adapter trained on the
 * retrieval loss retrieves at ≥ 90 % among N candidates). Too slow to run in
 * the page (minutes of CPU per rank), so the page draws the file's numbers.
 */

/** One measurement of the fixture: a rank, a seed, and what it held. */
export interface CapacityMeasurement {
  rank: number;
  seed: number;
  /** The adapter's nominal parameters, r·(d + k). */
  parameters: number;
  /** The largest N retrieved at the level. */
  n: number;
  /** Facts retrieved at that N. */
  retrieved: number;
  /** retrieved · log₂ N. */
  bits: number;
}

/** A least-squares fit of bits = c · parameters through the origin, per seed, over a range of ranks. */
export interface CapacityFit {
  count: 'nominal' | 'effective';
  fromRank: number;
  toRank: number;
  mean: number;
  sd: number;
  seeds: number[];
}

/** The part of a fixture file the page uses. */
export interface CapacityFixture {
  settings: { d: number; k: number; level: number; maxSteps: number; lr: number; alpha: number };
  results: CapacityMeasurement[];
  fits: CapacityFit[];
}

/** What the bits chart and its table show for one layer size. */
export interface BitsSummary {
  d: number;
  k: number;
  level: number;
  points: { rank: number; seed: number; parameters: number; bits: number; n: number }[];
  perRank: { rank: number; parameters: number; nMin: number; nMax: number; bits: number; bitsPerParameter: number }[];
  /** The fit over the low ranks (r = 2 … 8, those measured), where bits grow linearly with parameters. */
  lowRank: CapacityFit | null;
  /** The ranks the low-rank fit covers, as measured. */
  lowRanks: [number, number];
  /** The fit over every rank measured. */
  allRanks: CapacityFit | null;
}

/** The chart's and the prose's numbers from one fixture. */
export function bitsSummary(fixture: CapacityFixture): BitsSummary {
  const ranks = [...new Set(fixture.results.map((r) => r.rank))].sort((a, b) => a - b);
  const perRank = ranks.map((rank) => {
    const rows = fixture.results.filter((r) => r.rank === rank);
    const bits = rows.reduce((s, r) => s + r.bits, 0) / rows.length;
    const parameters = rows[0]!.parameters;
    return {
      rank,
      parameters,
      nMin: Math.min(...rows.map((r) => r.n)),
      nMax: Math.max(...rows.map((r) => r.n)),
      bits,
      bitsPerParameter: bits / parameters,
    };
  });
  const nominal = fixture.fits.filter((f) => f.count === 'nominal');
  const maxRank = ranks.at(-1) ?? 0;
  return {
    d: fixture.settings.d,
    k: fixture.settings.k,
    level: fixture.settings.level,
    points: fixture.results.map(({ rank, seed, parameters, bits, n }) => ({ rank, seed, parameters, bits, n })),
    perRank,
    lowRank: nominal.find((f) => f.fromRank === 2 && f.toRank === Math.min(8, maxRank)) ?? nominal.find((f) => f.fromRank === 2) ?? null,
    lowRanks: [2, Math.min(8, maxRank)],
    allRanks: nominal.find((f) => f.fromRank === 1 && f.toRank === maxRank) ?? null,
  };
}
