import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logScale, logTicks, powerOfTen, rankScale, tickFormat } from '../../../../src/runtime/charts/logAxis.ts';

describe('tickFormat', () => {
  it('writes decimals from 0.001 up and powers of ten beyond, never SI prefixes', () => {
    expect([0.1, 0.01, 0.001, 1, 2.5, 1000, 20000].map(tickFormat)).toEqual(['0.1', '0.01', '0.001', '1', '2.5', '1000', '20000']);
    expect([1e-4, 1e-18, 1e6, 2e-5, 3.5e7].map(tickFormat)).toEqual(['10⁻⁴', '10⁻¹⁸', '10⁶', '2×10⁻⁵', '3.5×10⁷']);
    expect(tickFormat(0)).toBe('0');
    expect(tickFormat(-1e-6)).toBe('−10⁻⁶');
  });

  it('never prints a letter prefix for any positive value', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => !/[a-zA-Zµ]/.test(tickFormat(x))),
      { seed: 7 },
    );
  });

  it('writes exponents in superscript digits', () => {
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(powerOfTen(0)).toBe('10⁰');
  });
});

describe('logTicks', () => {
  it('puts ticks at powers of ten when the range spans decades, at most max of them, always the top one', () => {
    expect(logTicks(1e-3, 5, 6)).toEqual([1e-3, 1e-2, 1e-1, 1]);
    const many = logTicks(1e-18, 1, 5);
    expect(many.length).toBeLessThanOrEqual(5);
    expect(many.at(-1)).toBe(1);
    for (const t of many) expect(Math.log10(t) % 1).toBeCloseTo(0, 9);
  });

  it('falls back to 1-2-5 steps inside one decade', () => {
    expect(logTicks(0.14, 4.99)).toEqual([0.2, 0.5, 1, 2]);
  });

  it('gives nothing for an empty or non-positive range', () => {
    expect(logTicks(0, 1)).toEqual([]);
    expect(logTicks(Number.NaN, 1)).toEqual([]);
  });

  it('logScale takes the positive extent and ignores zeros, NaN and infinities', () => {
    const s = logScale([0, 1e-6, 3, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(s.domain).toEqual([1e-6, 3]);
    expect(s.type).toBe('log');
  });

  it('rankScale ticks powers of two', () => {
    expect(rankScale([1, 4, 16, 64]).ticks).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(rankScale([1, 512], 4).ticks).toEqual([1, 8, 64, 512]);
  });
});
