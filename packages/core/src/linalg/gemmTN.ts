/**
 * `C = Xᵀ·Y` (or `C += Xᵀ·Y` with `accumulate`) for row-major `X`
 * (`p × m`) and `Y` (`p × n`), written into `C` (`m × n`): a sum of `p`
 * outer products of rows, so every access is along a contiguous row (the
 * shape of a weight gradient, inputsᵀ · output gradients). @internal
 */
export function gemmTN(
  X: Float64Array,
  Y: Float64Array,
  C: Float64Array,
  m: number,
  n: number,
  p: number,
  accumulate = false,
): void {
  if (!accumulate) C.fill(0, 0, m * n);
  for (let q = 0; q < p; q++) {
    const xq = q * m;
    const yq = q * n;
    for (let i = 0; i < m; i++) {
      const a = X[xq + i];
      if (a === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * Y[yq + j];
    }
  }
}
