import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { experimentTables } from '../../../src/demos/original-experiment/model.ts';
import { formatError, formatPercent, formatScale, formatSigma, verdictSentences } from '../../../src/demos/original-experiment/format.ts';
import { reference } from '../../../packages/core/test/fixtures.ts';

const printed = reference.experiment.printed;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('experimentTables (the original experiment panel)', () => {
  const t = experimentTables(42, 16);

  it('prints the tables of the original at seed 42, alpha 16, digit for digit', () => {
    expect([
      ['style', ...t.topSingularValues.style.map(formatSigma)],
      ['facts', ...t.topSingularValues.facts.map(formatSigma)],
    ]).toEqual(printed.top10);
    const errors = t.errors.map((r) =>
      [r.r, r.styleStandard, r.factsStandard, r.factsRslora, r.styleRslora, r.factsOptimal].map((x, i) =>
        i === 0 ? String(x) : formatError(x),
      ),
    );
    expect(errors).toEqual(printed.errors);
    expect(t.energy.map((e) => [String(e.r), formatPercent(e.style), formatPercent(e.facts)])).toEqual(printed.energy);
    expect(t.scales.map((s) => [String(s.r), formatScale(s.standard), formatScale(s.rslora)])).toEqual(printed.scales);
    expect(rel(t.frobenius.style, 6.466576)).toBeLessThan(1e-6);
    expect(rel(t.frobenius.facts, 15.200272)).toBeLessThan(1e-6);
  });

  it('computes the verdict: rsLoRA worse everywhere, 16 of 24 cells above 1, nothing beats the optimum', () => {
    expect(t.verdict.rsloraWorseFacts).toEqual([2, 4, 8, 16, 32, 48]);
    expect(t.verdict.rsloraWorseStyle).toEqual([2, 4, 8, 16, 32, 48]);
    expect(t.verdict.cellsAboveOne).toBe(16);
    expect(t.verdict.scaledCells).toBe(24);
    expect(t.verdict.noCellBeatsOptimum).toBe(true);
  });

  it('says why the r = 8 and r = 16 cells are special, from the numbers', () => {
    const sentences = verdictSentences(t);
    expect(sentences.some((s) => s.startsWith('At r = 8, α/r = 2 and the error is exactly 1'))).toBe(true);
    expect(sentences.some((s) => s.startsWith('At r = 16, α/r = 1'))).toBe(true);
    expect(rel(t.errors[2]!.factsStandard, 1)).toBeLessThan(1e-12);
    expect(rel(t.errors[3]!.factsStandard, t.errors[3]!.factsOptimal)).toBeLessThan(1e-12);
  });

  it('moves the special cells with alpha (alpha = 32: c = 2 at r = 16, c = 1 at r = 32)', () => {
    const t32 = experimentTables(42, 32);
    const sentences = verdictSentences(t32);
    expect(sentences.some((s) => s.startsWith('At r = 16, α/r = 2'))).toBe(true);
    expect(sentences.some((s) => s.startsWith('At r = 32, α/r = 1'))).toBe(true);
  });

  it('never lets a scaled cell beat the unscaled optimum, for any seed and alpha (Eckart–Young)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 256 }), (seed, alpha) => {
        expect(experimentTables(seed, alpha).verdict.noCellBeatsOptimum).toBe(true);
      }),
      { seed: 7, numRuns: 8 },
    );
  });
});
