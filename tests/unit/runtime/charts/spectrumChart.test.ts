import { describe, expect, it } from 'vitest';
import { describeSpectrum, spectrumPoints } from '../../../../src/runtime/charts/spectrumChart.ts';

describe('spectrumPoints', () => {
  it('numbers singular values from 1', () => {
    expect(spectrumPoints([3, 2, 0], 'linear')).toEqual([
      { i: 1, sigma: 3 },
      { i: 2, sigma: 2 },
      { i: 3, sigma: 0 },
    ]);
  });

  it('drops zeros on a log axis, where they cannot be drawn', () => {
    expect(spectrumPoints([3, 1e-20, 0], 'log')).toEqual([
      { i: 1, sigma: 3 },
      { i: 2, sigma: 1e-20 },
    ]);
  });
});

describe('describeSpectrum', () => {
  it('describes the spectrum in numbers', () => {
    expect(describeSpectrum([5, 3.5, 2, 0.5])).toBe('4 singular values, from 5 down to 0.5. The largest 4: 5, 3.5, 2, 0.5.');
  });
});
