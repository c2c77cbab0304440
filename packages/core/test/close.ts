import type { Matrix } from '../src/index.ts';

/** Tolerances of {@link close}: |a − b| <= atol + rtol·|b|, entry by entry. */
export interface Tolerance {
  /** Relative tolerance, default 1e-12. */
  rtol?: number;
  /** Absolute tolerance, default 0. */
  atol?: number;
}

type Numeric = number | ArrayLike<number> | Matrix;

function values(x: Numeric): ArrayLike<number> {
  if (typeof x === 'number') return [x];
  if ('data' in x && x.data instanceof Float64Array) return x.data;
  return x as ArrayLike<number>;
}

/**
 * Asserts that `actual` is close to `expected` entry by entry (numbers,
 * arrays, typed arrays or matrices, compared in row-major order):
 * |actual − expected| <= atol + rtol·|expected|, the NumPy `allclose` rule.
 * Matrices must have the same shape. Throws an Error naming the first entry
 * that is not close, with both values and the tolerance.
 */
export function close(actual: Numeric, expected: Numeric, { rtol = 1e-12, atol = 0 }: Tolerance = {}): void {
  if (typeof actual === 'object' && typeof expected === 'object' && 'rows' in actual && 'rows' in expected) {
    if (actual.rows !== expected.rows || actual.cols !== expected.cols) {
      throw new Error(`close: shape ${actual.rows}×${actual.cols}, expected ${expected.rows}×${expected.cols}`);
    }
  }
  const a = values(actual);
  const b = values(expected);
  if (a.length !== b.length) throw new Error(`close: length ${a.length}, expected ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Object.is(x, y)) continue;
    const tol = atol + rtol * Math.abs(y);
    if (!(Math.abs(x - y) <= tol)) {
      throw new Error(
        `close: entry ${i} is ${x}, expected ${y} (|diff| = ${Math.abs(x - y)}, tolerance ${tol} = ${atol} + ${rtol}·|expected|)`,
      );
    }
  }
}
