import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reducedRankRegression, reducedRankUpdate } from '../src/train/index.ts';
import { type Matrix, RandomState, frobeniusNorm, matmul, matrixRank, sub, transpose } from '../src/index.ts';
import { close } from './close.ts';

function squaredError(x: Matrix, y: Matrix, w: Matrix): number {
  return frobeniusNorm(sub(matmul(x, transpose(w)), y)) ** 2;
}

const rng = new RandomState(5);
const x = rng.randn(15, 6);
const y = rng.randn(15, 8); // not a linear function of x: residual > 0

describe('reducedRankRegression', () => {
  const fit = reducedRankRegression(x, y);

  it('W* solves the normal equations W·xᵀx = yᵀx, fitted = x·W*ᵀ, residual = ‖y − fitted‖²', () => {
    close(matmul(fit.update, matmul(transpose(x), x)), matmul(transpose(y), x), { rtol: 1e-10, atol: 1e-12 });
    close(fit.fitted, matmul(x, transpose(fit.update)), { rtol: 1e-12, atol: 1e-14 });
    close(fit.residual, frobeniusNorm(sub(y, fit.fitted)) ** 2, { rtol: 1e-12 });
    expect(fit.residual).toBeGreaterThan(0);
  });

  it('fitted values have rank ≤ k: singular values sorted, those past k at rounding level', () => {
    expect(fit.s.length).toBe(8);
    for (let i = 1; i < fit.s.length; i++) expect(fit.s[i]).toBeLessThanOrEqual(fit.s[i - 1]);
    for (let i = 6; i < 8; i++) expect(fit.s[i]).toBeLessThan(1e-12 * fit.s[0]);
  });

  it('the rank-r update has rank ≤ r and squared error residual + Σ_{l>r} s_l²', () => {
    for (let r = 0; r <= 7; r++) {
      const w = reducedRankUpdate(fit, r);
      expect(matrixRank(w)).toBeLessThanOrEqual(r);
      let tail = 0;
      for (let l = r; l < fit.s.length; l++) tail += fit.s[l] ** 2;
      close(squaredError(x, y, w), fit.residual + tail, { rtol: 1e-10 });
    }
    close(reducedRankUpdate(fit, 8), fit.update, { rtol: 1e-10, atol: 1e-13 });
    expect(reducedRankUpdate(fit, 0).data.every((v) => v === 0)).toBe(true);
  });

  it('no update of rank ≤ r fits better (random rank-r updates, and the SVD truncation of W*)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.nat(10_000), (r, seed) => {
        const g = new RandomState(seed);
        const w = matmul(g.randn(8, r), g.randn(r, 6));
        const best = squaredError(x, y, reducedRankUpdate(fit, r));
        expect(squaredError(x, y, w)).toBeGreaterThanOrEqual(best * (1 - 1e-12));
      }),
      { seed: 77, numRuns: 50 },
    );
  });

  it('rejects inputs and outputs with different row counts, and a bad rank', () => {
    expect(() => reducedRankRegression(x, rng.randn(14, 8))).toThrow(/one row per example; received 15 and 14/);
    expect(() => reducedRankUpdate(fit, -1)).toThrow(/integer >= 0/);
    expect(() => reducedRankUpdate(fit, 1.5)).toThrow(RangeError);
  });
});
