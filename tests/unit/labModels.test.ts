import { describe, expect, it } from 'vitest';
import { addChunks, emptyLabData, labRuns, labTarget, runLab, type LabConfig } from '../../src/lib/labModel.ts';
import { labSeries, logLogFit, PREDICTED_SLOPE } from '../../src/lib/labSummary.ts';
import { labDefaults, labRanks } from '../../src/lib/labParams.ts';
import { curvePoints, thin, curvesTable } from '../../src/lib/charts/labCharts.ts';
import { capacityExperiment, trainedRanks, truncationRanks } from '../../src/lib/capacityModel.ts';
import { capacityTable, describeCapacity, rankReaching } from '../../src/lib/charts/capacityCharts.ts';

const small: LabConfig = { task: 'style', targetRank: 4, d: 16, k: 16, ranks: [1, 4, 16], alpha: 16, lrSgd: 1, lrAdam: 0.005, steps: 20, seed: 3 };

describe('training lab model', () => {
  it('sweeps ranks × scalings × optimizers with the scale each implies', () => {
    const runs = labRuns(small);
    expect(runs).toHaveLength(12);
    expect(runs.find((r) => r.rank === 4 && r.scaling === 'standard')!.gamma).toBe(4);
    expect(runs.find((r) => r.rank === 4 && r.scaling === 'rslora')!.gamma).toBe(8);
  });

  it('is deterministic and records every step of every run', () => {
    const a = runLab(small);
    const b = runLab(small);
    expect(a.loss).toEqual(b.loss);
    for (const series of a.loss) expect(series).toHaveLength(20);
    // B = 0 at the start: every run starts from the same loss, that of the target alone.
    const start = a.loss.map((l) => l[0]!);
    for (const x of start) expect(Math.abs(x - start[0]!) / start[0]!).toBeLessThan(1e-12);
  });

  it('accumulates streamed chunks into the same data as one run', () => {
    const whole = runLab(small);
    const acc = emptyLabData(small);
    // Chunks arrive out of run order and in pieces: the accumulator places them by step.
    addChunks(acc, [{ run: 1, firstStep: 11, loss: new Float64Array(whole.loss[1]!.slice(10)), gradNormA: new Float64Array(10), gradNormB: new Float64Array(10), deltaNorm: new Float64Array(10) }]);
    addChunks(acc, [{ run: 1, firstStep: 1, loss: new Float64Array(whole.loss[1]!.slice(0, 10)), gradNormA: new Float64Array(10), gradNormB: new Float64Array(10), deltaNorm: new Float64Array(10) }]);
    expect(acc.loss[1]).toEqual(whole.loss[1]);
  });

  it('uses the exact-rank target when asked', () => {
    const t = labTarget({ task: 'rank', targetRank: 3, d: 12, k: 10, seed: 1 });
    expect([t.rows, t.cols]).toEqual([12, 10]);
  });

  it('drops ranks that do not fit the layer', () => {
    expect(labRanks({ ranks: ['1', '64', '256'], d: 64, k: 32 })).toEqual([1]);
    expect(labRanks(labDefaults)).toEqual([1, 4, 16, 64]);
  });

  it('measures first-step slopes close to the predicted laws on the default sweep', () => {
    const series = labSeries(runLab({ ...labDefaults, ranks: labRanks(labDefaults), steps: 2 }));
    for (const s of series) {
      expect(s.predictedSlope).toBe(PREDICTED_SLOPE[s.optimizer][s.scaling]);
      expect(Math.abs(s.measuredSlope - s.predictedSlope)).toBeLessThan(0.3);
    }
  });
});

describe('lab summaries and charts', () => {
  it('fits log–log slopes exactly on power laws and ignores non-positive values', () => {
    const xs = [1, 2, 4, 8];
    expect(logLogFit(xs, xs.map((x) => 3 * x ** -1)).slope).toBeCloseTo(-1, 12);
    expect(logLogFit(xs, [1, 2, -1, 0]).slope).toBeCloseTo(1, 12);
    expect(logLogFit([1], [1]).slope).toBeNaN();
  });

  it('thins long curves but keeps their ends', () => {
    expect(thin(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const kept = thin(1000, 80);
    expect(kept.length).toBeLessThanOrEqual(81);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(999);
  });

  it('tabulates every step of every run and plots only positive values', () => {
    const data = runLab(small);
    expect(curvesTable(data).rows).toHaveLength(12 * 20);
    expect(curvePoints(data, 'loss').every((p) => p.value > 0)).toBe(true);
  });
});

describe('capacity experiment', () => {
  it('samples powers of two and N for the truncation, and 1, 4, 16, 64 for training', () => {
    expect(truncationRanks({ n: 24, d: 32, k: 64 })).toEqual([1, 2, 4, 8, 16, 24, 32]);
    expect(trainedRanks({ d: 32, k: 64 })).toEqual([1, 4, 16]);
  });

  const points = capacityExperiment({ n: 16, d: 32, k: 32, styleRank: 2, steps: 30, seed: 5 });

  it('reproduces N random values only at rank N, and a style transform at its own rank', () => {
    expect(rankReaching(points, 'facts', 'truncation', 'relativeError', 0.1, true)).toBe(16);
    expect(rankReaching(points, 'style', 'truncation', 'relativeError', 1e-9, true)).toBe(2);
    const facts = points.filter((p) => p.task === 'facts' && p.method === 'truncation');
    for (let i = 1; i < facts.length; i++) expect(facts[i]!.relativeError).toBeLessThanOrEqual(facts[i - 1]!.relativeError + 1e-12);
  });

  it('retrieves with less rank than it reproduces', () => {
    const retrieve = rankReaching(points, 'facts', 'truncation', 'retrievalAccuracy', 0.9);
    const reproduce = rankReaching(points, 'facts', 'truncation', 'cosineShare', 0.9);
    expect(retrieve).toBeLessThanOrEqual(reproduce);
  });

  it('describes and tabulates its points', () => {
    expect(capacityTable(points).rows).toHaveLength(points.length);
    expect(describeCapacity(points, 'retrievalAccuracy')).toMatch(/^retrieval accuracy/);
  });
});
