import { describe, expect, it } from 'vitest';
import { linspace } from '../src/index.ts';
import { reference } from './fixtures.ts';

describe('linspace', () => {
  it.each(reference.linspace)('linspace($start, $stop, $n) equals np.linspace bit for bit', ({ start, stop, n, values }) => {
    expect(Array.from(linspace(start, stop, n))).toEqual(values);
  });

  it('ends exactly at stop and starts exactly at start', () => {
    const y = linspace(0.1, 0.7, 13);
    expect(y[0]).toBe(0.1);
    expect(y[12]).toBe(0.7);
  });

  it('gives [start] for n = 1 and [] for n = 0', () => {
    expect(Array.from(linspace(2, 5, 1))).toEqual([2]);
    expect(linspace(2, 5, 0).length).toBe(0);
  });

  it('rejects a negative or fractional n and non-finite endpoints', () => {
    expect(() => linspace(0, 1, -1)).toThrow(/received -1/);
    expect(() => linspace(0, 1, 2.5)).toThrow(/received 2\.5/);
    expect(() => linspace(0, Number.NaN, 3)).toThrow(RangeError);
  });
});
