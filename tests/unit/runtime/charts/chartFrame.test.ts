import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WIDE_FROM, chartHeight, textWidth, fmt, fmtMeanSd, fmtSigned } from '../../../../src/runtime/charts/chartFrame.ts';

describe('chart frame', () => {
  it("switches to the wide height at the same width as ChartFigure's container query", () => {
    const figure = readFileSync('src/components/ChartFigure.svelte', 'utf8');
    const queries = [...figure.matchAll(/@container \(min-width: (\d+)px\)/g)].map((m) => Number(m[1]));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(q).toBe(WIDE_FROM);
    expect(chartHeight(WIDE_FROM - 1, { narrow: 1, wide: 2 })).toBe(1);
    expect(chartHeight(WIDE_FROM, { narrow: 1, wide: 2 })).toBe(2);
  });

  it('estimates label widths generously (about 0.62 em a character)', () => {
    expect(textWidth('facts')).toBeGreaterThanOrEqual(5 * 12 * 0.55);
  });
});

describe('fmt', () => {
  it('uses 3 significant digits and exponents only for extreme sizes', () => {
    expect(fmt(4.994811)).toBe('4.99');
    expect(fmt(0)).toBe('0');
    expect(fmt(1234567)).toBe('1.23e+6');
    expect(fmt(1.5e-7)).toBe('1.50e-7');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});

describe('fmtSigned and fmtMeanSd', () => {
  it('print a sign and fixed decimals, with a true minus, and no sign on zero', () => {
    expect(fmtSigned(-0.9712)).toBe('−0.97');
    expect(fmtSigned(0.0312)).toBe('+0.03');
    expect(fmtSigned(-0.001)).toBe('0.00');
    expect(fmtMeanSd(0.51, 0.034)).toBe('+0.51 ± 0.03');
  });
});
