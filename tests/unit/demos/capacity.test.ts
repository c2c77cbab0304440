import { describe, expect, it } from 'vitest';
import { capacityExperiment, rankReaching, trainedRanks, truncationRanks } from '../../../src/demos/capacity/model.ts';
import { capacityTable, describeCapacity } from '../../../src/demos/capacity/charts.ts';

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
