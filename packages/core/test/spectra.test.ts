import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveRank, energyCaptured, energyCurve, rankFor, scaledTruncationError, stableRank, truncationError } from '../src/index.ts';
import { close } from './close.ts';

/** Arbitrary descending, non-negative spectra (some with zeros). */
const spectrum = fc
  .array(fc.oneof(fc.double({ min: 0, max: 1e3, noNaN: true }), fc.constant(0)), { minLength: 1, maxLength: 40 })
  .map((xs) => xs.sort((a, b) => b - a));
const options = { seed: 12345, numRuns: 300 };

describe('spectrum validation', () => {
  it.each([
    ['negative', [1, -1], /s\[1\] is -1/],
    ['NaN', [Number.NaN], /s\[0\] is NaN/],
    ['infinite', [Infinity, 1], /s\[0\] is Infinity/],
    ['ascending', [1, 2], /not in descending order/],
  ])('every spectrum function rejects a %s spectrum with a RangeError', (_, s, message) => {
    for (const f of [
      () => energyCaptured(s, 1),
      () => rankFor(s, 0.5),
      () => truncationError(s, 1),
      () => effectiveRank(s),
      () => stableRank(s),
      () => energyCurve(s),
      () => scaledTruncationError(s, 1, 2),
    ]) {
      expect(f).toThrow(RangeError);
      expect(f).toThrow(message);
    }
  });

  it('rejects ranks that are negative or fractional', () => {
    expect(() => energyCaptured([1], -1)).toThrow(/r must be a non-negative integer; received -1/);
    expect(() => truncationError([1], 0.5)).toThrow(/received 0\.5/);
  });
});

describe('energyCaptured', () => {
  it('is the top-r share of Σ s²: [4, 3] at r = 1 is 16/25', () => {
    expect(energyCaptured([4, 3], 1)).toBe(0.64);
    expect(energyCaptured([4, 3, 0], 2)).toBe(1);
  });

  it('gives 0 for r = 0, 1 for r ≥ length, 0 for an all-zero spectrum', () => {
    expect(energyCaptured([4, 3], 0)).toBe(0);
    expect(energyCaptured([4, 3], 2)).toBe(1);
    expect(energyCaptured([4, 3], 99)).toBe(1);
    expect(energyCaptured([0, 0], 1)).toBe(0);
    expect(energyCaptured([], 0)).toBe(0);
  });

  it('does not overflow or underflow: [3e200, 4e200] and [3e-200, 4e-200]', () => {
    close(energyCaptured([4e200, 3e200], 1), 0.64, { rtol: 1e-15 });
    close(energyCaptured([4e-200, 3e-200], 1), 0.64, { rtol: 1e-15 });
  });

  it('property: is non-decreasing in r, within [0, 1], and equals energyCurve(s)[r − 1] bit for bit', () => {
    fc.assert(
      fc.property(spectrum, (s) => {
        const curve = energyCurve(s);
        let prev = 0;
        for (let r = 1; r <= s.length; r++) {
          const e = energyCaptured(s, r);
          expect(e).toBeGreaterThanOrEqual(prev);
          expect(e).toBeLessThanOrEqual(1);
          expect(e).toBe(curve[r - 1]);
          prev = e;
        }
      }),
      options,
    );
  });
});

describe('energyCurve', () => {
  it('is the cumulative share for r = 1..p, ending at exactly 1', () => {
    expect(Array.from(energyCurve([4, 3]))).toEqual([0.64, 1]);
    expect(Array.from(energyCurve([2, 0, 0]))).toEqual([1, 1, 1]);
    expect(Array.from(energyCurve([0, 0]))).toEqual([0, 0]);
    expect(energyCurve([]).length).toBe(0);
  });
});

describe('rankFor', () => {
  it('is the smallest r reaching the fraction', () => {
    expect(rankFor([4, 3], 0.5)).toBe(1);
    expect(rankFor([4, 3], 0.64)).toBe(1);
    expect(rankFor([4, 3], 0.65)).toBe(2);
    expect(rankFor([4, 3, 0, 0], 1)).toBe(2);
    expect(rankFor([0, 0], 0.9)).toBe(0);
  });

  it('rejects fractions outside (0, 1]', () => {
    for (const f of [0, -0.1, 1.01, Number.NaN]) expect(() => rankFor([1], f)).toThrow(RangeError);
    expect(() => rankFor([1], 1.5)).toThrow(/fraction must be in \(0, 1\]; received 1\.5/);
  });

  it('property: fraction = 1 gives the number of non-zero values, never length + 1', () => {
    fc.assert(
      fc.property(spectrum, (s) => {
        expect(rankFor(s, 1)).toBe(s.filter((x) => x > 0).length);
      }),
      options,
    );
    expect(rankFor([2, 1, 1e-300, 0], 1)).toBe(3);
  });

  it('property: agrees with energyCaptured (minimal r with energy ≥ fraction)', () => {
    fc.assert(
      fc.property(spectrum, fc.double({ min: 1e-6, max: 1 - 1e-9, noNaN: true }), (s, f) => {
        const r = rankFor(s, f);
        if (s[0] === 0) {
          expect(r).toBe(0);
        } else {
          expect(energyCaptured(s, r)).toBeGreaterThanOrEqual(f);
          if (r > 1) expect(energyCaptured(s, r - 1)).toBeLessThan(f);
        }
      }),
      options,
    );
  });
});

describe('truncationError', () => {
  it('is sqrt(Σ_{i≥r} s²) / sqrt(Σ s²) (Eckart–Young)', () => {
    close(truncationError([4, 3], 1), 0.6, { rtol: 1e-15 });
    expect(truncationError([4, 3], 0)).toBe(1);
    expect(truncationError([4, 3], 2)).toBe(0);
    expect(truncationError([0, 0], 1)).toBe(0);
  });

  it('keeps small errors to full relative precision (tail summed directly, not 1 − energy)', () => {
    close(truncationError([1, 1e-9], 1), 1e-9, { rtol: 1e-15 });
    close(truncationError([1, 1e-200], 1), 1e-200, { rtol: 1e-15 });
  });

  it('property: truncationError² + energyCaptured = 1', () => {
    fc.assert(
      fc.property(spectrum, fc.integer({ min: 0, max: 45 }), (s, r) => {
        if (s[0] === 0) return;
        close(truncationError(s, r) ** 2 + energyCaptured(s, r), 1, { rtol: 1e-14 });
      }),
      options,
    );
  });
});

describe('scaledTruncationError', () => {
  it('is the optimum for c = 1, exactly 1 for c = 2, and grows with |1 − c|', () => {
    const s = [4, 3, 1];
    expect(scaledTruncationError(s, 2, 1)).toBe(truncationError(s, 2));
    close(scaledTruncationError(s, 2, 2), 1, { rtol: 1e-15 });
    close(scaledTruncationError(s, 1, 0), 1, { rtol: 1e-15 });
    expect(scaledTruncationError(s, 1, 3)).toBeGreaterThan(scaledTruncationError(s, 1, 2));
  });

  it('rejects a non-finite scale', () => {
    expect(() => scaledTruncationError([1], 1, Infinity)).toThrow(/c must be finite; received Infinity/);
  });
});

describe('effectiveRank', () => {
  it('is exp(entropy of s / Σ s): k for k equal values, 1 for rank one, 0 for zero', () => {
    close(effectiveRank([1, 1, 1, 0]), 3, { rtol: 1e-15 });
    expect(effectiveRank([5, 0, 0])).toBe(1);
    expect(effectiveRank([0, 0])).toBe(0);
    expect(effectiveRank([])).toBe(0);
  });

  it('matches a hand computation for [3, 1]', () => {
    const p = [0.75, 0.25];
    close(effectiveRank([3, 1]), Math.exp(-p[0] * Math.log(p[0]) - p[1] * Math.log(p[1])), { rtol: 1e-15 });
  });

  it('property: lies between 1 and the number of non-zero values, and is scale-invariant', () => {
    fc.assert(
      fc.property(spectrum, (s) => {
        if (s[0] === 0) return;
        const e = effectiveRank(s);
        const nnz = s.filter((x) => x > 0).length;
        expect(e).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(e).toBeLessThanOrEqual(nnz * (1 + 1e-12));
        close(effectiveRank(s.map((x) => x * 1024)), e, { rtol: 1e-13 });
      }),
      options,
    );
  });
});

describe('stableRank', () => {
  it('is Σ s² / s₁²', () => {
    expect(stableRank([2, 2, 2])).toBe(3);
    expect(stableRank([4, 3])).toBe(1.5625);
    expect(stableRank([0])).toBe(0);
    expect(stableRank([3e200, 3e200])).toBe(2);
  });
});
