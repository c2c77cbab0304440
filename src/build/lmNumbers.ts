/**
 * Numbers the article's real-model section quotes, read at build time from
 * the committed experiments (`npm run experiments`, see `lmResults.ts`), so
 * the prose cannot drift from the charts. Import in MDX and write `{LM.x}`.
 */
import {
  CITIES,
  FACT_VALUES,
  FINETUNE_DEFAULTS,
  PRETRAIN,
  parameterCount,
  pretrainConfig,
  pretrainWorld,
  worldProbes,
} from '@lora-rank/core/lm';
import { fmt } from '../runtime/charts/chartFrame.ts';
import { lmResults } from './lmResults.ts';

const { summary, settings, totalSeconds, runs } = lmResults();
const { headline } = summary;

const pct = (x: number) => `${fmt(100 * x, 2)} %`;

/** "14 (quartiles 12–19)" for a task's median rank for 90 % of the energy. */
function rank90(task: 'style' | 'facts', size: number): string {
  const h = headline.medianRank90.find((r) => r.task === task && r.size === size);
  if (!h) throw new Error(`lmNumbers: no median rank for ${task} at size ${size} in the committed results`);
  return `${fmt(h.median, 3)} (quartiles ${fmt(h.q25, 3)}–${fmt(h.q75, 3)})`;
}

/** Per-seed medians as "14, 14 and 15". */
function perSeed(task: 'style' | 'facts', size: number): string {
  const h = headline.medianRank90.find((r) => r.task === task && r.size === size)!;
  const xs = h.perSeed.map((x) => fmt(x, 3));
  return xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs[0]!;
}

/** The smallest rank within 10 % of full fine-tuning, with the seeds' own values when they differ. */
function within10(task: 'style' | 'facts', targets: 'all' | 'attention'): string {
  const h = headline.rankWithin10.find((r) => r.task === task && r.targets === targets);
  if (!h) throw new Error(`lmNumbers: no rank-to-match for ${task}, ${targets}`);
  const show = (x: number | null) => (x === null ? 'none tried' : String(x));
  const seeds = new Set(h.perSeed.map(show));
  return seeds.size > 1 ? `${show(h.median)} (seeds: ${h.perSeed.map(show).join(', ')})` : show(h.median);
}

/** Mean over seeds of the share of full fine-tuning's gain at a rank, with its range when there are several seeds. */
function gainAt(task: 'style' | 'facts', targets: 'all' | 'attention', rank: number): string {
  const xs = summary.rankSweep
    .filter((c) => c.task === task && c.targets === targets)
    .flatMap((c) => c.points.filter((p) => p.rank === rank).map((p) => p.gapClosed));
  if (xs.length === 0) throw new Error(`lmNumbers: no sweep point for ${task}, ${targets}, r = ${rank}`);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.length > 1 ? `${pct(mean)} (${pct(Math.min(...xs))} to ${pct(Math.max(...xs))})` : pct(mean);
}

function forgetting(task: 'style' | 'facts') {
  const f = headline.forgetting.find((r) => r.task === task)!;
  return {
    base: fmt(f.base, 3),
    full: fmt(f.full, 3),
    small: fmt(f.loraSmallest, 3),
    large: fmt(f.loraLargest, 3),
    smallRank: String(f.smallestRank),
    largeRank: String(f.largestRank),
  };
}

/** The lowest and highest base-corpus loss after any style run (LoRA at any rank and targets, or full), "0.588 and 0.695". */
function styleRange(): string {
  const xs = summary.forgetting.filter((r) => r.task === 'style' && r.mode !== 'base').map((r) => r.pretrainLoss.median);
  return `${fmt(Math.min(...xs), 3)} and ${fmt(Math.max(...xs), 3)}`;
}

/** Exact recall of the full fine-tunes on the most facts (the spectra runs), mean over seeds with its range. */
function fullBigRecall(): string {
  const n = Math.max(...settings.spectraFactsSizes);
  const xs = runs
    .filter((r) => r.result.spec.task === 'facts' && r.result.spec.mode === 'full' && r.result.spec.size === n)
    .map((r) => r.result.recall);
  if (xs.length === 0) throw new Error(`lmNumbers: no full fine-tune on ${n} facts`);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.length > 1 ? `${pct(mean)} (${pct(Math.min(...xs))} to ${pct(Math.max(...xs))})` : pct(mean);
}

const capacity = summary.capacity;
const capSmall = capacity[0]!;
const capLarge = capacity.at(-1)!;
const scaling = headline.scaling.find((s) => s.task === 'facts')!;
const facts = forgetting('facts');
const big = Math.max(...settings.spectraFactsSizes);
const seeds = (xs: readonly number[]) => String(xs.length);

const model = pretrainConfig();

export const LM = {
  params: parameterCount(model).toLocaleString('en-US'),
  blocks: String(model.nLayers),
  width: String(model.dModel),
  linearLayers: String(6 * model.nLayers),
  context: String(model.context),
  people: String(PRETRAIN.world.people),
  cities: String(CITIES.length),
  factValues: String(FACT_VALUES),
  batch: String(FINETUNE_DEFAULTS.style.batchSize),
  worldProbes: String(worldProbes(pretrainWorld()).length),
  scalingFactor: fmt(Math.sqrt(scaling.rank), 3),
  styleSteps: String(FINETUNE_DEFAULTS.style.steps),
  factsSteps: String(FINETUNE_DEFAULTS.facts.steps),
  stylePeople: String(settings.style.size),
  factsN: String(settings.facts.size),
  factsBigN: String(big),
  spectraSeeds: seeds(settings.spectraSeeds),
  sweepSeeds: seeds(settings.sweepSeeds),
  styleRank90: rank90('style', settings.style.size),
  factsRank90: rank90('facts', settings.facts.size),
  factsBigRank90: rank90('facts', big),
  styleRank90Seeds: perSeed('style', settings.style.size),
  factsRank90Seeds: perSeed('facts', settings.facts.size),
  styleWithin10: within10('style', 'all'),
  factsWithin10: within10('facts', 'all'),
  factsWithin10Attention: within10('facts', 'attention'),
  styleGain1: gainAt('style', 'all', 1),
  factsGain1: gainAt('facts', 'all', 1),
  factsGain2: gainAt('facts', 'all', 2),
  capSmallRank: String(capSmall.rank),
  capSmallN: String(capSmall.largestN),
  capSmallBits: fmt(capSmall.bitsPerParameter, 2),
  capLargeRank: String(capLarge.rank),
  capLargeN: String(capLarge.largestN),
  capLargeBits: fmt(capLarge.bitsPerParameter, 2),
  scalingRank: String(scaling.rank),
  scalingFixedStandard: pct(scaling.fixedLr.standard),
  scalingFixedRslora: pct(scaling.fixedLr.rslora),
  scalingBestStandard: pct(scaling.bestLr.standard),
  scalingBestRslora: pct(scaling.bestLr.rslora),
  forgetBase: facts.base,
  forgetFactsFull: facts.full,
  forgetFactsSmall: facts.small,
  forgetFactsLarge: facts.large,
  forgetStyleRange: styleRange(),
  forgetSmallRank: facts.smallRank,
  forgetLargeRank: facts.largeRank,
  fullBigRecall: fullBigRecall(),
  runs: String(runs.length),
  minutes: String(Math.round(totalSeconds / 60)),
} as const;
