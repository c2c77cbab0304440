/**
 * The least-squares slope of `log y` against `log x`: the exponent b of a
 * power law `y ≈ c·x^b` fitted through the points. Used to compare the
 * first-step loss drop against rank with the predicted slopes
 * (−1, 0, 0, ½).
 *
 * @throws RangeError for fewer than two points, arrays of different
 *   lengths, values that are not finite and > 0, or all x equal.
 * @example
 * logLogSlope([1, 4, 16], [1, 0.5, 0.25]); // −0.5
 */
export function logLogSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2 || y.length !== n) {
    throw new RangeError(`logLogSlope: expected two arrays of equal length >= 2; received lengths ${n} and ${y.length}`);
  }
  let mx = 0;
  let my = 0;
  const lx = new Float64Array(n);
  const ly = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(x[i] > 0 && x[i] < Infinity) || !(y[i] > 0 && y[i] < Infinity)) {
      throw new RangeError(`logLogSlope: point ${i} is (${x[i]}, ${y[i]}); expected finite values > 0 on a log scale`);
    }
    lx[i] = Math.log(x[i]);
    ly[i] = Math.log(y[i]);
    mx += lx[i];
    my += ly[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  if (sxx === 0) throw new RangeError('logLogSlope: all x are equal; the slope is undefined');
  return sxy / sxx;
}
