import { describe, expect, it } from 'vitest';
import { scaleCurves, scaleRanks } from '../../../src/demos/scale-factor/model.ts';
import { scaleTable } from '../../../src/demos/scale-factor/charts.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('scaleCurves', () => {
  it('samples powers of two', () => {
    expect(scaleRanks(16)).toEqual([1, 2, 4, 8, 16]);
  });

  it('follows the first-step laws: SGD 1/r and 1, Adam 1 and √r (relative to r = 1)', () => {
    for (const alpha of [1, 8, 16, 256]) {
      for (const p of scaleCurves(alpha, 1024)) {
        expect(rel(p.standard, alpha / p.r)).toBeLessThan(1e-15);
        expect(rel(p.rslora, alpha / Math.sqrt(p.r))).toBeLessThan(1e-15);
        expect(rel(p.sgdStandard, 1 / p.r)).toBeLessThan(1e-14);
        expect(rel(p.sgdRslora, 1)).toBeLessThan(1e-14);
        expect(rel(p.adamStandard, 1)).toBeLessThan(1e-14);
        expect(rel(p.adamRslora, Math.sqrt(p.r))).toBeLessThan(1e-14);
      }
    }
  });
});

describe('scale charts', () => {
  it('tabulates every curve', () => {
    const table = scaleTable(scaleCurves(16, 4));
    expect(table.rows.map((r) => r[0])).toEqual([1, 2, 4]);
    expect(table.columns).toHaveLength(7);
  });
});
