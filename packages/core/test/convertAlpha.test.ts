import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertAlpha } from '../src/train/index.ts';
import { loraScale } from '../src/index.ts';
import { close } from './close.ts';

describe('convertAlpha', () => {
  it('keeps gamma: loraScale(convertAlpha(alpha, r, from, to), r, to) = loraScale(alpha, r, from)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 4096 }), fc.boolean(), (alpha, r, on) => {
        const [from, to] = on ? (['standard', 'rslora'] as const) : (['rslora', 'standard'] as const);
        close(loraScale(convertAlpha(alpha, r, from, to), r, to), loraScale(alpha, r, from), { rtol: 1e-14 });
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it('divides alpha by √r when turning use_rslora on and multiplies by √r when turning it off', () => {
    expect(convertAlpha(16, 16, 'standard', 'rslora')).toBe(4);
    expect(convertAlpha(16, 16, 'rslora', 'standard')).toBe(64);
    expect(convertAlpha(8, 8, 'standard', 'standard')).toBe(8);
    close(convertAlpha(16, 8, 'rslora', 'standard'), 16 * Math.sqrt(8), { rtol: 1e-15 });
  });

  it('rejects what loraScale rejects', () => {
    expect(() => convertAlpha(16, 0, 'standard', 'rslora')).toThrow(/r must be a positive integer/);
    expect(() => convertAlpha(Number.NaN, 4, 'standard', 'rslora')).toThrow(/alpha must be a finite number/);
  });
});
