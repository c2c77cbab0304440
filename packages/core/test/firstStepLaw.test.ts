import { describe, expect, it } from 'vitest';
import { firstStepLaw, firstStepLossDrop, regressionTask } from '../src/train/index.ts';
import { RandomState } from '../src/index.ts';
import { highRankUpdate } from '../src/experiments/index.ts';

const d = 32;
const k = 32;
const task = regressionTask({ target: highRankUpdate({ d, k, noise: 0.01, rng: new RandomState(42) }), seed: 43 });
const ranks = [1, 2, 4, 8, 16, 32];
const seeds = [0, 1, 2, 3, 4, 5, 6, 7];

describe('firstStepLaw', () => {
  const law = firstStepLaw({ task, ranks, seeds, alpha: 16, scaling: 'standard', optimizer: { type: 'sgd', lr: 0.2 } });

  it('probes at the largest halving of the training rate whose drops are linear within 1 %', () => {
    expect(Number.isInteger(Math.log2(0.2 / law.probeLr))).toBe(true);
    expect(law.probeLr).toBeLessThan(0.2);
    expect(law.linearity).toBeLessThanOrEqual(0.01);
    // At twice the probe, some rank and seed fails the check.
    const q = (lr: number, rank: number, seed: number) =>
      firstStepLossDrop({ task, rank, alpha: 16, scaling: 'standard', seed, optimizer: { type: 'sgd', lr } }).drop / lr;
    const twice = 2 * law.probeLr;
    const worst = Math.max(
      ...seeds.flatMap((seed) => ranks.map((rank) => Math.abs(q(twice, rank, seed) / q(law.probeLr, rank, seed) - 1))),
    );
    expect(worst).toBeGreaterThan(0.01);
  });

  it('its drops are positive and within 2·tolerance of the first-order decrease, for every rank and seed', () => {
    expect(law.drops.length).toBe(seeds.length);
    law.drops.forEach((row, s) =>
      row.forEach((drop, i) => {
        expect(drop).toBeGreaterThan(0);
        expect(Math.abs(drop / law.firstOrder[s][i] - 1)).toBeLessThanOrEqual(0.02);
      }),
    );
  });

  it('measures the predicted slopes on a facts target: −1, 0 (SGD), 0, ½ (Adam), mean of 8 seeds within 3 standard errors + 0.03', () => {
    for (const [type, lr] of [
      ['sgd', 0.2],
      ['adam', 0.005],
    ] as const) {
      for (const scaling of ['standard', 'rslora'] as const) {
        const l =
          type === 'sgd' && scaling === 'standard'
            ? law
            : firstStepLaw({ task, ranks, seeds, alpha: 16, scaling, optimizer: { type, lr } });
        expect(l.slope.ranks).toEqual([2, 4, 8, 16, 32]);
        expect(Math.abs(l.slope.mean - l.predictedSlope)).toBeLessThanOrEqual(3 * l.slope.standardError + 0.03);
        expect(l.slope.sd).toBeLessThan(0.15);
        expect(Math.abs(l.slope.ofMean - l.predictedSlope)).toBeLessThan(0.05);
      }
    }
  });

  it('rejects no seeds, a bad tolerance, too few ranks, and gives up when no probe is linear', () => {
    const base = { task, ranks, seeds, alpha: 16, scaling: 'standard', optimizer: { type: 'sgd', lr: 0.2 } } as const;
    expect(() => firstStepLaw({ ...base, seeds: [] })).toThrow(/at least one seed/);
    expect(() => firstStepLaw({ ...base, tolerance: 0 })).toThrow(/tolerance must be in \(0, 1\)/);
    expect(() => firstStepLaw({ ...base, ranks: [1, 4] })).toThrow(/at least two ranks >= fromRank = 2/);
    expect(() => firstStepLaw({ ...base, maxHalvings: 1 })).toThrow(/no probe learning rate/);
  });
});
