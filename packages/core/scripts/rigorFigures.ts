/**
 * Prints the figures the article's prose quotes about rigor: first-step
 * slopes with their spread, the best rank-r floor against the SVD
 * truncation, capacity thresholds (truncation against the best rank-r fit),
 * the rsLoRA ≡ LoRA+ equivalence, the learning-rate sweep per rank, LoRA
 * parameter counts, and the bits-per-parameter fit read from
 * data/retrieval-capacity.json. Run from packages/core:
 *
 *     npm run figures            # a few minutes of one core
 *
 * Every section reports CPU seconds (process.cpuUsage), which, unlike wall
 * time, does not depend on how loaded the machine is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { RandomState, frobeniusNorm, matmul, sub, svd, transpose, type Matrix } from '../src/index.ts';
import { highRankUpdate, lowRankUpdate } from '../src/experiments/index.ts';
import {
  LLAMA_SHAPES,
  associationTask,
  bestLearningRates,
  bestRankRecall,
  createTrainer,
  firstOrderCurves,
  firstStepLaw,
  learningRateSweep,
  logGrid,
  loraParameterCount,
  rankThreshold,
  reducedRankFloor,
  regressionTask,
  rsloraAsLoraPlus,
  slopeOverSeeds,
  truncatedRecall,
  type RegressionTask,
  type TrainerConfig,
} from '../src/train/index.ts';

const D = 64;
const SEED = 42; // the lab's default seed: target from it, inputs from SEED + 1
const ALPHA = 16;
const RANKS = [1, 2, 4, 8, 16, 32, 64];
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

function labTask(kind: 'style' | 'facts'): { task: RegressionTask; target: Matrix } {
  const rng = new RandomState(SEED);
  const target =
    kind === 'facts' ? highRankUpdate({ d: D, k: D, noise: 0.01, rng }) : lowRankUpdate({ d: D, k: D, trueRank: 4, noise: 0.01, rng });
  return { task: regressionTask({ target, seed: SEED + 1 }), target };
}

function timed<T>(f: () => T): [T, number] {
  const start = process.cpuUsage();
  const out = f();
  const used = process.cpuUsage(start);
  return [out, (used.user + used.system) / 1e6];
}

const pm = (m: number, s: number) => `${m >= 0 ? '+' : '−'}${Math.abs(m).toFixed(2)} ± ${s.toFixed(2)}`;

console.log(
  `# First-step laws: d = k = ${D}, alpha ${ALPHA}, ranks ${RANKS.join(', ')}, ${SEEDS.length} seeds of A (0..${SEEDS.length - 1})`,
);
console.log(
  'target  optimizer scaling   predicted | probe lr  drop slope r≥2  (r≥1)          mean curve | exact first-order slope r≥2 | CPU s',
);
for (const kind of ['style', 'facts'] as const) {
  const { task } = labTask(kind);
  const [curves, curveSeconds] = timed(() => firstOrderCurves({ task, ranks: RANKS, seeds: SEEDS, alpha: ALPHA }));
  for (const [type, lr] of [
    ['sgd', 0.2],
    ['adam', 0.005],
  ] as const) {
    for (const scaling of ['standard', 'rslora'] as const) {
      const [law, seconds] = timed(() =>
        firstStepLaw({ task, ranks: RANKS, seeds: SEEDS, alpha: ALPHA, scaling, optimizer: { type, lr } }),
      );
      const all = slopeOverSeeds(RANKS, law.drops, { fromRank: 1 });
      const exact = curves.find((c) => c.optimizer === type && c.scaling === scaling)!;
      console.log(
        `${kind.padEnd(7)} ${type.padEnd(9)} ${scaling.padEnd(9)} ${String(law.predictedSlope).padStart(5)}     | ${law.probeLr.toExponential(2)}  ${pm(law.slope.mean, law.slope.sd)}  (${pm(all.mean, all.sd)})  ${pm(law.slope.ofMean, 0).slice(0, 6)}     | ${pm(exact.slope.mean, exact.slope.sd)} | ${seconds.toFixed(2)}`,
      );
    }
  }
  console.log(`${kind}: firstOrderCurves (all four curves) ${curveSeconds.toFixed(3)} s CPU`);
}

console.log('\n# Best rank-r floor (reduced-rank regression) against the SVD truncation of T, under the lab loss (n = 2k Gaussian inputs)');
for (const kind of ['style', 'facts'] as const) {
  const { task, target } = labTask(kind);
  const [floor, seconds] = timed(() => reducedRankFloor(task));
  const { u, s, vt } = svd(target);
  const rows: string[] = [];
  for (const r of [1, 4, 8, 16, 32, 48]) {
    const tr = new Float64Array(D * D);
    for (let l = 0; l < r; l++)
      for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) tr[i * D + j] += u.data[i * D + l] * s[l] * vt.data[l * D + j];
    const truncLoss = frobeniusNorm(sub(matmul(task.x, transpose({ rows: D, cols: D, data: tr })), task.y)) ** 2 / (task.x.rows * D);
    rows.push(`r=${r}: ${floor[r].toPrecision(4)} vs ${truncLoss.toPrecision(4)}`);
  }
  console.log(
    `${kind} (floor vs truncation; loss at Delta = 0 is ${floor[0].toPrecision(4)}; ${seconds.toFixed(3)} s CPU): ${rows.join('; ')}`,
  );
}
{
  const { task } = labTask('facts');
  const floor = reducedRankFloor(task);
  const t = createTrainer({ task, rank: 16, alpha: ALPHA, scaling: 'rslora', seed: SEED, optimizer: { type: 'adam', lr: 0.005 } });
  t.run(2000);
  console.log(
    `facts, r = 16, Adam alpha/√r lr 0.005, 2000 steps: loss ${t.loss().toPrecision(6)} against floor ${floor[16].toPrecision(6)}`,
  );
}

console.log(
  `\n# Capacity thresholds (d = k = ${D}, facts with random values, seeds 0..4): smallest rank from which the measure holds, truncation of W* → best rank-r fit`,
);
const grid = Array.from({ length: D }, (_, i) => i + 1);
const show = (r: number | null) => (r === null ? '—' : String(r));
for (const n of [32, 64, 96, 128, 256]) {
  const cells: string[] = [];
  let seconds = 0;
  for (let seed = 0; seed < 5; seed++) {
    const facts = associationTask({ kind: 'facts', n, d: D, k: D, seed: SEED + seed });
    const [[trunc, best], s] = timed(() => [truncatedRecall(facts, grid), bestRankRecall(facts, grid)] as const);
    seconds += s;
    const th = (m: 'relativeError' | 'cosineShare' | 'retrievalAccuracy', level: number) =>
      `${show(rankThreshold(trunc, m, level))}→${show(rankThreshold(best, m, level))}`;
    cells.push(
      `[err≤0.1 ${th('relativeError', 0.1)}, cos≥0.9 for 90 % ${th('cosineShare', 0.9)}, retrieval≥90 % ${th('retrievalAccuracy', 0.9)}, full-rank err ${best[D - 1].relativeError.toFixed(3)}]`,
    );
  }
  console.log(`N = ${n} (${(seconds / 5).toFixed(3)} s CPU per seed for both full grids): ${cells.join(' ')}`);
}
{
  const facts = associationTask({ kind: 'facts', n: 64, d: D, k: D, seed: SEED });
  const t = truncatedRecall(facts, [32])[0];
  const b = bestRankRecall(facts, [32])[0];
  console.log(
    `N = 64, seed ${SEED}, r = 32: error ${t.relativeError.toFixed(3)} → ${b.relativeError.toFixed(3)}, cosine ≥ 0.9 ${(100 * t.cosineShare).toFixed(0)} % → ${(100 * b.cosineShare).toFixed(0)} %, retrieval ${(100 * t.retrievalAccuracy).toFixed(0)} % → ${(100 * b.retrievalAccuracy).toFixed(0)} %`,
  );
}

console.log(
  '\n# rsLoRA under Adam ≡ alpha/r with B’s learning rate × √r (facts target, Adam lr 0.005, 200 steps): largest relative ΔW gap',
);
{
  const { task } = labTask('facts');
  for (const eps of [1e-16, 1e-8]) {
    const cells: string[] = [];
    for (const rank of [8, 16, 48]) {
      const rs: TrainerConfig = { task, rank, alpha: ALPHA, scaling: 'rslora', seed: SEED, optimizer: { type: 'adam', lr: 0.005, eps } };
      const a = createTrainer(rs);
      const b = createTrainer(rsloraAsLoraPlus(rs));
      let worst = 0;
      for (let s = 0; s < 200; s++) {
        a.step();
        b.step();
        const da = a.delta();
        worst = Math.max(worst, frobeniusNorm(sub(da, b.delta())) / frobeniusNorm(da));
      }
      cells.push(`r=${rank}: ${worst.toExponential(1)}`);
    }
    console.log(`eps ${eps}: ${cells.join(', ')}`);
  }
}

console.log('\n# Learning-rate sweep per rank (Adam, alpha 16, full batch, 1 seed)');
for (const [label, ranks, perDecade, steps, lo, hi, seeds] of [
  ['fast default', [1, 4, 16, 64], 4, 30, 3e-3, 0.3, [0]],
  ['fine', RANKS, 8, 30, 1e-3, 1, [0, 1, 2]],
] as const) {
  for (const kind of ['style', 'facts'] as const) {
    const { task } = labTask(kind);
    const [runs, seconds] = timed(() => [
      ...learningRateSweep({
        task,
        ranks,
        optimizer: { type: 'adam' },
        learningRates: logGrid(lo, hi, perDecade),
        steps,
        alpha: ALPHA,
        seeds,
      }),
    ]);
    const { optima, slopes } = bestLearningRates(runs);
    const from4 = bestLearningRates(runs, { fromRank: 4 }).slopes;
    const line = (scaling: 'standard' | 'rslora') =>
      optima
        .filter((o) => o.scaling === scaling)
        .map((o) => `r=${o.rank}: ${o.refinedLr.toPrecision(2)}${o.atEdge ? ' (edge)' : ''}`)
        .join(', ');
    console.log(
      `${label}, ${kind}: ${runs.length} runs × ${steps} steps, grid ${lo}..${hi} at ${perDecade}/decade, ${seeds.length} seed(s), ${seconds.toFixed(1)} s CPU`,
    );
    for (const scaling of ['standard', 'rslora'] as const) {
      const s = slopes.find((x) => x.scaling === scaling)?.slope;
      const s4 = from4.find((x) => x.scaling === scaling)?.slope;
      console.log(
        `  ${scaling}: best rate ${line(scaling)}; slope of log best rate on log r: ${s ? pm(s.mean, s.sd) : '—'} (r ≥ 4: ${s4 ? pm(s4.mean, s4.sd) : '—'})`,
      );
    }
  }
}

console.log('\n# LoRA parameters on Llama 3 shapes');
for (const size of ['1B', '8B', '70B'] as const) {
  const cells: string[] = [];
  for (const r of [1, 8, 16, 64]) {
    const qv = loraParameterCount(LLAMA_SHAPES[size], r, ['q_proj', 'v_proj']);
    const all = loraParameterCount(LLAMA_SHAPES[size], r, 'all-linear');
    cells.push(
      `r=${r}: q,v ${(qv.total / 1e6).toFixed(2)} M, all-linear ${(all.total / 1e6).toFixed(2)} M (${(100 * all.share).toFixed(3)} %)`,
    );
  }
  console.log(
    `${LLAMA_SHAPES[size].name} (${(loraParameterCount(LLAMA_SHAPES[size], 1, 'all-linear').modelParameters / 1e9).toFixed(2)} B): ${cells.join('; ')}`,
  );
}

for (const name of ['retrieval-capacity.json', 'retrieval-capacity-d64.json']) {
  const file = new URL(`../data/${name}`, import.meta.url);
  if (!existsSync(file)) continue;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const fit = (count: string, fromRank: number) =>
    data.fits.filter((f: { count: string; fromRank: number }) => f.count === count && f.fromRank === fromRank);
  console.log(
    `\n# Capacity as information (data/${name}, d = k = ${data.settings.d}): largest N retrieved at ≥ 90 %, bits = retrieved·log₂N`,
  );
  const all = fit('nominal', 1)[0];
  const eff = fit('effective', 1)[0];
  for (const row of all.perRank) {
    const ns = data.results.filter((r: { rank: number }) => r.rank === row.rank).map((r: { n: number }) => r.n);
    const e = eff.perRank.find((x: { rank: number }) => x.rank === row.rank);
    console.log(
      `r=${row.rank}: N = ${ns.join(', ')}; ${row.bits.toFixed(0)} bits, ${row.parameters} parameters (${row.bitsPerParameter.toFixed(2)} bits each; effective ${e.parameters}: ${e.bitsPerParameter.toFixed(2)})`,
    );
  }
  for (const f of data.fits)
    console.log(
      `fit over r = ${f.fromRank}..${f.toRank}, ${f.count} count: ${pm(f.mean, f.sd)} bits per parameter (${f.seeds.length} seeds)`,
    );
  const cpu = data.results.reduce((a: number, r: { cpuSeconds: number }) => a + r.cpuSeconds, 0);
  console.log(`${(cpu / 60).toFixed(1)} min CPU to measure`);
}
