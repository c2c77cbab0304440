import { describe, expect, it } from 'vitest';
import { RandomState, add, frobeniusNorm, fromRows, identity, matmul, matrix, scale, sub, toRows, transpose, zeros } from '../src/index.ts';
import { close } from './close.ts';

describe('matrix', () => {
  it('stores entries row-major: (i, j) at data[i·cols + j]', () => {
    const a = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.rows).toBe(2);
    expect(a.cols).toBe(3);
    expect(a.data[1 * 3 + 2]).toBe(6);
    expect(toRows(a)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('validates sizes and data length with "received …, expected …"', () => {
    expect(() => matrix(0, 3)).toThrow(/rows must be a positive integer; received 0/);
    expect(() => matrix(2, 1.5)).toThrow(/received 1\.5/);
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow(/received 3, expected 2·2 = 4/);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/received 1, expected 2/);
    expect(() => fromRows([])).toThrow(RangeError);
  });

  it('uses a given Float64Array without copying, and copies plain arrays', () => {
    const data = new Float64Array(4);
    expect(matrix(2, 2, data).data).toBe(data);
    expect(matrix(1, 2, [1, 2]).data).toBeInstanceOf(Float64Array);
  });

  it('zeros and identity (square and rectangular)', () => {
    expect(Array.from(zeros(2, 2).data)).toEqual([0, 0, 0, 0]);
    expect(toRows(identity(2))).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(toRows(identity(3, 2))).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
  });
});

describe('matmul', () => {
  it('multiplies (m × k)·(k × n)', () => {
    const a = fromRows([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const b = fromRows([
      [1, 0, -1],
      [2, 1, 0],
    ]);
    expect(toRows(matmul(a, b))).toEqual([
      [5, 2, -1],
      [11, 4, -3],
      [17, 6, -5],
    ]);
  });

  it('rejects mismatched inner dimensions', () => {
    expect(() => matmul(zeros(2, 3), zeros(2, 3))).toThrow(/received 2×3 · 2×3/);
  });

  it('propagates NaN like the naive sum (no zero-skipping)', () => {
    const a = fromRows([[0, 1]]);
    const b = fromRows([[Number.NaN], [1]]);
    expect(Number.isNaN(matmul(a, b).data[0])).toBe(true);
  });
});

describe('transpose', () => {
  it('swaps rows and columns, also beyond the 32 × 32 blocks', () => {
    const a = matrix(
      37,
      45,
      Float64Array.from({ length: 37 * 45 }, (_, i) => i),
    );
    const t = transpose(a);
    expect(t.rows).toBe(45);
    expect(t.cols).toBe(37);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 45; j++) expect(t.data[j * 37 + i]).toBe(a.data[i * 45 + j]);
  });
});

describe('frobeniusNorm', () => {
  it('is sqrt of the sum of squares', () => {
    expect(
      frobeniusNorm(
        fromRows([
          [3, 0],
          [0, 4],
        ]),
      ),
    ).toBe(5);
  });

  it('can handle huge and tiny entries without overflowing or underflowing', () => {
    close(frobeniusNorm(fromRows([[3e300, 4e300]])), 5e300, { rtol: 1e-15 });
    close(frobeniusNorm(fromRows([[3e-300, 4e-300]])), 5e-300, { rtol: 1e-15 });
    close(frobeniusNorm(fromRows([[3e-320, 4e-320]])), 5e-320, { rtol: 1e-3 });
  });

  it('takes the plain sum of squares only where it equals the scaled one (both sides of 2^-900 and of overflow)', () => {
    const random = new RandomState(4).randn(300, 70);
    let ssq = 0;
    for (const x of random.data) ssq += x * x;
    close(frobeniusNorm(random), Math.sqrt(ssq), { rtol: 1e-14 });
    // Squares near and past the thresholds: a small matrix at each scale, against the exact scaled value.
    for (const e of [-460, -451, -449, -300, 150, 153, 154, 160]) {
      const scaled = fromRows([[3 * 2 ** e, 4 * 2 ** e]]);
      close(frobeniusNorm(scaled), 5 * 2 ** e, { rtol: 1e-15 });
    }
    // One huge entry among ordinary ones: the plain sum overflows, the scaled one does not.
    close(frobeniusNorm(fromRows([[1e200, 1, 2]])), 1e200, { rtol: 1e-15 });
    // Entries whose squares all underflow to zero.
    close(frobeniusNorm(fromRows([[3e-170, 4e-170]])), 5e-170, { rtol: 1e-15 });
  });

  it('is NaN with a NaN entry and Infinity with an infinite one', () => {
    expect(frobeniusNorm(fromRows([[1, Number.NaN]]))).toBeNaN();
    expect(frobeniusNorm(fromRows([[Number.NaN, Infinity]]))).toBeNaN();
    expect(frobeniusNorm(fromRows([[1, -Infinity]]))).toBe(Infinity);
  });
});

describe('add, sub, scale', () => {
  const a = fromRows([[1, 2]]);
  const b = fromRows([[10, 20]]);
  it('work entry-wise and return new matrices', () => {
    expect(toRows(add(a, b))).toEqual([[11, 22]]);
    expect(toRows(sub(b, a))).toEqual([[9, 18]]);
    expect(toRows(scale(a, -2))).toEqual([[-2, -4]]);
    expect(toRows(a)).toEqual([[1, 2]]);
  });

  it('reject different shapes', () => {
    expect(() => add(a, zeros(2, 1))).toThrow(/received 1×2 and 2×1/);
    expect(() => sub(a, zeros(1, 3))).toThrow(RangeError);
  });
});
