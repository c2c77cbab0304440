import { describe, expect, it } from 'vitest';
import { associationTask, bestRankRecall, rankThreshold } from '../src/train/index.ts';

const row = (rank: number, relativeError: number, cosineShare: number, retrievalAccuracy: number) => ({
  rank,
  relativeError,
  cosineShare,
  retrievalAccuracy,
});

describe('rankThreshold', () => {
  it('is the smallest rank from which the level holds at every larger rank (≥ for shares, ≤ for the error)', () => {
    const rows = [row(1, 0.9, 0.1, 0.2), row(2, 0.5, 0.95, 0.8), row(3, 0.3, 0.85, 0.95), row(4, 0.05, 0.97, 1)];
    expect(rankThreshold(rows, 'retrievalAccuracy', 0.9)).toBe(3);
    // The cosine share reaches 0.9 at r = 2 but falls back at r = 3: the threshold is 4.
    expect(rankThreshold(rows, 'cosineShare', 0.9)).toBe(4);
    expect(rankThreshold(rows, 'relativeError', 0.5)).toBe(2);
    expect(rankThreshold(rows, 'relativeError', 0.01)).toBeNull();
    expect(rankThreshold(rows, 'retrievalAccuracy', 0.1)).toBe(1);
  });

  it('does not depend on the order of the rows, and a level met exactly counts', () => {
    const rows = [row(4, 0.05, 0.97, 1), row(1, 0.9, 0.1, 0.2), row(3, 0.3, 0.85, 0.9), row(2, 0.5, 0.95, 0.8)];
    expect(rankThreshold(rows, 'retrievalAccuracy', 0.9)).toBe(3);
    expect(rankThreshold(rows, 'relativeError', 0.3)).toBe(3);
  });

  it('on a full grid, locates the rank exactly: the rank before it misses the level', () => {
    const facts = associationTask({ kind: 'facts', n: 48, d: 32, k: 32, seed: 9 });
    const rows = bestRankRecall(
      facts,
      Array.from({ length: 32 }, (_, i) => i + 1),
    );
    const r = rankThreshold(rows, 'retrievalAccuracy', 0.9);
    expect(r).not.toBeNull();
    expect(rows[(r as number) - 1].retrievalAccuracy).toBeGreaterThanOrEqual(0.9);
    if ((r as number) > 1) expect(rows.slice(0, (r as number) - 1).some((x) => x.retrievalAccuracy < 0.9)).toBe(true);
  });
});
