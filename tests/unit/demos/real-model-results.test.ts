import { describe, expect, it } from 'vitest';
import type { SweepCurve } from '@lora-rank/core/lm-experiments';
import { lmResults } from '../../../src/build/lmResults.ts';
import { LM } from '../../../src/build/lmNumbers.ts';
import { renderStaticChart } from '../../../src/build/renderStaticChart.ts';
import type { ChartSize } from '../../../src/runtime/charts/chartFrame.ts';
import {
  capacityChart,
  describeCapacity,
  describeFullSpectra,
  describeRankSweep,
  energyCurvePoints,
  forgettingChart,
  fullSpectraChart,
  rankSweepChart,
  scalingChart,
  scalingPoints,
  sweepPoints,
} from '../../../src/demos/real-model/results.ts';

const { summary } = lmResults();

const curve = (seed: number, gaps: number[]): SweepCurve => ({
  task: 'facts',
  targets: 'all',
  seed,
  metric: 'recall',
  base: 0,
  full: 1,
  points: gaps.map((g, i) => ({ rank: 2 ** i, parameters: 0, value: g, gapClosed: g, pretrainLoss: 1, pirate: NaN, truthful: NaN })),
  rankWithin10: null,
});

describe('the real-model results: chart data', () => {
  it('energy curves start at (0, 0), rise to 1, and never fall (the singular values are sorted)', () => {
    const pts = energyCurvePoints(summary.fullSpectra);
    for (const s of summary.fullSpectra) {
      const series = pts.filter((p) => p.task === s.task && p.series.includes(s.task));
      expect(series[0]).toMatchObject({ r: 0, share: 0 });
    }
    for (const s of summary.fullSpectra) {
      for (let i = 1; i < s.energyCurve.length; i++) expect(s.energyCurve[i]!).toBeGreaterThanOrEqual(s.energyCurve[i - 1]! - 1e-6);
      expect(s.energyCurve.at(-1)!).toBeCloseTo(1, 5);
    }
  });

  it("the sweep averages the share of full fine-tuning's gain over seeds, rank by rank", () => {
    const pts = sweepPoints([curve(0, [0.2, 0.8]), curve(1, [0.4, 1.0])]);
    expect(pts.map((p) => [p.rank, p.gap])).toEqual([
      [1, 0.30000000000000004],
      [2, 0.9],
    ]);
    expect(pts[0]!.series).toBe('facts, all layers');
  });

  it("the scaling points keep each scaling's fixed-rate and best-rate curves apart", () => {
    const pts = scalingPoints(summary.scaling);
    const series = new Set(pts.map((p) => p.series));
    expect(series).toEqual(new Set(['α/r, one rate', 'α/r, best rate', 'α/√r, one rate', 'α/√r, best rate']));
    for (const p of pts.filter((x) => x.lrChoice === 'bestLr')) {
      const fixed = pts.find((x) => x.lrChoice === 'fixedLr' && x.scaling === p.scaling && x.rank === p.rank)!;
      // The best of a grid that contains the default rate is at least as good (facts: higher recall).
      expect(p.value).toBeGreaterThanOrEqual(fixed.value);
    }
  });

  it('every chart renders from the committed results, and every text alternative names its numbers', () => {
    const builders = [
      (size: ChartSize) => fullSpectraChart(summary.fullSpectra, size),
      (size: ChartSize) => rankSweepChart(summary.rankSweep, size),
      (size: ChartSize) => scalingChart(summary.scaling, size),
      (size: ChartSize) => capacityChart(summary.capacity, size),
      (size: ChartSize) => forgettingChart(summary.forgetting, size),
    ];
    for (const b of builders) expect(renderStaticChart(b)).toMatch(/<svg[^]*<svg/);
    expect(describeFullSpectra(summary.fullSpectra)).toMatch(/^Style: rank for 90 % of the energy median \d/);
    expect(describeRankSweep(summary.rankSweep, summary.headline.rankWithin10)).toMatch(
      /Smallest rank within 10 % of full fine-tuning: style, all layers: r = \d+/,
    );
    expect(describeCapacity(summary.capacity)).toMatch(/^Largest number of new facts recalled at 90 % or more: r = 1: \d+ facts/);
  });
});

describe('the numbers the article quotes', () => {
  it('come from the committed summary', () => {
    const h = summary.headline;
    expect(LM.factsWithin10).toMatch(new RegExp(`^${h.rankWithin10.find((r) => r.task === 'facts' && r.targets === 'all')!.median}`));
    expect(LM.styleRank90).toMatch(new RegExp(`^${h.medianRank90.find((r) => r.task === 'style')!.median}`));
    expect(LM.capLargeN).toBe(String(summary.capacity.at(-1)!.largestN));
    expect(LM.params).toBe('205,824');
  });
});
