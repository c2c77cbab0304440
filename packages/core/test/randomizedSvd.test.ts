import { describe, expect, it } from 'vitest';
import { RandomState, fromRows, randomizedSvd, svd } from '../src/index.ts';
import { plantedUpdate } from '../src/experiments/index.ts';
import { close } from './close.ts';

/** A d × k matrix with singular values `values` and random singular vectors. */
function withSpectrum(d: number, k: number, values: ArrayLike<number>, seed: number) {
  return plantedUpdate({ d, k, singularValues: values, noise: 0, rng: new RandomState(seed) });
}

describe('randomizedSvd', () => {
  it.each([
    ['geometric decay 0.9^i', (i: number) => 0.9 ** i],
    ['power-law decay i^-2', (i: number) => (i + 1) ** -2],
    ['a few large values then a floor', (i: number) => (i < 5 ? 10 - i : 0.01)],
  ])('top values match the exact SVD to 1e-6 relative on %s', (_, f) => {
    const p = 150;
    const a = withSpectrum(300, 200, Float64Array.from({ length: p }, (_, i) => f(i)), 7);
    const exact = svd(a, { vectors: false }).s;
    const { s } = randomizedSvd(a, { rank: 16, seed: 1 });
    expect(s.length).toBe(16);
    close(s, exact.slice(0, 16), { rtol: 1e-6 });
  });

  it('never exceeds the exact values (it projects A onto a subspace)', () => {
    const a = withSpectrum(120, 90, Float64Array.from({ length: 90 }, (_, i) => 1 / (1 + i)), 11);
    const exact = svd(a, { vectors: false }).s;
    const { s } = randomizedSvd(a, { rank: 10, oversample: 2, powerIterations: 0, seed: 2 });
    for (let i = 0; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(exact[i] * (1 + 1e-12));
  });

  it('is reproducible from its seed and works on wide matrices', () => {
    const a = new RandomState(5).randn(40, 300);
    const one = randomizedSvd(a, { rank: 5, seed: 9 }).s;
    expect(Array.from(randomizedSvd(a, { rank: 5, seed: 9 }).s)).toEqual(Array.from(one));
    expect(one.length).toBe(5);
  });

  it('returns the exact SVD when rank + oversample covers the matrix', () => {
    const a = new RandomState(4).randn(12, 9);
    close(randomizedSvd(a, { rank: 4, oversample: 10 }).s, svd(a, { vectors: false }).s.slice(0, 4));
    expect(randomizedSvd(fromRows([[3, 0], [0, 4]]), { rank: 5 }).s.length).toBe(2);
  });

  it('rejects bad options with a RangeError that says what was received', () => {
    const a = new RandomState(1).randn(5, 5);
    expect(() => randomizedSvd(a, { rank: 0 })).toThrow(/rank must be a positive integer; received 0/);
    expect(() => randomizedSvd(a, { rank: 2, oversample: -1 })).toThrow(/oversample/);
    expect(() => randomizedSvd(a, { rank: 2, powerIterations: 1.5 })).toThrow(/powerIterations/);
    a.data[3] = NaN;
    expect(() => randomizedSvd(a, { rank: 2 })).toThrow(/A\[0, 3\] is NaN/);
  });
});
