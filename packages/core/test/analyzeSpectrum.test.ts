import { describe, expect, it } from 'vitest';
import { analyzeSpectrum, effectiveRank, energyCurve, rankFor, stableRank } from '../src/index.ts';
import { close } from './close.ts';

describe('analyzeSpectrum', () => {
  it('agrees with the spectrum functions on a full spectrum', () => {
    const s = Float64Array.from({ length: 100 }, (_, i) => 0.93 ** i);
    const a = analyzeSpectrum(s, { rows: 100, cols: 300 });
    expect(a.truncated).toBe(false);
    close(a.energy, energyCurve(s), { rtol: 1e-14 });
    expect(a.rank90).toBe(rankFor(s, 0.9));
    expect(a.rank99).toBe(rankFor(s, 0.99));
    close(a.stableRank, stableRank(s), { rtol: 1e-14 });
    expect(a.effectiveRank).toBe(effectiveRank(s));
    expect(a.numericalRank).toBe(100);
    expect(a.energyAt.map((e) => e.r)).toEqual([8, 16, 64]);
    close(a.energyAt[1].share!, energyCurve(s)[15], { rtol: 1e-14 });
  });

  it('with the top k values and the exact norm, shares and ranks up to k are exact; beyond k they are null', () => {
    const s = Float64Array.from({ length: 200 }, (_, i) => 0.99 ** i);
    let total = 0;
    for (const x of s) total += x * x;
    const full = analyzeSpectrum(s, { rows: 200, cols: 200 });
    const top = analyzeSpectrum(s.slice(0, 64), { rows: 200, cols: 200, frobenius: Math.sqrt(total) });
    expect(top.truncated).toBe(true);
    close(top.energy, full.energy.slice(0, 64), { rtol: 1e-13 });
    close(top.stableRank, full.stableRank, { rtol: 1e-13 });
    expect(full.rank90).toBeGreaterThan(64);
    expect(top.rank90).toBeNull();
    expect(top.energyAt.map((e) => e.share === null)).toEqual([false, false, false]);
    close(top.energyAt[2].share!, full.energyAt[2].share!, { rtol: 1e-13 });
    const fewer = analyzeSpectrum(s.slice(0, 10), { rows: 200, cols: 200, frobenius: Math.sqrt(total) });
    expect(fewer.energyAt[2].share).toBeNull();
    expect(fewer.numericalRank).toBeNull();
  });

  it('treats an adapter spectrum as complete: its other values are exactly zero', () => {
    const a = analyzeSpectrum([5, 3, 0], { rows: 4096, cols: 4096, complete: true, nominalRank: 3 });
    expect(a.truncated).toBe(false);
    expect(a.rank99).toBe(2);
    expect(a.numericalRank).toBe(2);
    expect(a.nominalRank).toBe(3);
    expect(a.energyAt.map((e) => e.share)).toEqual([1, 1, 1]);
  });

  it('handles an all-zero update', () => {
    const a = analyzeSpectrum([0, 0], { rows: 2, cols: 5 });
    expect([a.rank90, a.rank99, a.stableRank, a.effectiveRank, a.numericalRank, a.frobenius]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses a truncated spectrum without the exact norm, or a norm that is too small', () => {
    expect(() => analyzeSpectrum([3, 2], { rows: 5, cols: 5 })).toThrow(/without frobenius/);
    expect(() => analyzeSpectrum([3, 2], { rows: 5, cols: 5, frobenius: 3 })).toThrow(/smaller than the norm/);
    expect(() => analyzeSpectrum([3, 2, 1], { rows: 2, cols: 5 })).toThrow(/at most 2/);
  });
});
