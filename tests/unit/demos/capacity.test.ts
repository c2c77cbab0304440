import { describe, expect, it } from 'vitest';
import { capacityExperiment, rankReaching, trainedRanks, truncationRanks } from '../../../src/demos/capacity/model.ts';
import { capacityTable, describeCapacity } from '../../../src/demos/capacity/charts.ts';

describe('capacity experiment', () => {
  it('fits every rank up to min(d, k), so thresholds are read to the rank, and trains adapters at 1, 4, 16, 64', () => {
    expect(truncationRanks({ d: 32, k: 64 })).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(trainedRanks({ d: 32, k: 64 })).toEqual([1, 4, 16]);
  });

  const points = capacityExperiment({ n: 16, d: 32, k: 32, styleRank: 2, steps: 30, seed: 5 });
  const facts = (method: 'best' | 'truncation') => points.filter((p) => p.task === 'facts' && p.method === method);

  it('reproduces N random values only near rank N (one direction per fact), and a style transform at its own rank', () => {
    const exact = rankReaching(points, 'facts', 'best', 'relativeError', 0.1)!;
    expect(exact).toBeGreaterThanOrEqual(14);
    expect(exact).toBeLessThanOrEqual(16);
    expect(rankReaching(points, 'style', 'best', 'relativeError', 1e-9)).toBe(2);
    for (const method of ['best', 'truncation'] as const) {
      const curve = facts(method);
      for (let i = 1; i < curve.length; i++) expect(curve[i]!.relativeError).toBeLessThanOrEqual(curve[i - 1]!.relativeError + 1e-12);
    }
  });

  it('the best rank-r fit recalls at least as well as the SVD truncation at every rank', () => {
    const best = facts('best');
    facts('truncation').forEach((t, i) => expect(best[i]!.relativeError).toBeLessThanOrEqual(t.relativeError + 1e-12));
  });

  it('retrieves with less rank than it reproduces', () => {
    const retrieve = rankReaching(points, 'facts', 'best', 'retrievalAccuracy', 0.9);
    const reproduce = rankReaching(points, 'facts', 'best', 'cosineShare', 0.9);
    expect(retrieve).not.toBeNull();
    expect(retrieve!).toBeLessThanOrEqual(reproduce!);
  });

  it('with more facts than key dimensions, no rank reproduces the values, yet retrieval can succeed', () => {
    const many = capacityExperiment({ n: 48, d: 16, k: 16, styleRank: 2, steps: 10, seed: 1 });
    expect(rankReaching(many, 'facts', 'best', 'relativeError', 0.1)).toBeNull();
    const full = many.find((p) => p.task === 'facts' && p.method === 'best' && p.rank === 16)!;
    expect(full.relativeError).toBeGreaterThan(0.4); // about √(1 − k/N) = 0.82 for Gaussian values
  });

  it('describes and tabulates its points', () => {
    expect(capacityTable(points).rows).toHaveLength(points.length);
    expect(describeCapacity(points, 'retrievalAccuracy')).toMatch(/^retrieval accuracy/);
  });
});
