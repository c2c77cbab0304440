import { RandomState, type LoraScaling } from '@lora-rank/core';
import { highRankUpdate, lowRankUpdate } from '@lora-rank/core/experiments';
import {
  bestLearningRates,
  learningRateSweep,
  logGrid,
  regressionTask,
  type LearningRateOptimum,
  type RegressionTask,
  type SlopeStatistic,
  type SweepRun,
} from '@lora-rank/core/train';

/** The targets: the training lab's style (true rank 4 + noise) and facts (all directions) updates. */
export type LrTarget = 'style' | 'facts';

/** Ranks the sweep offers (powers of two up to the layer's 64). */
export const LR_RANKS = ['1', '2', '4', '8', '16', '32', '64'] as const;
/** The layer: d = k = 64, as the training lab's default. */
export const LR_SIZE = 64;
/** `lora_alpha`, as the training lab's default. */
export const LR_ALPHA = 16;
/**
 * Smallest rank in the slope fits. At r = 1 the two scalings are the same
 * run (α/1 = α/√1) and a rank-1 update has a single direction, so its best
 * rate sits apart (lower) on both targets: the slope of the best rate
 * "against rank" is fitted from r = 2, and the slope from r = 1 is printed
 * beside it.
 */
export const LR_FROM_RANK = 2;

/** The learning-rate grids: the fast default (9 rates) and the core README's fine grid (25). */
export const LR_GRIDS = {
  coarse: { min: 0.003, max: 0.3, perDecade: 4 },
  fine: { min: 0.001, max: 1, perDecade: 8 },
} as const;

/** What the page asks the worker to sweep. */
export interface LrSweepConfig {
  targets: LrTarget[];
  /** Adapter ranks, ascending, each in 1..64. */
  ranks: number[];
  grid: keyof typeof LR_GRIDS;
  /** Adam steps per run. */
  steps: number;
  /** How many seeds of A (0, 1, …) every rank, scaling and rate is trained with. */
  seeds: number;
  /** Seed of the targets (`RandomState(seed)`) and of the inputs (seed + 1), as in the training lab. */
  seed: number;
}

/** One finished run: the core's {@link SweepRun} and the target it trained on. */
export interface LrRun extends SweepRun {
  target: LrTarget;
}

/** The learning rates of a grid, ascending. */
export function lrRates(grid: LrSweepConfig['grid']): number[] {
  const { min, max, perDecade } = LR_GRIDS[grid];
  return logGrid(min, max, perDecade);
}

/**
 * The regression task of a target, built exactly as the training lab builds
 * its style and facts tasks (`RandomState(seed)` draws the target, 2k
 * Gaussian inputs come from seed + 1), so the two demos train on the same data.
 */
export function lrTask(target: LrTarget, seed: number): RegressionTask {
  const rng = new RandomState(seed);
  const update =
    target === 'facts'
      ? highRankUpdate({ d: LR_SIZE, k: LR_SIZE, noise: 0.01, rng })
      : lowRankUpdate({ d: LR_SIZE, k: LR_SIZE, trueRank: 4, noise: 0.01, rng });
  return regressionTask({ target: update, seed: seed + 1 > 2 ** 32 - 1 ? 0 : seed + 1 });
}

/** How many runs a config trains: targets × scalings × ranks × seeds × rates. */
export function lrRunCount(config: LrSweepConfig): number {
  return config.targets.length * 2 * config.ranks.length * config.seeds * lrRates(config.grid).length;
}

/**
 * The sweep, one run at a time: for each target, `learningRateSweep` from
 * the core (Adam, full batch, both scalings, every rank, seed of A and rate
 * of the grid; a diverged run stops early). A generator, so a worker can
 * send each run as it finishes and stop between runs.
 */
export function* lrSweep(config: LrSweepConfig): Generator<LrRun, void, void> {
  const learningRates = lrRates(config.grid);
  const seeds = Array.from({ length: config.seeds }, (_, i) => i);
  let offset = 0;
  const total = lrRunCount(config);
  for (const target of config.targets) {
    const task = lrTask(target, config.seed);
    for (const run of learningRateSweep({
      task,
      ranks: config.ranks,
      optimizer: { type: 'adam' },
      learningRates,
      steps: config.steps,
      alpha: LR_ALPHA,
      seeds,
    })) {
      yield { ...run, target, index: offset + run.index, total };
    }
    offset += 2 * config.ranks.length * seeds.length * learningRates.length;
  }
}

/** Runs a whole sweep synchronously (build time, tests). */
export function runLrSweep(config: LrSweepConfig): LrRun[] {
  return [...lrSweep(config)];
}

/** What the sweep found for one target and scaling. */
export interface LrSummary {
  target: LrTarget;
  scaling: LoraScaling;
  /** Per rank (ascending): the best rate and the best final loss ({@link bestLearningRates}). */
  optima: LearningRateOptimum[];
  /** Slope of log(best rate) on log(r) from r = {@link LR_FROM_RANK}, per seed, mean ± sd; null with fewer than two ranks. */
  slope: SlopeStatistic | null;
  /** The same from r = 1 (null without r = 1 or with fewer than two ranks). */
  slopeFromOne: SlopeStatistic | null;
}

/**
 * Reads the runs received so far: per target and scaling, the best rate and
 * final loss at each rank whose runs are all in (a rank still sweeping is
 * left out, so a partial curve never passes for an optimum), and how the
 * best rate moves with rank.
 */
export function lrSummaries(runs: readonly LrRun[], config: Pick<LrSweepConfig, 'seeds' | 'grid'>): LrSummary[] {
  const perRank = config.seeds * lrRates(config.grid).length;
  const out: LrSummary[] = [];
  for (const target of ['style', 'facts'] as const) {
    const mine = runs.filter((r) => r.target === target);
    if (mine.length === 0) continue;
    const counts = new Map<string, number>();
    for (const r of mine) counts.set(`${r.scaling} ${r.rank}`, (counts.get(`${r.scaling} ${r.rank}`) ?? 0) + 1);
    const complete = mine.filter((r) => counts.get(`${r.scaling} ${r.rank}`) === perRank);
    if (complete.length === 0) continue;
    const from2 = bestLearningRates(complete, { fromRank: LR_FROM_RANK });
    const from1 = bestLearningRates(complete, { fromRank: 1 });
    for (const scaling of ['standard', 'rslora'] as const) {
      const optima = from2.optima.filter((o) => o.scaling === scaling);
      if (optima.length === 0) continue;
      const hasOne = optima.some((o) => o.rank === 1);
      out.push({
        target,
        scaling,
        optima,
        slope: from2.slopes.find((s) => s.scaling === scaling)?.slope ?? null,
        slopeFromOne: hasOne ? (from1.slopes.find((s) => s.scaling === scaling)?.slope ?? null) : null,
      });
    }
  }
  return out;
}

/** Exponents closer to 0 than this read as "nearly rank-independent", and as "about 1/√r" within it of −½. */
export const SLOPE_BAND = 0.1;

/**
 * How the best rate moves with rank, in words, for a measured slope (mean
 * over seeds), with its spread (`'± 0.04 over 3 seeds'`) when there is one.
 */
export function slopeWords(slope: number, spread = ''): string {
  if (!Number.isFinite(slope)) return 'is not measured';
  const rounded = Number(slope.toFixed(2));
  const exp = `r^${rounded === 0 ? '' : rounded < 0 ? '−' : '+'}${Math.abs(rounded).toFixed(2)}`;
  const inside = (text: string) => `(${text}${spread ? `, ${spread}` : ''})`;
  const after = spread ? ` (${spread})` : '';
  if (Math.abs(slope) < SLOPE_BAND) return `is nearly rank-independent ${inside(exp)}`;
  if (slope > 0) return `grows as about ${exp}${after}`;
  if (Math.abs(slope + 0.5) < SLOPE_BAND) return `falls as about 1/√r ${inside(exp)}`;
  return `falls as about ${exp}${after}, ${slope > -0.5 ? 'more slowly' : 'faster'} than 1/√r`;
}

const SCALING_NAME: Record<LoraScaling, string> = { standard: 'α/r', rslora: 'α/√r' };

/**
 * The answer the measurement gives, as sentences computed from the
 * summaries: for each scaling, how the best rate moves with rank on each
 * target (slope from r = {@link LR_FROM_RANK}, with its spread when there
 * are several seeds). '' until a target's ranks are all in.
 */
export function lrAnswer(summaries: readonly LrSummary[]): string {
  const sentences = (['standard', 'rslora'] as const).flatMap((scaling) => {
    const parts = summaries
      .filter((s) => s.scaling === scaling && s.slope)
      .map((s, i) => {
        const spread = s.slope!.perSeed.length > 1 ? `± ${s.slope!.sd.toFixed(2)} over ${s.slope!.perSeed.length} seeds` : '';
        return `on ${s.target} ${i === 0 ? 'the best learning rate' : 'it'} ${slopeWords(s.slope!.mean, spread)}`;
      });
    if (parts.length === 0) return [];
    return [`Under ${SCALING_NAME[scaling]}, ${parts.join('; ')}.`];
  });
  return sentences.join(' ');
}
