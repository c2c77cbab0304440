import { describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, highRankUpdate, lowRankUpdate, plantedUpdate, spectrumProfile } from '../src/experiments/index.ts';
import { RandomState, frobeniusNorm, linspace, loraScale, svd } from '../src/index.ts';
import { close } from './close.ts';

describe('plantedUpdate', () => {
  it('plants the given singular values (noise = 0) in a d × k matrix', () => {
    const rng = new RandomState(3);
    const delta = plantedUpdate({ d: 20, k: 12, singularValues: [4, 2, 1], noise: 0, rng });
    expect([delta.rows, delta.cols]).toEqual([20, 12]);
    const { s } = svd(delta, { vectors: false });
    close(s.subarray(0, 3), [4, 2, 1], { rtol: 1e-13 });
    close(s.subarray(3), new Float64Array(9), { atol: 1e-14 });
  });

  it('draws U0, V0 then the noise from rng, (d + k)·p + d·k normals in all', () => {
    const a = new RandomState(9);
    plantedUpdate({ d: 5, k: 4, singularValues: [1, 1], noise: 0.1, rng: a });
    const b = new RandomState(9);
    b.randn(1, (5 + 4) * 2 + 5 * 4);
    expect(a.randomSample(3)).toEqual(b.randomSample(3));
  });

  it('validates its inputs', () => {
    const rng = new RandomState(1);
    expect(() => plantedUpdate({ d: 3, k: 2, singularValues: [1, 1, 1], noise: 0, rng })).toThrow(/received 3, expected at most 2/);
    expect(() => plantedUpdate({ d: 3, k: 2, singularValues: [], noise: 0, rng })).toThrow(RangeError);
    expect(() => plantedUpdate({ d: 3, k: 2, singularValues: [-1], noise: 0, rng })).toThrow(/singularValues\[0\] is -1/);
    expect(() => plantedUpdate({ d: 3, k: 2, singularValues: [1], noise: Number.NaN, rng })).toThrow(/noise/);
    expect(() => plantedUpdate({ d: 0, k: 2, singularValues: [1], noise: 0, rng })).toThrow(/d must be/);
    expect(() => lowRankUpdate({ d: 4, k: 4, trueRank: 0, noise: 0, rng })).toThrow(/trueRank/);
  });
});

describe('lowRankUpdate and highRankUpdate', () => {
  it('use linspace(5, 0.5, trueRank) and linspace(3, 0.5, min(d, k))', () => {
    const style = lowRankUpdate({ d: 30, k: 20, trueRank: 3, noise: 0, rng: new RandomState(2) });
    close(svd(style, { vectors: false }).s.subarray(0, 3), linspace(5, 0.5, 3), { rtol: 1e-13 });
    const facts = highRankUpdate({ d: 30, k: 20, noise: 0, rng: new RandomState(2) });
    close(svd(facts, { vectors: false }).s, linspace(3, 0.5, 20), { rtol: 1e-13 });
    close(frobeniusNorm(facts), Math.hypot(...linspace(3, 0.5, 20)), { rtol: 1e-13 });
  });
});

describe('spectrumProfile', () => {
  it('style: s_i = 5·exp(−decay·i); facts: s_i = 3·(1 + i)^(−decay)', () => {
    close(spectrumProfile({ shape: 'style', rank: 3, decay: 1 }), [5, 5 * Math.exp(-1), 5 * Math.exp(-2)], {
      rtol: 1e-15,
    });
    close(spectrumProfile({ shape: 'facts', rank: 3, decay: 1 }), [3, 1.5, 1], { rtol: 1e-15 });
    expect(Array.from(spectrumProfile({ shape: 'facts', rank: 3, decay: 0 }))).toEqual([3, 3, 3]);
  });

  it('defaults to DEFAULT_DECAY (style 0.75, facts 0.35) and is descending', () => {
    expect(DEFAULT_DECAY).toEqual({ style: 0.75, facts: 0.35 });
    close(spectrumProfile({ shape: 'style', rank: 2 })[1], 5 * Math.exp(-0.75), { rtol: 1e-15 });
    close(spectrumProfile({ shape: 'facts', rank: 2 })[1], 3 * 2 ** -0.35, { rtol: 1e-15 });
    const s = spectrumProfile({ shape: 'facts', rank: 64 });
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]);
  });

  it('validates shape, rank and decay', () => {
    expect(() => spectrumProfile({ shape: 'x' as 'style', rank: 2 })).toThrow(/received x/);
    expect(() => spectrumProfile({ shape: 'style', rank: 0 })).toThrow(/rank must be a positive integer; received 0/);
    expect(() => spectrumProfile({ shape: 'style', rank: 2, decay: -1 })).toThrow(/received -1/);
  });
});

describe('loraScale', () => {
  it('is alpha/r (standard) or alpha/sqrt(r) (rsLoRA)', () => {
    expect(loraScale(16, 8)).toBe(2);
    expect(loraScale(16, 8, 'standard')).toBe(2);
    expect(loraScale(16, 16, 'rslora')).toBe(4);
    expect(loraScale(16, 8, 'rslora')).toBe(16 / Math.sqrt(8));
  });

  it('validates alpha, r and the scaling', () => {
    expect(() => loraScale(Number.NaN, 8)).toThrow(/alpha must be a finite number; received NaN/);
    expect(() => loraScale(16, 0)).toThrow(/r must be a positive integer; received 0/);
    expect(() => loraScale(16, 2.5)).toThrow(/received 2\.5/);
    expect(() => loraScale(16, 4, 'dora' as 'rslora')).toThrow(/received dora/);
  });
});
