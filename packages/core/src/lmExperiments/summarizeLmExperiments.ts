import type { LmModule } from '../lm/lmWeights.ts';
import { moduleShape } from '../lm/lmWeights.ts';
import type { LmConfig } from '../lm/lmConfig.ts';
import { capacityBits } from './capacityBits.ts';
import type { LmExperimentName } from './lmExperiments.ts';
import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import { type LmRunResult, type LoraTargets, TARGET_MODULES } from './lmRun.ts';
import { gapClosed, rankToMatch } from './rankToMatch.ts';
import { type SpectraSummary, spectraSummary } from './spectraSummary.ts';
import { spread } from './spread.ts';

/** A run as the experiments script records it. */
export interface RecordedRun {
  /** {@link runKey} of the run. */
  key: string;
  /** The experiments that used it. */
  experiments: LmExperimentName[];
  /** Capacity runs: the ranks whose search used it. */
  capacityRanks?: number[];
  /** Wall-clock seconds of the run (its training and measurements). */
  seconds: number;
  result: LmRunResult;
}

/** The task metric of a sweep: the style task's held-out loss (lower is better) or the facts task's exact recall (higher). */
export type SweepMetric = 'heldoutLoss' | 'recall';

/** One curve of the rank sweep: a task, a target set and a seed. */
export interface SweepCurve {
  task: 'style' | 'facts';
  targets: LoraTargets;
  seed: number;
  metric: SweepMetric;
  /** The untrained model's value and full fine-tuning's. */
  base: number;
  full: number;
  points: { rank: number; parameters: number; value: number; gapClosed: number; pretrainLoss: number; pirate: number; truthful: number }[];
  /** Smallest rank within 10 % of full fine-tuning (closing ≥ 90 % of the gap), or null. */
  rankWithin10: number | null;
}

/** α/r against α/√r for one task. */
export interface ScalingCurve {
  task: 'style' | 'facts';
  scaling: 'standard' | 'rslora';
  metric: SweepMetric;
  /** At the task's default LoRA rate, every rank (with the run's final train loss, which does not saturate as recall does). */
  fixedLr: { rank: number; lr: number; value: number; trainLoss: number; pretrainLoss: number }[];
  /** At the best rate of the grid, per rank (ties in the metric broken by the lower train loss). */
  bestLr: { rank: number; lr: number; value: number; trainLoss: number; pretrainLoss: number }[];
}

/** Facts capacity of one rank. */
export interface CapacityRow {
  rank: number;
  /** Nominal LoRA parameters on all six linear layers. */
  parameters: number;
  largestN: number;
  recalled: number;
  bits: number;
  bitsPerParameter: number;
  /** Every N tried, ascending. */
  trials: { n: number; recall: number }[];
}

/** Forgetting: the base corpus' held-out loss after each kind of run. */
export interface ForgettingRow {
  task: 'style' | 'facts';
  /** `'base'`, `'full'`, or `'lora'` with its rank and targets. */
  mode: 'base' | 'full' | 'lora';
  rank: number | null;
  targets: LoraTargets | null;
  /** Over the sweep's seeds. */
  pretrainLoss: ReturnType<typeof spread>;
}

/** Everything the site charts from the experiments. */
export interface LmExperimentSummary {
  fullSpectra: SpectraSummary[];
  rankSweep: SweepCurve[];
  scaling: ScalingCurve[];
  capacity: CapacityRow[];
  forgetting: ForgettingRow[];
  headline: {
    /** Median over matrices and seeds of the rank for 90 % of ‖ΔW‖_F², per task (facts: per size), with its per-seed values. */
    medianRank90: { task: 'style' | 'facts'; size: number; median: number; perSeed: number[]; q25: number; q75: number }[];
    /** Per task and targets: median over seeds of the smallest rank within 10 % of full fine-tuning (null: none), and per seed. */
    rankWithin10: { task: 'style' | 'facts'; targets: LoraTargets; median: number | null; perSeed: (number | null)[] }[];
    /** Capacity: bits per nominal parameter per rank, and their range. */
    bitsPerParameter: { perRank: { rank: number; bitsPerParameter: number }[]; min: number; max: number };
    /** Pretraining held-out loss: base, after full fine-tuning, after LoRA at the smallest and largest rank (all linear layers), per task (median over seeds). */
    forgetting: {
      task: 'style' | 'facts';
      base: number;
      full: number;
      loraSmallest: number;
      loraLargest: number;
      smallestRank: number;
      largestRank: number;
    }[];
    /** Per task: the metric at the largest scaling rank under α/r and α/√r, at the fixed rate and at the best rate. */
    scaling: {
      task: 'style' | 'facts';
      rank: number;
      fixedLr: { standard: number; rslora: number };
      bestLr: { standard: number; rslora: number };
    }[];
  };
}

const METRIC = { style: 'heldoutLoss', facts: 'recall' } as const;

/** Nominal LoRA parameters r·Σ(out + in) over the targeted modules of every block. @internal */
export function loraParameters(config: LmConfig, rank: number, targets: readonly LmModule[]): number {
  let per = 0;
  for (const m of targets) {
    const [out, inp] = moduleShape(config, m);
    per += out + inp;
  }
  return rank * per * config.nLayers;
}

/**
 * Summarises recorded runs of {@link lmExperiments} into what the site's
 * charts draw: (a) the ΔW spectra summaries ({@link spectraSummary}); (b)
 * per task, targets and seed, the task metric against rank with the base
 * and full fine-tuning references and the smallest rank within 10 % of
 * full ({@link rankToMatch}); (c) α/r and α/√r at the fixed rate and at
 * the best rate of the grid; (d) the facts capacity per rank in facts and
 * bits per nominal adapter parameter ({@link capacityBits}); (e) the base
 * corpus' held-out loss after each kind of run; and the headline numbers.
 * Pure: recomputes everything from the runs (which is how the tests check
 * the committed JSON's headline against its raw data).
 *
 * @example
 * const summary = summarizeLmExperiments(settings, base.config, runs);
 * summary.headline.medianRank90;
 */
export function summarizeLmExperiments(
  settings: LmExperimentSettings,
  config: LmConfig,
  runs: readonly RecordedRun[],
): LmExperimentSummary {
  const results = runs.map((r) => r.result);
  const fullSpectra = spectraSummary(results.filter((r) => r.spec.spectra));
  const m = (r: LmRunResult) => r[METRIC[r.spec.task]];
  const tasks = ['style', 'facts'] as const;
  const find = (f: (r: LmRunResult) => boolean) => results.find(f);

  const rankSweep: SweepCurve[] = [];
  for (const task of tasks) {
    const t = settings[task];
    for (const seed of settings.sweepSeeds) {
      const same = (r: LmRunResult) =>
        r.spec.task === task && r.spec.size === t.size && r.spec.seed === seed && r.spec.batchSize === t.batchSize;
      const base = find((r) => same(r) && r.spec.steps === 0);
      const full = find((r) => same(r) && r.spec.mode === 'full' && r.spec.steps === t.steps && r.spec.lr === t.fullLr);
      if (!base || !full) continue;
      for (const targets of ['all', 'attention'] as const) {
        const ranks = targets === 'all' ? settings.ranks : settings.attentionRanks;
        const points = ranks.flatMap((rank) => {
          const r = find(
            (x) =>
              same(x) &&
              x.spec.mode === 'lora' &&
              x.spec.steps === t.steps &&
              x.spec.rank === rank &&
              (x.spec.targets ?? 'all') === targets &&
              (x.spec.scaling ?? 'standard') === 'standard' &&
              x.spec.lr === t.loraLr,
          );
          return r
            ? [
                {
                  rank,
                  parameters: r.parameters,
                  value: m(r),
                  gapClosed: gapClosed(m(r), m(base), m(full)),
                  pretrainLoss: r.pretrainLoss,
                  pirate: r.pirate,
                  truthful: r.truthful,
                },
              ]
            : [];
        });
        if (points.length === 0) continue;
        rankSweep.push({
          task,
          targets,
          seed,
          metric: METRIC[task],
          base: m(base),
          full: m(full),
          points,
          rankWithin10: rankToMatch(points, m(base), m(full)),
        });
      }
    }
  }

  const scaling: ScalingCurve[] = [];
  const seed0 = settings.sweepSeeds[0];
  for (const task of settings.scalingTasks) {
    const t = settings[task];
    const better = task === 'style' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
    for (const sc of ['standard', 'rslora'] as const) {
      const fixedLr: ScalingCurve['fixedLr'] = [];
      const bestLr: ScalingCurve['bestLr'] = [];
      for (const rank of settings.scalingRanks) {
        const grid = settings.lrFactors.flatMap((f) => {
          const lr = t.loraLr * f;
          const r = find(
            (x) =>
              x.spec.task === task &&
              x.spec.size === t.size &&
              x.spec.seed === seed0 &&
              x.spec.mode === 'lora' &&
              x.spec.steps === t.steps &&
              x.spec.rank === rank &&
              (x.spec.targets ?? 'all') === 'all' &&
              x.spec.lr === lr &&
              (rank === 1 || (x.spec.scaling ?? 'standard') === sc),
          );
          return r ? [{ rank, lr, value: m(r), trainLoss: r.trainLoss, pretrainLoss: r.pretrainLoss, f }] : [];
        });
        const point = ({ f: _, ...p }: (typeof grid)[number]) => p;
        const fixed = grid.find((g) => g.f === 1);
        if (fixed) fixedLr.push(point(fixed));
        if (grid.length > 0) {
          const best = grid.reduce((a, b) => (better(b.value, a.value) || (b.value === a.value && b.trainLoss < a.trainLoss) ? b : a));
          bestLr.push(point(best));
        }
      }
      scaling.push({ task, scaling: sc, metric: METRIC[task], fixedLr, bestLr });
    }
  }

  const capacity: CapacityRow[] = settings.capacityRanks.flatMap((rank) => {
    const trials = runs
      .filter((r) => r.capacityRanks?.includes(rank))
      .map((r) => ({ n: r.result.spec.size, recall: r.result.recall, recalled: r.result.recalled }))
      .sort((a, b) => a.n - b.n);
    if (trials.length === 0) return [];
    const ok = trials.filter((x) => x.recall >= settings.capacityThreshold);
    const best = ok.length > 0 ? ok.reduce((a, b) => (b.n > a.n ? b : a)) : { n: 0, recalled: 0 };
    const parameters = loraParameters(config, rank, TARGET_MODULES.all);
    return [
      {
        rank,
        parameters,
        largestN: best.n,
        recalled: best.recalled,
        ...capacityBits(best.recalled, parameters),
        trials: trials.map(({ n, recall }) => ({ n, recall })),
      },
    ];
  });

  const forgetting: ForgettingRow[] = [];
  for (const task of tasks) {
    const t = settings[task];
    const inSweep = (r: LmRunResult) =>
      r.spec.task === task && r.spec.size === t.size && settings.sweepSeeds.includes(r.spec.seed) && r.spec.batchSize === t.batchSize;
    const row = (mode: ForgettingRow['mode'], rank: number | null, targets: LoraTargets | null, f: (r: LmRunResult) => boolean) => {
      const xs = results.filter((r) => inSweep(r) && f(r)).map((r) => r.pretrainLoss);
      if (xs.length > 0) forgetting.push({ task, mode, rank, targets, pretrainLoss: spread(xs) });
    };
    row('base', null, null, (r) => r.spec.steps === 0);
    row('full', null, null, (r) => r.spec.mode === 'full' && r.spec.steps === t.steps && r.spec.lr === t.fullLr);
    for (const targets of ['all', 'attention'] as const) {
      for (const rank of targets === 'all' ? settings.ranks : settings.attentionRanks) {
        row(
          'lora',
          rank,
          targets,
          (r) =>
            r.spec.mode === 'lora' &&
            r.spec.steps === t.steps &&
            r.spec.rank === rank &&
            (r.spec.targets ?? 'all') === targets &&
            (r.spec.scaling ?? 'standard') === 'standard' &&
            r.spec.lr === t.loraLr,
        );
      }
    }
  }

  const medianOrNull = (xs: (number | null)[]) => {
    if (xs.some((x) => x === null) && xs.filter((x) => x === null).length * 2 >= xs.length) return null;
    return spread(xs.map((x) => (x === null ? Infinity : x))).median;
  };
  const bpp = capacity.map((c) => ({ rank: c.rank, bitsPerParameter: c.bitsPerParameter }));
  const headline: LmExperimentSummary['headline'] = {
    medianRank90: fullSpectra.map((s) => ({
      task: s.task,
      size: s.size,
      median: s.rank90.median,
      perSeed: s.medianRank90PerSeed,
      q25: s.rank90.q25,
      q75: s.rank90.q75,
    })),
    rankWithin10: tasks.flatMap((task) =>
      (['all', 'attention'] as const).flatMap((targets) => {
        const curves = rankSweep.filter((c) => c.task === task && c.targets === targets);
        if (curves.length === 0) return [];
        const perSeed = curves.map((c) => c.rankWithin10);
        return [{ task, targets, median: medianOrNull(perSeed), perSeed }];
      }),
    ),
    bitsPerParameter: {
      perRank: bpp,
      min: Math.min(...bpp.map((b) => b.bitsPerParameter)),
      max: Math.max(...bpp.map((b) => b.bitsPerParameter)),
    },
    forgetting: tasks.flatMap((task) => {
      const get = (mode: string, rank: number | null) =>
        forgetting.find((f) => f.task === task && f.mode === mode && f.rank === rank && (mode !== 'lora' || f.targets === 'all'))
          ?.pretrainLoss.median ?? NaN;
      const ranks = settings.ranks;
      if (ranks.length === 0) return [];
      const lo = Math.min(...ranks);
      const hi = Math.max(...ranks);
      return [
        {
          task,
          base: get('base', null),
          full: get('full', null),
          loraSmallest: get('lora', lo),
          loraLargest: get('lora', hi),
          smallestRank: lo,
          largestRank: hi,
        },
      ];
    }),
    scaling: settings.scalingTasks.flatMap((task) => {
      const rank = Math.max(...settings.scalingRanks);
      const v = (sc: 'standard' | 'rslora', which: 'fixedLr' | 'bestLr') =>
        scaling.find((s) => s.task === task && s.scaling === sc)?.[which].find((p) => p.rank === rank)?.value ?? NaN;
      return [
        {
          task,
          rank,
          fixedLr: { standard: v('standard', 'fixedLr'), rslora: v('rslora', 'fixedLr') },
          bestLr: { standard: v('standard', 'bestLr'), rslora: v('rslora', 'bestLr') },
        },
      ];
    }),
  };
  return { fullSpectra, rankSweep, scaling, capacity, forgetting, headline };
}
