import type { Matrix } from './matrix.ts';

/**
 * Throws a RangeError naming the first entry of `a` (in row-major order)
 * that is NaN or infinite, e.g. "svd: A[3, 7] is NaN". @internal
 */
export function assertFinite(fn: string, a: Matrix): void {
  const d = a.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x - x !== 0) throw nonFiniteError(fn, a, i);
  }
}

/** The RangeError {@link assertFinite} throws for entry `i` (row-major) of `a`. @internal */
export function nonFiniteError(fn: string, a: Matrix, i: number): RangeError {
  const r = Math.floor(i / a.cols);
  return new RangeError(
    `${fn}: A[${r}, ${i - r * a.cols}] is ${String(a.data[i])}; received a non-finite entry, expected finite numbers only`,
  );
}
