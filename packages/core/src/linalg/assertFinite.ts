import type { Matrix } from './matrix.ts';

/**
 * Throws a RangeError naming the first entry of `a` (in row-major order)
 * that is NaN or infinite, e.g. "svd: A[3, 7] is NaN". @internal
 */
export function assertFinite(fn: string, a: Matrix): void {
  const d = a.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x - x !== 0) {
      const r = Math.floor(i / a.cols);
      throw new RangeError(`${fn}: A[${r}, ${i - r * a.cols}] is ${String(x)}; received a non-finite entry, expected finite numbers only`);
    }
  }
}
