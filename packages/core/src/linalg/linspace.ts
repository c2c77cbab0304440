/**
 * `n` evenly spaced numbers from `start` to `stop` inclusive, equal bit for
 * bit to `np.linspace(start, stop, n)`.
 *
 * NumPy's recipe, matched exactly: `step = (stop − start)/(n − 1)`,
 * `y[i] = i·step + start`, then the last element is set to `stop`. When the
 * step underflows to zero (a denormal range), NumPy computes
 * `y[i] = (i/(n − 1))·(stop − start) + start` instead, and so does this.
 * `n = 1` gives `[start]`, `n = 0` gives an empty array.
 *
 * @throws RangeError if `n` is not a non-negative integer or an endpoint is
 *   not finite.
 * @example
 * linspace(5, 0.5, 4); // [5, 3.5, 2, 0.5]
 * linspace(0, 1, 1); // [0]
 */
export function linspace(start: number, stop: number, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`linspace: n must be a non-negative integer; received ${String(n)}`);
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new RangeError(`linspace: start and stop must be finite; received ${start}, ${stop}`);
  }
  const out = new Float64Array(n);
  const delta = stop - start;
  const div = n - 1;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) {
      for (let i = 0; i < n; i++) out[i] = (i / div) * delta + start;
    } else {
      for (let i = 0; i < n; i++) out[i] = i * step + start;
    }
    out[n - 1] = stop;
  } else if (n === 1) {
    out[0] = 0 * delta + start;
  }
  return out;
}
