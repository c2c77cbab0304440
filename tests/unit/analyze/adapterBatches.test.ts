import { describe, expect, it } from 'vitest';
import { adapterBatches } from '../../../src/analyze/adapterBatches.ts';

const sizes = (n: number, workers: number, min?: number) =>
  adapterBatches(
    Array.from({ length: n }, (_, i) => i),
    workers,
    min,
  ).map((b) => b.length);

describe('adapterBatches', () => {
  it('splits by guided self-scheduling: a share 1/(2·workers) of what is left, at least min, in order', () => {
    expect(sizes(224, 2)).toEqual([56, 42, 32, 24, 18, 13, 10, 8, 6, 4, 3, 2, 2, 2, 2]);
    expect(sizes(20, 2)).toEqual([5, 4, 3, 2, 2, 2, 2]);
    expect(sizes(20, 1, 4)).toEqual([10, 5, 4, 1]);
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(adapterBatches(items, 3).flat()).toEqual(items);
  });

  it('handles no modules, one module, and nonsense worker counts', () => {
    expect(sizes(0, 2)).toEqual([]);
    expect(sizes(1, 2)).toEqual([1]);
    expect(sizes(6, 0)).toEqual([3, 2, 1]);
    expect(sizes(6, Number.NaN)).toEqual([3, 2, 1]);
    expect(sizes(3, 2, 0)).toEqual([1, 1, 1]);
    expect(sizes(3, 2, Number.NaN)).toEqual([1, 1, 1]);
    expect(sizes(5, Infinity)).toEqual([2, 2, 1]);
  });
});
