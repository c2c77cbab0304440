/**
 * Throws a RangeError unless `s` is a list of finite, non-negative numbers
 * in descending order (a spectrum of singular values, as svd returns it).
 * @internal
 */
export function validateSpectrum(fn: string, s: ArrayLike<number>): void {
  if (s === null || typeof s !== 'object' || typeof s.length !== 'number') {
    throw new RangeError(`${fn}: s must be an array of singular values; received ${String(s)}`);
  }
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    if (typeof x !== 'number' || !(x >= 0) || x === Infinity) {
      throw new RangeError(`${fn}: s[${i}] is ${String(x)}; expected singular values that are finite and non-negative`);
    }
    if (i > 0 && x > s[i - 1]) {
      throw new RangeError(`${fn}: s is not in descending order; received s[${i - 1}] = ${s[i - 1]} < s[${i}] = ${x}`);
    }
  }
}

/** Throws a RangeError unless r is a non-negative integer. @internal */
export function validateRank(fn: string, r: number): void {
  if (!Number.isInteger(r) || r < 0) {
    throw new RangeError(`${fn}: r must be a non-negative integer; received ${String(r)}`);
  }
}

/**
 * Squares of s / s[0] (all ≤ 1, so sums neither overflow nor underflow
 * needlessly). Energies are ratios, unchanged by the scaling. Empty for an
 * all-zero or empty spectrum. @internal
 */
export function scaledSquares(s: ArrayLike<number>): Float64Array {
  const top = s.length > 0 ? s[0] : 0;
  if (top === 0) return new Float64Array(0);
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const t = s[i] / top;
    out[i] = t * t;
  }
  return out;
}
