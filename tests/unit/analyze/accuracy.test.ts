import { describe, expect, it } from 'vitest';
import { RandomState, frobeniusNorm, matmul, randomizedSvd, svd } from '@lora-rank/core';
import { shareErrorBound } from '../../../src/analyze/accuracy.ts';

describe('shareErrorBound', () => {
  it('is Σ ((1 + e_j)² − 1)·s_j² / ‖A‖²_F, capped by the energy the known values leave', () => {
    expect(shareErrorBound([3, 1], [0, 0.1], Math.sqrt(11))).toBeCloseTo((1.21 - 1) / 11, 15);
    expect(shareErrorBound([3, 1], [0, 0], Math.sqrt(11))).toBe(0);
    expect(shareErrorBound([3, 1], [1, 1], Math.sqrt(11))).toBeCloseTo(1 / 11, 15); // (4 − 1)·10/11 > 1/11 left
    expect(shareErrorBound([3, 1], [0, Infinity], Math.sqrt(11))).toBeCloseTo(1 / 11, 15);
    expect(shareErrorBound([0], [0], 0)).toBe(0);
  });

  it('bounds how much the shares of a randomized SVD are low, against the exact SVD, on a spectrum with a noise floor', () => {
    const rng = new RandomState(4);
    const m = 600;
    const n = 300;
    const a = matmul(rng.randn(m, 8), rng.randn(8, n));
    const noise = rng.randn(m, n);
    for (let i = 0; i < a.data.length; i++) a.data[i] += 0.3 * noise.data[i];
    const exact = svd(a, { vectors: false }).s;
    const f = frobeniusNorm(a);
    for (const q of [0, 1, 3]) {
      const result = randomizedSvd(a, { rank: 40, powerIterations: q });
      const bound = shareErrorBound(result.s, result.errors, f);
      let worst = 0;
      let computed = 0;
      let truth = 0;
      for (let j = 0; j < 40; j++) {
        computed += result.s[j]! ** 2 / f ** 2;
        truth += exact[j]! ** 2 / f ** 2;
        expect(result.s[j]).toBeLessThanOrEqual(exact[j]! * (1 + 1e-12)); // lower bounds
        worst = Math.max(worst, truth - computed);
      }
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThanOrEqual(bound);
    }
  });
});
