import { describe, expect, it } from 'vitest';
import { bestLearningRates, learningRateSweep, logGrid } from '@lora-rank/core/train';
import {
  LR_ALPHA,
  LR_FROM_RANK,
  lrAnswer,
  lrRates,
  lrRunCount,
  lrSummaries,
  lrSweep,
  lrTask,
  runLrSweep,
  slopeWords,
  type LrSweepConfig,
} from '../../../src/demos/lr-sweep/model.ts';
import { lrSweepConfig, lrSweepDefaults, parseLrSweepParams } from '../../../src/demos/lr-sweep/params.ts';
import {
  bestLossChart,
  bestRateChart,
  describeLrSweep,
  fitLine,
  formatRateSlope,
  lossByRateChart,
  optimaTable,
  powerParts,
  ratePoints,
  runsTable,
} from '../../../src/demos/lr-sweep/charts.ts';
import { labTask } from '../../../src/demos/lab/model.ts';

const small: LrSweepConfig = { targets: ['style'], ranks: [1, 4, 16], grid: 'coarse', steps: 10, seeds: 2, seed: 42 };
const marks = (options: { marks?: unknown[] }) => (options.marks ?? []).map((m) => (m as { data?: Record<string, unknown>[] }).data ?? []);

describe('the learning-rate sweep model', () => {
  it('trains on exactly the training lab’s style and facts tasks', () => {
    for (const target of ['style', 'facts'] as const) {
      const mine = lrTask(target, 42);
      const lab = labTask({ task: target, targetRank: 8, d: 64, k: 64, seed: 42 });
      expect(mine.x.data).toEqual(lab.x.data);
      expect(mine.y.data).toEqual(lab.y.data);
    }
  });

  it('uses the fast grid by default: 9 rates from 0.003 to 0.3; the fine grid has 25 from 0.001 to 1', () => {
    expect(lrRates('coarse')).toEqual(logGrid(0.003, 0.3, 4));
    expect(lrRates('coarse')).toHaveLength(9);
    expect(lrRates('coarse').at(-1)).toBe(0.3);
    expect(lrRates('fine')).toHaveLength(25);
    const config = lrSweepConfig(lrSweepDefaults);
    expect(config).toEqual({ targets: ['style', 'facts'], ranks: [1, 4, 16, 64], grid: 'coarse', steps: 30, seeds: 1, seed: 42 });
    expect(lrRunCount(config)).toBe(2 * 2 * 4 * 9);
  });

  it('streams one run at a time, numbered across targets, the same runs as the core’s sweep', () => {
    const config = { ...small, targets: ['style', 'facts'] as LrSweepConfig['targets'], seeds: 1, ranks: [1, 4] };
    const runs = runLrSweep(config);
    expect(runs).toHaveLength(lrRunCount(config));
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    expect(new Set(runs.map((r) => r.total))).toEqual(new Set([runs.length]));
    const facts = [
      ...learningRateSweep({
        task: lrTask('facts', 42),
        ranks: [1, 4],
        optimizer: { type: 'adam' },
        learningRates: lrRates('coarse'),
        steps: 10,
        alpha: LR_ALPHA,
        seeds: [0],
      }),
    ];
    expect(runs.filter((r) => r.target === 'facts').map((r) => r.finalLoss)).toEqual(facts.map((r) => r.finalLoss));
    // A generator: the first run comes before the others are trained.
    const first = lrSweep(config).next();
    expect(first.value).toMatchObject({ index: 0, target: 'style', scaling: 'standard', rank: 1, lr: 0.003 });
  });
});

describe('reading the sweep', () => {
  const runs = runLrSweep(small);

  it('is bestLearningRates per target, fitted from r = 2 and, beside, from r = 1', () => {
    expect(LR_FROM_RANK).toBe(2);
    const summaries = lrSummaries(runs, small);
    expect(summaries.map((s) => [s.target, s.scaling])).toEqual([
      ['style', 'standard'],
      ['style', 'rslora'],
    ]);
    const core = bestLearningRates(runs, { fromRank: 2 });
    const coreFromOne = bestLearningRates(runs, { fromRank: 1 });
    for (const s of summaries) {
      expect(s.optima).toEqual(core.optima.filter((o) => o.scaling === s.scaling));
      expect(s.slope).toEqual(core.slopes.find((x) => x.scaling === s.scaling)!.slope);
      expect(s.slope!.ranks).toEqual([4, 16]);
      expect(s.slope!.perSeed).toHaveLength(2);
      expect(s.slopeFromOne).toEqual(coreFromOne.slopes.find((x) => x.scaling === s.scaling)!.slope);
    }
  });

  it('leaves out a rank whose runs are not all in, so a partial curve never passes for an optimum', () => {
    const perRank = small.seeds * lrRates('coarse').length;
    const partial = runs.slice(0, perRank * 2 + 3); // α/r: ranks 1 and 4 complete, 16 begun
    const summaries = lrSummaries(partial, small);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.optima.map((o) => o.rank)).toEqual([1, 4]);
    // One rank from r = 2 is no slope.
    expect(summaries[0]!.slope).toBeNull();
    expect(lrSummaries([], small)).toEqual([]);
  });

  it('averages the seeds at each rate and leaves out a rate at which a seed diverged', () => {
    const a = { ...runs[0]!, finalLoss: 1, seed: 0 };
    const b = { ...runs[0]!, finalLoss: 3, seed: 1 };
    const c = { ...runs[1]!, finalLoss: 2, seed: 0 };
    const d = { ...runs[1]!, finalLoss: Infinity, diverged: true, seed: 1 };
    const points = ratePoints([a, b, c, d]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ lr: a.lr, loss: 2, rank: '1', scaling: 'α/r', panel: 'style, α/r' });
  });

  it('words the slope as the measurement gives it', () => {
    expect(slopeWords(0.05)).toBe('is nearly rank-independent (r^+0.05)');
    expect(slopeWords(-0.01)).toBe('is nearly rank-independent (r^−0.01)');
    expect(slopeWords(0.29)).toBe('grows as about r^+0.29');
    expect(slopeWords(-0.29)).toBe('falls as about r^−0.29, more slowly than 1/√r');
    expect(slopeWords(-0.52)).toBe('falls as about 1/√r (r^−0.52)');
    expect(slopeWords(-0.8)).toBe('falls as about r^−0.80, faster than 1/√r');
    expect(slopeWords(-0.003)).toBe('is nearly rank-independent (r^0.00)');
    expect(slopeWords(-0.01, '± 0.01 over 3 seeds')).toBe('is nearly rank-independent (r^−0.01, ± 0.01 over 3 seeds)');
    expect(slopeWords(-0.25, '± 0.04 over 3 seeds')).toBe('falls as about r^−0.25 (± 0.04 over 3 seeds), more slowly than 1/√r');
    expect(slopeWords(0.29, '± 0.06 over 3 seeds')).toBe('grows as about r^+0.29 (± 0.06 over 3 seeds)');
    expect(formatRateSlope(null)).toBe('—');
    expect(powerParts('grows as about r^+0.29 on facts; r^−0.01.')).toEqual([
      { text: 'grows as about ' },
      { base: 'r', sup: '+0.29' },
      { text: ' on facts; ' },
      { base: 'r', sup: '−0.01' },
      { text: '.' },
    ]);
  });

  it('draws the refined best rates, each seed’s faintly, and the fitted slope through r ≥ 2', () => {
    const summaries = lrSummaries(runs, small);
    const chart = bestRateChart(summaries, { width: 640, height: 300 });
    const data = marks(chart);
    const values = data.flat().map((p) => p.value as number);
    for (const o of summaries[0]!.optima) expect(values).toContain(o.refinedLr);
    // Two seeds: one faint dot per seed and rank, per series.
    expect(data.filter((d) => d.length === 2 * 3)).toHaveLength(2);
    const line = fitLine(
      summaries[0]!.optima.map((o) => ({ r: o.rank, value: o.refinedLr })),
      summaries[0]!.slope!.mean,
    );
    expect(line.map((p) => p.r)).toEqual([4, 16]);
    expect(Math.log(line[1]!.value / line[0]!.value) / Math.log(4)).toBeCloseTo(summaries[0]!.slope!.mean, 12);
    const losses = marks(bestLossChart(summaries, { width: 320, height: 260 }))
      .flat()
      .map((p) => p.value);
    for (const o of summaries[1]!.optima) expect(losses).toContain(o.bestLoss);
    const rates = lossByRateChart(runs, summaries, ['style'], [1, 4, 16], { width: 640, height: 250 });
    expect(rates.fy?.domain).toEqual(['style']);
    expect(optimaTable(summaries).rows).toHaveLength(6);
    expect(runsTable(runs).rows).toHaveLength(runs.length);
    expect(describeLrSweep(runs, summaries).best).toMatch(/^Best learning rate against rank\. style, α\/r: r = 1: /);
  });
});

describe('the default sweep', () => {
  it('finds the best rate nearly rank-independent under α/r on style, growing on facts; under α/√r falling on style, flat on facts', () => {
    const config = lrSweepConfig(lrSweepDefaults);
    const summaries = lrSummaries(runLrSweep(config), config);
    const slope = (target: string, scaling: string) => summaries.find((s) => s.target === target && s.scaling === scaling)!.slope!.mean;
    // Measured: style α/r −0.01, α/√r −0.29; facts α/r +0.29, α/√r +0.01 (core README: the same picture on the fine grid).
    expect(Math.abs(slope('style', 'standard'))).toBeLessThan(0.1);
    expect(slope('facts', 'standard')).toBeGreaterThan(0.2);
    expect(slope('style', 'rslora')).toBeLessThan(-0.1);
    expect(slope('style', 'rslora')).toBeGreaterThan(-0.5);
    expect(Math.abs(slope('facts', 'rslora'))).toBeLessThan(0.1);
    const signed = (x: number) => {
      const r = Number(x.toFixed(2));
      return `${r === 0 ? '' : r < 0 ? '−' : '+'}${Math.abs(r).toFixed(2)}`;
    };
    expect(lrAnswer(summaries)).toBe(
      `Under α/r, on style the best learning rate is nearly rank-independent (r^${signed(slope('style', 'standard'))}); ` +
        `on facts it grows as about r^${signed(slope('facts', 'standard'))}. ` +
        `Under α/√r, on style the best learning rate falls as about r^${signed(slope('style', 'rslora'))}, more slowly than 1/√r; ` +
        `on facts it is nearly rank-independent (r^${signed(slope('facts', 'rslora'))}).`,
    );
  });
});

describe('parseLrSweepParams', () => {
  it('reads the defaults from an empty query, with no notice', () => {
    expect(parseLrSweepParams(new URLSearchParams())).toEqual({ state: lrSweepDefaults, notices: [] });
  });

  it('sweeps the style target when a permalink chooses none, and two default ranks when it chooses fewer than two', () => {
    const { state, notices } = parseLrSweepParams(new URLSearchParams('lr-targets=&lr-ranks=8&lr-seeds=99&lr-grid=huge'));
    expect(state.targets).toEqual(['style']);
    expect(state.ranks).toEqual(['1', '4', '16', '64']);
    expect(state.seeds).toBe(8);
    expect(state.grid).toBe('coarse');
    expect(notices).toContain('targets: none chosen; sweeping the style target.');
    expect(notices).toContain('adapter ranks: a slope against rank needs two or more; using 1, 4, 16, 64.');
    expect(notices).toHaveLength(4);
  });

  it('turns a state into a sweep with ranks ascending and targets in a fixed order', () => {
    expect(lrSweepConfig({ ...lrSweepDefaults, targets: ['facts', 'style'], ranks: ['64', '2'] })).toMatchObject({
      targets: ['style', 'facts'],
      ranks: [2, 64],
    });
  });
});
