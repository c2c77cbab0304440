import { describe, expect, it } from 'vitest';
import { RandomState, frobeniusNorm, loraScale, matmul, matrix, scaledTruncationError, svd } from '../src/index.ts';
import { highRankUpdate, lowRankUpdate, originalExperiment } from '../src/experiments/index.ts';
import { close } from './close.ts';
import { reference, toMatrix } from './fixtures.ts';

const ref = reference.experiment;
const exp = originalExperiment();

/** Rounds like NumPy's round(x, digits) for printing (half away from zero is fine here). */
function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

describe('the original experiment (seed 42)', () => {
  it('lowRankUpdate then highRankUpdate from RandomState(42) reproduce NumPy’s matrices to 1e-10', () => {
    const rng = new RandomState(42);
    const style = lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0.01, rng });
    const facts = highRankUpdate({ d: 64, k: 64, noise: 0.01, rng });
    close(style, toMatrix(ref.style.delta), { atol: 1e-10 });
    close(facts, toMatrix(ref.facts.delta), { atol: 1e-10 });
    // In fact they agree to a few ulps.
    close(style, toMatrix(ref.style.delta), { rtol: 1e-12, atol: 1e-14 });
  });

  it('all 64 singular values of both updates equal NumPy’s to 1e-10', () => {
    close(exp.style.singularValues, ref.style.s, { rtol: 1e-10, atol: 1e-12 });
    close(exp.facts.singularValues, ref.facts.s, { rtol: 1e-10, atol: 1e-12 });
  });

  it('prints the top 10 singular values the original printed', () => {
    expect(['style', ...exp.topSingularValues.style.map((x) => x.toFixed(2))]).toEqual(ref.printed.top10[0]);
    expect(['facts', ...exp.topSingularValues.facts.map((x) => x.toFixed(2))]).toEqual(ref.printed.top10[1]);
  });

  it('has the documented sigma digits, Frobenius norms and delta[0, 0:3]', () => {
    expect(Array.from(exp.style.singularValues.subarray(0, 5), (x) => round(x, 6))).toEqual([
      4.994811, 3.496074, 2.006043, 0.516988, 0.144737,
    ]);
    expect(Array.from(exp.facts.singularValues.subarray(59, 64), (x) => round(x, 6))).toEqual([
      0.646423, 0.616005, 0.579425, 0.536477, 0.479735,
    ]);
    expect(round(exp.style.frobeniusNorm, 6)).toBe(6.466576);
    expect(round(exp.facts.frobeniusNorm, 6)).toBe(15.200272);
    close(exp.style.frobeniusNorm, ref.style.frobeniusNorm, { rtol: 1e-12 });
    close(exp.facts.frobeniusNorm, ref.facts.frobeniusNorm, { rtol: 1e-12 });
    expect(Array.from(exp.style.delta.data.subarray(0, 3), (x) => round(x, 8))).toEqual([0.06164457, -0.00083234, -0.05569634]);
    expect(Array.from(exp.facts.delta.data.subarray(0, 3), (x) => round(x, 8))).toEqual([0.061109, 0.28330446, 0.01628238]);
  });

  it('reproduces the reconstruction-error table, all five columns, to 3 decimals and to NumPy’s full values', () => {
    expect(
      exp.errors.map((e) => [
        String(e.r),
        ...[e.styleStandard, e.factsStandard, e.factsRslora, e.styleRslora, e.factsOptimal].map((x) => x.toFixed(3)),
      ]),
    ).toEqual(ref.printed.errors);
    exp.errors.forEach((e, i) => {
      const n = ref.errors[i];
      expect(e.r).toBe(n.r);
      close(
        [e.styleStandard, e.factsStandard, e.factsRslora, e.styleRslora, e.factsOptimal],
        [n.styleStandard, n.factsStandard, n.factsRslora, n.styleRslora, n.factsOptimal],
        { rtol: 1e-10 },
      );
    });
  });

  it('explains the two notable cells: r = 16 standard is the optimum, r = 8 gives exactly 1', () => {
    const r16 = exp.errors.find((e) => e.r === 16)!;
    expect(r16.factsStandard).toBe(r16.factsOptimal);
    const r8 = exp.errors.find((e) => e.r === 8)!;
    close(r8.styleStandard, 1, { rtol: 1e-15 });
    close(r8.factsStandard, 1, { rtol: 1e-15 });
  });

  it('reproduces the energy table in percent to 1 decimal, and NumPy’s values to 1e-12', () => {
    expect(exp.energy.map((e) => [String(e.r), (100 * e.style).toFixed(1), (100 * e.facts).toFixed(1)])).toEqual(ref.printed.energy);
    exp.energy.forEach((e, i) => close([e.style, e.facts], [ref.energy[i].style, ref.energy[i].facts], { rtol: 1e-12 }));
  });

  it('reproduces the scale factors for alpha = 16', () => {
    expect(exp.scales.map((s) => [s.r, s.standard, round(s.rslora, 3)])).toEqual([
      [1, 16, 16],
      [4, 4, 8],
      [8, 2, 5.657],
      [16, 1, 4],
      [32, 0.5, 2.828],
      [64, 0.25, 2],
    ]);
    exp.scales.forEach((s, i) => close([s.standard, s.rslora], [ref.scales[i].standard, ref.scales[i].rslora]));
  });

  it('uses alpha and seed options', () => {
    const other = originalExperiment(7, { alpha: 8 });
    expect(other.alpha).toBe(8);
    expect(other.seed).toBe(7);
    expect(other.scales[0].standard).toBe(8);
    expect(other.style.delta.data[0]).not.toBe(exp.style.delta.data[0]);
    expect(() => originalExperiment(-1)).toThrow(RangeError);
  });
});

describe('‖D − c·D_r‖² = ‖D − D_r‖² + (1 − c)²‖D_r‖²', () => {
  it('agrees with the explicitly formed product U_r·S_r·V_rᵀ for both updates and both scales', () => {
    for (const update of [exp.style, exp.facts]) {
      const d = update.delta;
      const { u, s, vt } = svd(d);
      for (const r of [1, 2, 4, 8, 16, 32, 48, 64]) {
        // D_r = U[:, :r]·diag(s[:r])·Vᵀ[:r, :]
        const us = matrix(64, r);
        const vr = matrix(r, 64, vt.data.slice(0, r * 64));
        for (let i = 0; i < 64; i++) for (let j = 0; j < r; j++) us.data[i * r + j] = u.data[i * 64 + j] * s[j];
        const dr = matmul(us, vr);
        for (const c of [1, loraScale(16, r), loraScale(16, r, 'rslora'), 0, -0.5]) {
          const diff = matrix(
            64,
            64,
            d.data.map((x, i) => x - c * dr.data[i]),
          );
          close(scaledTruncationError(s, r, c), frobeniusNorm(diff) / frobeniusNorm(d), { rtol: 1e-12, atol: 1e-14 });
        }
      }
    }
  });
});
