import { describe, expect, it } from 'vitest';
import { parseSpectrumParams, spectrumDefaults } from '../../../src/demos/spectrum/params.ts';

describe('parseSpectrumParams', () => {
  it('defaults to the original experiment’s style update', () => {
    expect(parseSpectrumParams(new URLSearchParams()).state).toMatchObject({
      d: 64,
      k: 64,
      rank: 4,
      noise: 0.01,
      seed: 42,
      shape: 'style',
    });
  });

  it('limits the true rank to min(d, k) with a notice', () => {
    const { state, notices } = parseSpectrumParams(new URLSearchParams('d=16&k=8&rank=40'));
    expect(state.rank).toBe(8);
    expect(notices).toEqual(['true rank: 40 is above min(d, k) = 8; using 8.']);
  });

  it('turns a fully garbled query into a working default state', () => {
    const { state, notices } = parseSpectrumParams(new URLSearchParams('d=-1&k=1e9&rank=x&shape=&decay=NaN&noise=2&seed=-5&scale=cubic'));
    expect(state).toEqual({ ...spectrumDefaults, d: 4, k: 512, rank: 4, noise: 1, seed: 0 });
    expect(notices.length).toBe(8);
  });

  it('rejects seeds above 2^32 - 1', () => {
    const { state, notices } = parseSpectrumParams(new URLSearchParams('seed=4294967296'));
    expect(state.seed).toBe(4294967295);
    expect(notices[0]).toContain('above the maximum 4294967295');
  });
});
