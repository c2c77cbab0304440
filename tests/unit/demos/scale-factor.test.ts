import { describe, expect, it } from 'vitest';
import { FIRST_STEP_RANKS, firstStepCurves, scaleCurves, scaleRanks } from '../../../src/demos/scale-factor/model.ts';
import { describeScale, firstStepPoints, firstStepTable, scaleTable, slopeRows } from '../../../src/demos/scale-factor/charts.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('scaleCurves', () => {
  it('samples powers of two', () => {
    expect(scaleRanks(16)).toEqual([1, 2, 4, 8, 16]);
  });

  it('gives α/r and α/√r, equal to α at r = 1', () => {
    for (const alpha of [1, 8, 16, 256]) {
      for (const p of scaleCurves(alpha, 1024)) {
        expect(rel(p.standard, alpha / p.r)).toBeLessThan(1e-15);
        expect(rel(p.rslora, alpha / Math.sqrt(p.r))).toBeLessThan(1e-15);
      }
    }
  });

  it('tabulates both scales', () => {
    const table = scaleTable(scaleCurves(16, 4));
    expect(table.rows).toEqual([
      [1, 16, 16],
      [2, 8, 16 / Math.SQRT2],
      [4, 4, 8],
    ]);
  });
});

describe('firstStepCurves (the first-order decrease the laws are about)', () => {
  const curves = firstStepCurves({ target: 'facts', seeds: 8, seed: 42, alpha: 16 });

  it('measures SGD and Adam under both scalings at every rank, over every seed', () => {
    expect(curves.map((c) => `${c.optimizer} ${c.scaling}`)).toEqual(['sgd standard', 'sgd rslora', 'adam standard', 'adam rslora']);
    for (const c of curves) {
      expect(c.ranks).toEqual([...FIRST_STEP_RANKS]);
      expect(c.perSeed).toHaveLength(8);
      expect(c.mean.every((v) => v > 0)).toBe(true);
    }
  });

  it('follows the predicted laws on the facts target: slopes within 0.1 of −1, 0, 0, ½ (mean over 8 seeds)', () => {
    for (const s of slopeRows(curves)) {
      expect(Math.abs(s.mean - s.predicted), s.label).toBeLessThan(0.1);
      expect(s.sd).toBeGreaterThan(0);
      expect(s.seeds).toBe(8);
    }
  });

  it('does not depend on lora_alpha once made relative to r = 1 (α cancels, up to Adam’s eps)', () => {
    const other = firstStepCurves({ target: 'facts', seeds: 8, seed: 42, alpha: 64 });
    other.forEach((c, i) => c.relative.forEach((v, j) => expect(rel(v, curves[i]!.relative[j]!)).toBeLessThan(1e-5)));
  });

  it('draws the mean relative to the first rank with a ± sd band, and tabulates and describes it', () => {
    const points = firstStepPoints(curves);
    expect(points.filter((p) => p.r === 1).every((p) => p.value === 1)).toBe(true);
    expect(points.every((p) => p.low <= p.value && p.value <= p.high)).toBe(true);
    expect(firstStepTable(curves).rows).toHaveLength(4 * FIRST_STEP_RANKS.length);
    expect(describeScale(scaleCurves(16), 16, curves).steps).toMatch(/SGD, α\/r: slope −0\.9\d ± 0\.\d\d/);
  });
});
