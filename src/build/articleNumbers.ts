/**
 * Numbers the article's prose quotes, computed at build time by the core from
 * the original experiment's seed (42) and alpha (16), so that the text can
 * never drift from what the demos compute. Import in MDX and write `{N.x}`.
 */
import { styleVsFacts } from '../demos/style-vs-facts/model.ts';
import { experimentTables } from '../demos/original-experiment/model.ts';
import { formatError, formatPercent } from '../demos/original-experiment/format.ts';
import { fmt, fmtMeanSd } from '../runtime/charts/chartFrame.ts';
import { tickFormat } from '../runtime/charts/logAxis.ts';
import { defaultCapacity, defaultLab, defaultLrSweep } from './defaultRuns.ts';
import { formatSlope } from '../demos/lab/charts.ts';
import { LAW_FROM_RANK, LAW_SEEDS, runLab } from '../demos/lab/model.ts';
import { labConfig, labDefaults } from '../demos/lab/params.ts';
import { lrRates, lrSummaries } from '../demos/lr-sweep/model.ts';
import { lrSweepConfig, lrSweepDefaults } from '../demos/lr-sweep/params.ts';
import { formatRateSlope } from '../demos/lr-sweep/charts.ts';
import { labSeries, twinGaps } from '../demos/lab/summary.ts';
import { rankReaching } from '../demos/capacity/model.ts';
import { capacityDefaults } from '../demos/capacity/params.ts';
import { bitsSummary, type CapacityFixture } from '../demos/capacity/bits.ts';
import { firstStepCurves } from '../demos/scale-factor/model.ts';
import { computeSpectrum } from '../demos/spectrum/model.ts';
import { spectrumDefaults } from '../demos/spectrum/params.ts';
import { scaleDefaults } from '../demos/scale-factor/params.ts';
import { slopeRows } from '../demos/scale-factor/charts.ts';
import { peftParameters } from '../demos/peft/model.ts';
import { RandomState, matmul, svd, transpose } from '@lora-rank/core';
import { highRankUpdate } from '@lora-rank/core/experiments';
import { reducedRankFloor, regressionTask } from '@lora-rank/core/train';
import capacity32 from '@lora-rank/core/data/retrieval-capacity.json' with { type: 'json' };
import capacity64 from '@lora-rank/core/data/retrieval-capacity-d64.json' with { type: 'json' };

const SEED = 42;
const ALPHA = 16;
const tables = experimentTables(SEED, ALPHA);
const pair = styleVsFacts(SEED);

// The lab's first-step slopes, measured at a probe learning rate over LAW_SEEDS seeds of A.
const slopes = labSeries(defaultLab());
const series = (optimizer: 'sgd' | 'adam', scaling: 'standard' | 'rslora') => {
  const s = slopes.find((x) => x.optimizer === optimizer && x.scaling === scaling);
  if (!s) throw new Error(`articleNumbers: no lab series ${optimizer}/${scaling}`);
  return s;
};
const slope = (optimizer: 'sgd' | 'adam', scaling: 'standard' | 'rslora') =>
  formatSlope(series(optimizer, scaling).measuredSlope, series(optimizer, scaling).slopeSd);

// The LoRA+ twins of Adam α/√r in the default lab: the largest relative ΔW gap over the run, with
// a tiny eps (Adam scale-free to rounding) and with PyTorch's 1e-8.
const twin = (eps: '1e-16' | '1e-8') =>
  twinGaps(runLab({ ...labConfig({ ...labDefaults, twin: 'on', eps }), optimizers: ['adam'], measureLaws: false }));
const twinTiny = twin('1e-16');
const twinTorch = twin('1e-8').filter((g) => g.rank > 1);
const sci = (x: number) => tickFormat(Number(x.toExponential(0)));

// The learning-rate sweep at its defaults.
const lrConfig = lrSweepConfig(lrSweepDefaults);
const lr = lrSummaries(defaultLrSweep(), lrConfig);
const lrOf = (target: 'style' | 'facts', scaling: 'standard' | 'rslora') => {
  const s = lr.find((x) => x.target === target && x.scaling === scaling);
  if (!s) throw new Error(`articleNumbers: no sweep summary ${target}/${scaling}`);
  return s;
};
const lrBest = (target: 'style' | 'facts', scaling: 'standard' | 'rslora', rank: number) => {
  const o = lrOf(target, scaling).optima.find((x) => x.rank === rank);
  if (!o) throw new Error(`articleNumbers: no best rate at r = ${rank}`);
  return fmt(o.refinedLr, 2);
};
const capacity = defaultCapacity();
const capRank = (r: number | null) => (r === null ? 'none of the ranks tried' : String(r));

// First-step laws, measured as they are stated: the first-order loss decrease, 8 seeds of A,
// on the facts target of the scale-factor demo (its defaults).
const firstOrder = slopeRows(firstStepCurves(scaleDefaults));
const foSlope = (label: string) => {
  const row = firstOrder.find((s) => s.label === label);
  if (!row) throw new Error(`articleNumbers: no first-order curve ${label}`);
  return fmtMeanSd(row.mean, row.sd);
};

// The best rank-r fit of the lab's own loss (facts target, d = k = 64, n = 128 Gaussian inputs)
// against the loss of the SVD truncation of the target, at r = 16.
const factsTarget = highRankUpdate({ d: 64, k: 64, noise: 0.01, rng: new RandomState(SEED) });
const factsTask = regressionTask({ target: factsTarget, seed: SEED + 1 });
const floor16 = reducedRankFloor(factsTask)[16]!;
const truncationLoss = (r: number) => {
  const { u, s, vt } = svd(factsTarget);
  const tr = new Float64Array(64 * 64);
  for (let i = 0; i < 64; i++)
    for (let j = 0; j < 64; j++) for (let l = 0; l < r; l++) tr[i * 64 + j] += u.data[i * 64 + l]! * s[l]! * vt.data[l * 64 + j]!;
  const e = { rows: 64, cols: 64, data: factsTarget.data.map((v, i) => tr[i]! - v) };
  const out = matmul(factsTask.x, transpose(e));
  return out.data.reduce((acc, v) => acc + v * v, 0) / (factsTask.x.rows * 64);
};

// The Spectrum Explorer's default style update as its noise grows: where the rank for 90 % stops
// staying put (the first noise level, on the slider's 0.001 grid, at which it changes).
const explorerAt = (noise: number) => computeSpectrum({ ...spectrumDefaults, noise });
const rank90AtDefault = explorerAt(spectrumDefaults.noise).rank90;
let noiseMoves90 = Number.NaN;
for (let i = Math.round(spectrumDefaults.noise * 1000); i <= 1000; i++) {
  if (explorerAt(i / 1000).rank90 !== rank90AtDefault) {
    noiseMoves90 = i / 1000;
    break;
  }
}

// Capacity as information, from the core's committed measurements.
const bits32 = bitsSummary(capacity32 as CapacityFixture);
const bits64 = bitsSummary(capacity64 as CapacityFixture);
const bitsFit = (s: ReturnType<typeof bitsSummary>) => `${s.lowRank!.mean.toFixed(2)} ± ${s.lowRank!.sd.toFixed(2)}`;

// Parameter counts of Llama 3 adapters.
const params8B = (r: number, targets: string[]) => peftParameters({ r, targets }, '8B').total;
const millions = (x: number) => `${(x / 1e6).toFixed(1)} M`;

const energyAt = (kind: 'style' | 'facts', r: number) => {
  const row = tables.energy.find((e) => e.r === r);
  if (!row) throw new Error(`articleNumbers: no energy row for r = ${r}`);
  return `${formatPercent(row[kind])} %`;
};
const errorAt = (r: number) => {
  const row = tables.errors.find((e) => e.r === r);
  if (!row) throw new Error(`articleNumbers: no error row for r = ${r}`);
  return row;
};

export const N = {
  seed: String(SEED),
  alpha: String(ALPHA),
  styleEnergy2: energyAt('style', 2),
  styleEnergy4: energyAt('style', 4),
  factsEnergy8: energyAt('facts', 8),
  factsEnergy16: energyAt('facts', 16),
  factsEnergy32: energyAt('facts', 32),
  styleRank90: String(pair.style.rank90),
  styleRank99: String(pair.style.rank99),
  factsRank90: String(pair.facts.rank90),
  factsRank99: String(pair.facts.rank99),
  styleEffectiveRank: fmt(pair.style.effectiveRank),
  factsEffectiveRank: fmt(pair.facts.effectiveRank),
  cellsAboveOne: String(tables.verdict.cellsAboveOne),
  // The original printed three scaled columns (style α/r, facts α/r, facts α/√r); the page adds style α/√r.
  printedScaledCells: String(tables.errors.length * 3),
  printedAboveOne: String(
    tables.errors.flatMap((e) => [e.styleStandard, e.factsStandard, e.factsRslora]).filter((v) => v > 1 + 1e-12).length,
  ),
  scaledCells: String(tables.verdict.scaledCells),
  factsRslora2: formatError(errorAt(2).factsRslora),
  factsStandard2: formatError(errorAt(2).factsStandard),
  factsOptimal2: formatError(errorAt(2).factsOptimal),
  styleStandard16: formatError(errorAt(16).styleStandard),
  factsStandard16: formatError(errorAt(16).factsStandard),
  factsOptimal16: formatError(errorAt(16).factsOptimal),
  factsOptimal48: formatError(errorAt(48).factsOptimal),
  factsRslora48: formatError(errorAt(48).factsRslora),
  slopeSgdStandard: slope('sgd', 'standard'),
  slopeSgdRslora: slope('sgd', 'rslora'),
  slopeAdamStandard: slope('adam', 'standard'),
  slopeAdamRslora: slope('adam', 'rslora'),
  lawSeeds: String(LAW_SEEDS),
  lawFromRank: String(LAW_FROM_RANK),
  probeSgd: fmt(series('sgd', 'standard').law!.probeLr),
  probeAdam: fmt(series('adam', 'standard').law!.probeLr),
  twinGapTiny: sci(Math.max(...twinTiny.map((g) => g.gap))),
  twinGapTorchMin: sci(Math.min(...twinTorch.map((g) => g.gap))),
  twinGapTorchMax: sci(Math.max(...twinTorch.map((g) => g.gap))),
  lrSlopeStyleStandard: formatRateSlope(lrOf('style', 'standard').slope),
  lrSlopeStyleRslora: formatRateSlope(lrOf('style', 'rslora').slope),
  lrSlopeFactsStandard: formatRateSlope(lrOf('facts', 'standard').slope),
  lrSlopeFactsRslora: formatRateSlope(lrOf('facts', 'rslora').slope),
  lrBestStyleStandard4: lrBest('style', 'standard', 4),
  lrBestStyleStandard64: lrBest('style', 'standard', 64),
  lrBestFactsStandard64: lrBest('facts', 'standard', 64),
  lrRates: String(lrRates(lrConfig.grid).length),
  capN: String(capacityDefaults.n),
  capExact: capRank(rankReaching(capacity, 'facts', 'best', 'relativeError', 0.1)),
  capRetrieve: capRank(rankReaching(capacity, 'facts', 'best', 'retrievalAccuracy', 0.9)),
  capTrained: capRank(rankReaching(capacity, 'facts', 'trained', 'retrievalAccuracy', 0.9)),
  explorerRank90: String(rank90AtDefault),
  explorerRank99: String(explorerAt(spectrumDefaults.noise).rank99),
  noiseMoves90: fmt(noiseMoves90),
  explorerRank99AtNoiseMoves: String(explorerAt(noiseMoves90).rank99),
  foSgdStandard: foSlope('SGD, α/r'),
  foSgdRslora: foSlope('SGD, α/√r'),
  foAdamStandard: foSlope('Adam, α/r'),
  foAdamRslora: foSlope('Adam, α/√r'),
  foSeeds: String(scaleDefaults.seeds),
  floor16: fmt(floor16, 3),
  truncation16: fmt(truncationLoss(16), 3),
  bitsD32: bitsFit(bits32),
  bitsD64: bitsFit(bits64),
  bitsAllD32: `${bits32.allRanks!.mean.toFixed(2)} ± ${bits32.allRanks!.sd.toFixed(2)}`,
  bitsSeeds: String(bits32.lowRank!.seeds.length),
  params8BAll16: millions(params8B(16, [])),
  params8BQv16: millions(params8B(16, ['q_proj', 'v_proj'])),
  params8BAll1: millions(params8B(1, [])),
} as const;
