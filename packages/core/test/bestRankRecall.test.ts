import { describe, expect, it } from 'vitest';
import { type AssociationTask, associationTask, bestRankRecall, truncatedRecall } from '../src/train/index.ts';
import { RandomState, qr, scale, transpose } from '../src/index.ts';
import { close } from './close.ts';
import { rigorReference } from './rigorFixtures.ts';

const grid = (max: number) => Array.from({ length: max }, (_, i) => i + 1);

describe('bestRankRecall', () => {
  it('its relative error never rises with the rank and is never above the truncation of W*', () => {
    for (const [n, d, k] of [
      [40, 24, 32],
      [64, 32, 32],
      [20, 16, 12],
    ] as const) {
      const facts = associationTask({ kind: 'facts', n, d, k, seed: n + d });
      const ranks = grid(Math.min(d, k));
      const best = bestRankRecall(facts, ranks);
      const trunc = truncatedRecall(facts, ranks);
      best.forEach((row, i) => {
        expect(row.rank).toBe(ranks[i]);
        if (i > 0) expect(row.relativeError).toBeLessThanOrEqual(best[i - 1].relativeError * (1 + 1e-12));
        expect(row.relativeError).toBeLessThanOrEqual(trunc[i].relativeError * (1 + 1e-12));
      });
      // Both reach the least-squares recall at full rank.
      close(best[ranks.length - 1].relativeError, trunc[ranks.length - 1].relativeError, { rtol: 1e-10 });
    }
  });

  it('equals the truncation for orthonormal keys (K·Kᵀ = I): error sqrt(1 − r/N) for orthogonal equal-norm values', () => {
    const n = 8;
    const rng = new RandomState(3);
    const keys = transpose(qr(rng.randn(12, n)).q);
    const values = scale(transpose(qr(rng.randn(10, n)).q), 2);
    const task: AssociationTask = { keys, values, candidates: values, labels: Int32Array.from({ length: n }, (_, i) => i) };
    const best = bestRankRecall(task, grid(8));
    const trunc = truncatedRecall(task, grid(8));
    best.forEach((row, i) => {
      close(row.relativeError, trunc[i].relativeError, { rtol: 1e-10, atol: 1e-14 });
      close(row.relativeError, Math.sqrt(1 - row.rank / n), { rtol: 1e-10, atol: 1e-7 });
    });
  });

  it('with more keys than dimensions (N > k) the best full-rank error is about sqrt(1 − k/N) for random values', () => {
    const k = 16;
    for (const n of [32, 64, 128]) {
      let mean = 0;
      for (let seed = 0; seed < 8; seed++) {
        const facts = associationTask({ kind: 'facts', n, d: 16, k, seed });
        mean += bestRankRecall(facts, [16])[0].relativeError ** 2 / 8;
      }
      // E‖P_K v‖² = (k/N)‖v‖² for a Gaussian column v independent of K.
      close(mean, 1 - k / n, { rtol: 0.05 });
    }
  });

  it('a style task of rank s is recalled exactly from rank s on', () => {
    const style = associationTask({ kind: 'style', n: 30, d: 20, k: 16, styleRank: 3, seed: 4 });
    const rows = bestRankRecall(style, [2, 3, 8]);
    expect(rows[0].relativeError).toBeGreaterThan(0.05);
    expect(rows[1].relativeError).toBeLessThan(1e-10);
    expect(rows[2].relativeError).toBeLessThan(1e-10);
  });

  it('matches NumPy (Delta_r = [W*·Σ^{1/2}]_r·Σ^{+1/2}), and the NumPy truncation rows, N below and above k', () => {
    for (const c of rigorReference.recall) {
      const facts = associationTask({ kind: 'facts', n: c.n, d: c.d, k: c.k, seed: c.seed });
      const ranks = c.best.map((row) => row.rank);
      const best = bestRankRecall(facts, ranks);
      const trunc = truncatedRecall(facts, ranks);
      best.forEach((row, i) => {
        close(row.relativeError, c.best[i].relativeError, { rtol: 1e-9 });
        expect(row.cosineShare).toBe(c.best[i].cosineShare);
        expect(row.retrievalAccuracy).toBe(c.best[i].retrievalAccuracy);
        close(trunc[i].relativeError, c.truncation[i].relativeError, { rtol: 1e-9 });
        expect(trunc[i].retrievalAccuracy).toBe(c.truncation[i].retrievalAccuracy);
      });
    }
  });

  it('rejects ranks outside 1..min(d, k)', () => {
    const facts = associationTask({ kind: 'facts', n: 10, d: 6, k: 8, seed: 0 });
    expect(() => bestRankRecall(facts, [0])).toThrow(/1\.\.min\(d, k\) = 1\.\.6; received 0/);
    expect(() => bestRankRecall(facts, [7])).toThrow(RangeError);
  });
});
