/**
 * Measures capacity as information (retrievalCapacity for every rank and
 * seed) and writes data/retrieval-capacity.json, the fixture the article's
 * bits-per-parameter figure reads. Run from packages/core (Node ≥ 22.12):
 *
 *     npm run capacity                      # defaults below, resumes a partial file
 *     node scripts/retrievalCapacity.ts --seeds 0,1,2,3 --ranks 1,2,4,8,16,32
 *
 * Too slow for a browser or a site build (about 8 minutes of CPU at the
 * defaults, d = k = 32, ranks 1..32, 3 seeds; up to a minute per search at
 * r ≥ 16, where N nears 180 and a retrieval step costs ~2·N²·d), so the
 * results are committed. The file is rewritten after every (rank,
 * seed), and a rerun with the same settings skips the pairs already there,
 * so a long run can be stopped and resumed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type RetrievalCapacity, bitsPerParameter, retrievalCapacity } from '../src/train/index.ts';

const { values: args } = parseArgs({
  options: {
    d: { type: 'string', default: '32' },
    ranks: { type: 'string', default: '1,2,4,8,16,32' },
    seeds: { type: 'string', default: '0,1,2' },
    out: { type: 'string', default: new URL('../data/retrieval-capacity.json', import.meta.url).pathname },
  },
});
const d = Number(args.d);
const settings = {
  d,
  k: d,
  level: 0.9,
  maxSteps: 2000,
  checkEvery: 100,
  lr: 0.01,
  alpha: 16,
  scaling: 'standard',
  temperature: 0.1,
  tolerance: 0.02,
} as const;
const ranks = args.ranks.split(',').map(Number);
const seeds = args.seeds.split(',').map(Number);

type Row = RetrievalCapacity & { cpuSeconds: number };
interface Fixture {
  generator: { script: string; node: string };
  settings: typeof settings;
  results: Row[];
  /**
   * `bits ≈ c·parameters` fitted over ranks fromRank..toRank: every rank,
   * r ≥ 2 (rank 1 is limited by geometry rather than bits, see the README),
   * and the low-rank regime 2 ≤ r ≤ d/4; nominal r(d+k) and effective
   * r(d+k−r) parameter counts.
   */
  fits: Fit[];
}

interface Fit {
  count: 'nominal' | 'effective';
  fromRank: number;
  toRank: number;
  mean: number;
  sd: number;
  seeds: number[];
  perSeed: number[];
  perRank: { rank: number; parameters: number; bits: number; bitsPerParameter: number }[];
}

function fits(rows: Row[]): Fit[] {
  const out: Fit[] = [];
  for (const count of ['nominal', 'effective'] as const) {
    for (const [fromRank, toRank] of [
      [1, d],
      [2, d],
      [2, Math.floor(d / 4)],
    ]) {
      const kept = rows.filter((r) => r.rank >= fromRank && r.rank <= toRank);
      if (kept.length === 0) continue;
      const b = bitsPerParameter(kept, { count });
      out.push({ count, fromRank, toRank, mean: b.mean, sd: b.sd, seeds: b.seeds, perSeed: Array.from(b.perSeed), perRank: b.perRank });
    }
  }
  return out;
}

let fixture: Fixture = { generator: { script: 'scripts/retrievalCapacity.ts', node: process.version }, settings, results: [], fits: [] };
if (existsSync(args.out)) {
  const old = JSON.parse(readFileSync(args.out, 'utf8')) as Fixture;
  if (JSON.stringify(old.settings) === JSON.stringify(settings))
    fixture = { generator: fixture.generator, settings, results: old.results, fits: [] };
  else console.log(`settings differ from ${args.out}: starting afresh`);
}

function save(): void {
  fixture.results.sort((a, b) => a.rank - b.rank || a.seed - b.seed);
  fixture.fits = fits(fixture.results);
  writeFileSync(args.out, `${JSON.stringify(fixture, null, 1)}\n`);
}

for (const seed of seeds) {
  for (const rank of ranks) {
    if (fixture.results.some((r) => r.rank === rank && r.seed === seed)) continue;
    const cpu = process.cpuUsage();
    const result = retrievalCapacity({ ...settings, rank, seed });
    const used = process.cpuUsage(cpu);
    const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100;
    fixture.results.push({ ...result, cpuSeconds });
    save();
    console.log(
      `r=${rank} seed=${seed}: N=${result.n} (failed at ${result.failedAt}), ${result.bits.toFixed(0)} bits / ${result.parameters} parameters = ${(result.bits / result.parameters).toFixed(2)}, ${cpuSeconds} s CPU, ${result.probes.length} runs`,
    );
  }
}
save();
for (const f of fixture.fits) {
  console.log(
    `bits per ${f.count} parameter over r = ${f.fromRank}..${f.toRank}: ${f.mean.toFixed(2)} ± ${f.sd.toFixed(2)} (${f.seeds.length} seeds)`,
  );
}
