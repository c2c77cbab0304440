import { describe, expect, it } from 'vitest';
import { firstOrderCurves, firstOrderDecrease, regressionTask } from '../src/train/index.ts';
import { RandomState, frobeniusNorm, matmul, scale, transpose } from '../src/index.ts';
import { highRankUpdate, lowRankUpdate } from '../src/experiments/index.ts';
import { close } from './close.ts';

describe('firstOrderCurves', () => {
  const task = regressionTask({ target: new RandomState(4).randn(10, 8), n: 16, seed: 5 });
  const ranks = [1, 2, 3, 5, 8];
  const seeds = [0, 1, 2];
  const curves = firstOrderCurves({ task, ranks, seeds, alpha: 6 });

  it('gives SGD and Adam under alpha/r and alpha/√r, each value equal to firstOrderDecrease at lr = 1', () => {
    expect(curves.map((c) => `${c.optimizer} ${c.scaling}`)).toEqual(['sgd standard', 'sgd rslora', 'adam standard', 'adam rslora']);
    for (const c of curves) {
      c.perSeed.forEach((row, s) =>
        row.forEach((v, i) => {
          const expected = firstOrderDecrease({
            task,
            rank: ranks[i],
            alpha: 6,
            scaling: c.scaling,
            seed: seeds[s],
            optimizer: { type: c.optimizer, lr: 1 },
          });
          close(v, expected, { rtol: 1e-12 });
        }),
      );
    }
  });

  it('reports the mean and sample sd over seeds, and the mean relative to the first rank', () => {
    for (const c of curves) {
      ranks.forEach((_, i) => {
        const col = c.perSeed.map((row) => row[i]);
        const m = col.reduce((a, b) => a + b, 0) / col.length;
        close(c.mean[i], m, { rtol: 1e-12 });
        close(c.sd[i], Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / (col.length - 1)), { rtol: 1e-10 });
        close(c.relative[i], c.mean[i] / c.mean[0], { rtol: 1e-12 });
      });
    }
  });

  it('SGD: the mean over many seeds is gamma²·r·σ²·‖G‖² (E[AᵀA] = r·σ²·I with σ² = 1/(3k) for PEFT’s uniform A)', () => {
    const many = Array.from({ length: 400 }, (_, i) => i);
    const [sgd] = firstOrderCurves({ task, ranks: [1, 4], seeds: many, alpha: 6, fromRank: 1 });
    const g = scale(matmul(transpose(task.y), task.x), -2 / (16 * 10));
    const perUnit = frobeniusNorm(g) ** 2 / (3 * 8);
    close(sgd.mean[0], 36 * 1 * perUnit, { rtol: 0.05 });
    close(sgd.mean[1], (6 / 4) ** 2 * 4 * perUnit, { rtol: 0.05 });
  });

  it('the lab targets at d = k = 64 (8 seeds): slopes within 3 standard errors + 0.03 of −1, 0, 0, ½; the mean curve within 0.06', () => {
    const r = [1, 2, 4, 8, 16, 32, 64];
    for (const target of [
      lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng: new RandomState(42) }),
      highRankUpdate({ d: 64, k: 64, noise: 0.01, rng: new RandomState(42) }),
    ]) {
      const lab = regressionTask({ target, seed: 43 });
      for (const c of firstOrderCurves({ task: lab, ranks: r, seeds: [0, 1, 2, 3, 4, 5, 6, 7], alpha: 16 })) {
        expect(Math.abs(c.slope.mean - c.predictedSlope)).toBeLessThanOrEqual(3 * c.slope.standardError + 0.03);
        expect(Math.abs(c.slope.ofMean - c.predictedSlope)).toBeLessThan(0.06);
      }
    }
  });

  it('rejects a rank outside 1..min(d, k) and no seeds', () => {
    expect(() => firstOrderCurves({ task, ranks: [1, 9], seeds, alpha: 1 })).toThrow(
      /rank must be an integer in 1\.\.min\(d, k\) = 1\.\.8; received 9/,
    );
    expect(() => firstOrderCurves({ task, ranks, seeds: [], alpha: 1 })).toThrow(/at least one seed/);
  });
});
