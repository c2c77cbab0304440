/**
 * Numbers the article's prose quotes, computed at build time by the core from
 * the original experiment's seed (42) and alpha (16), so that the text can
 * never drift from what the demos compute. Import in MDX and write `{N.x}`.
 */
import { styleVsFacts } from '../demos/style-vs-facts/model.ts';
import { experimentTables } from '../demos/original-experiment/model.ts';
import { formatError, formatPercent } from '../demos/original-experiment/format.ts';
import { fmt } from '../runtime/charts/chartFrame.ts';
import { defaultCapacity, defaultLab } from './defaultRuns.ts';
import { labSeries } from '../demos/lab/summary.ts';
import { rankReaching } from '../demos/capacity/model.ts';
import { capacityDefaults } from '../demos/capacity/params.ts';

const SEED = 42;
const ALPHA = 16;
const tables = experimentTables(SEED, ALPHA);
const pair = styleVsFacts(SEED);

const slopes = labSeries(defaultLab());
const slope = (optimizer: 'sgd' | 'adam', scaling: 'standard' | 'rslora') => {
  const s = slopes.find((x) => x.optimizer === optimizer && x.scaling === scaling);
  if (!s) throw new Error(`articleNumbers: no lab series ${optimizer}/${scaling}`);
  return s.measuredSlope.toFixed(2).replace('-', '−');
};
const capacity = defaultCapacity();
const capRank = (r: number) => (Number.isFinite(r) ? String(r) : 'none of the ranks tried');

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
  capN: String(capacityDefaults.n),
  capExact: capRank(rankReaching(capacity, 'facts', 'truncation', 'relativeError', 0.1, true)),
  capRetrieve: capRank(rankReaching(capacity, 'facts', 'truncation', 'retrievalAccuracy', 0.9)),
  capTrained: capRank(rankReaching(capacity, 'facts', 'trained', 'retrievalAccuracy', 0.9)),
} as const;
