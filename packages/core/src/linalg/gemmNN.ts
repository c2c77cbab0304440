/**
 * `C = X·Y` (or `C += X·Y` with `accumulate`) for row-major `X` (`m × p`)
 * and `Y` (`p × n`), written into `C` (`m × n`). Loop order i-q-j, so the
 * inner loop streams along contiguous rows of `Y` and `C`.
 *
 * One of the three product shapes every heavy path uses (`gemmNN`,
 * `gemmNT`, `gemmTN`); faster kernels replace the bodies, never the
 * signatures. @internal
 */
export function gemmNN(
  X: Float64Array,
  Y: Float64Array,
  C: Float64Array,
  m: number,
  n: number,
  p: number,
  accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const xi = i * p;
    for (let q = 0; q < p; q++) {
      const a = X[xi + q];
      if (a === 0) continue;
      const yq = q * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * Y[yq + j];
    }
  }
}
