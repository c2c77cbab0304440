import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../src/train/index.ts';
import { close } from './close.ts';

describe('clipGradNorm', () => {
  it('returns the global norm of all arrays and scales them to maxNorm when above it (PyTorch: maxNorm/(norm + 1e-6))', () => {
    const a = new Float64Array([3, 0]);
    const b = new Float64Array([4]);
    expect(clipGradNorm([a, b], 1)).toBe(5);
    close(a, [3 / (5 + 1e-6), 0], { rtol: 1e-15 });
    close(b, [4 / (5 + 1e-6)], { rtol: 1e-15 });
  });

  it('leaves gradients below maxNorm untouched, and Infinity only measures', () => {
    const a = new Float64Array([0.3, 0.4]);
    expect(clipGradNorm([a], 1)).toBeCloseTo(0.5, 15);
    expect(a).toEqual(new Float64Array([0.3, 0.4]));
    const b = new Float64Array([30, 40]);
    expect(clipGradNorm([b], Infinity)).toBe(50);
    expect(b).toEqual(new Float64Array([30, 40]));
  });

  it('rejects a maxNorm that is not > 0', () => {
    expect(() => clipGradNorm([], 0)).toThrow(/maxNorm must be a number > 0.*received 0/);
    expect(() => clipGradNorm([], Number.NaN)).toThrow(RangeError);
  });
});
