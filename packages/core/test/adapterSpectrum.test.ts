import { describe, expect, it } from 'vitest';
import { RandomState, adapterSpectrum, frobeniusNorm, fromRows, matmul, scale, svd, zeros } from '../src/index.ts';
import { close } from './close.ts';

describe('adapterSpectrum', () => {
  it.each([
    [64, 48, 8, 2],
    [30, 200, 16, 0.5],
    [5, 7, 12, 1], // r larger than d and k
    [1, 9, 4, -3], // negative scale: singular values use |gamma|
    [600, 400, 16, 2], // tall and thin factors, as in a real adapter
  ])('B %i×r, A r×%i, r = %i, gamma = %s: equals the SVD of the formed gamma·B·A', (d, k, r, gamma) => {
    const rng = new RandomState(d * 1000 + k + r);
    const b = rng.randn(d, r);
    const a = rng.randn(r, k);
    const full = scale(matmul(b, a), gamma);
    const exact = svd(full, { vectors: false }).s;
    const { s, frobenius } = adapterSpectrum(b, a, gamma);
    expect(s.length).toBe(Math.min(d, r, k));
    close(s, exact.slice(0, s.length), { rtol: 1e-12, atol: 1e-13 * exact[0] });
    // The values the small problem leaves out are the product's zeros.
    for (let i = s.length; i < exact.length; i++) expect(exact[i]).toBeLessThan(1e-12 * exact[0]);
    close(frobenius, frobeniusNorm(full), { rtol: 1e-12 });
  });

  it('finds the rank an adapter really uses: B with two equal columns gives a zero value', () => {
    const rng = new RandomState(3);
    const b = rng.randn(40, 4);
    for (let i = 0; i < 40; i++) b.data[i * 4 + 3] = b.data[i * 4 + 2];
    const a = rng.randn(4, 30);
    const { s } = adapterSpectrum(b, a);
    expect(s[3]).toBeLessThan(1e-13 * s[0]);
    expect(s[2]).toBeGreaterThan(1e-3 * s[0]);
  });

  it('gives zeros for an untrained adapter (B = 0, as PEFT initializes it)', () => {
    const { s, frobenius } = adapterSpectrum(zeros(10, 4), new RandomState(1).randn(4, 12), 2);
    expect(Array.from(s)).toEqual([0, 0, 0, 0]);
    expect(frobenius).toBe(0);
  });

  it('is ‖b‖·‖a‖·|gamma| for rank one', () => {
    const { s } = adapterSpectrum(fromRows([[1], [2]]), fromRows([[3, 4]]), 2);
    close(s, [2 * Math.sqrt(5) * 5]);
  });

  it('rejects mismatched ranks and non-finite input', () => {
    expect(() => adapterSpectrum(zeros(3, 2), zeros(3, 4))).toThrow(/B is 3×2 and A is 3×4/);
    expect(() => adapterSpectrum(zeros(3, 2), zeros(2, 4), NaN)).toThrow(/gamma must be finite/);
    const a = zeros(2, 4);
    a.data[5] = Infinity;
    expect(() => adapterSpectrum(zeros(3, 2), a)).toThrow(/A\[1, 1\] is Infinity/);
  });
});
