import { describe, expect, it } from 'vitest';
import { log } from '../src/random/log.ts';
import { RandomState } from '../src/index.ts';

describe('log (internal, correctly rounded, for the Gaussian sampler)', () => {
  it('is exact where the answer is known', () => {
    expect(log(1)).toBe(0);
    expect(log(0.5)).toBe(-0.6931471805599453);
    expect(log(2 ** -100)).toBe(-100 * Math.LN2);
    expect(log(Math.E)).toBe(1);
  });

  it('is within one ulp of Math.log everywhere in (0, 1), and often more exact', () => {
    const xs = new RandomState(4).randomSample(20000);
    for (const x0 of xs) {
      const x = x0 * x0 + 1e-300;
      const ours = log(x);
      const v8 = Math.log(x);
      expect(Math.abs(ours - v8)).toBeLessThanOrEqual(2.3e-16 * Math.abs(v8));
    }
  });

  it('falls back to Math.log outside the positive normal range', () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBe(Math.log(5e-324));
  });
});
