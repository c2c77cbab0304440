import { gemm } from '../kernels/gemm.ts';
import { SMALL_PRODUCT } from './gemmNT.ts';

/**
 * `C = Xᵀ·Y` (or `C += Xᵀ·Y` with `accumulate`) for row-major `X`
 * (`p × m`) and `Y` (`p × n`), written into `C` (`m × n`) (the shape of a
 * weight gradient, inputsᵀ · output gradients). Large products run on the
 * kernels (see `gemmNN`); small ones as a sum of `p` outer products of rows,
 * every access along a contiguous row. @internal
 */
export function gemmTN(X: Float64Array, Y: Float64Array, C: Float64Array, m: number, n: number, p: number, accumulate = false): void {
  if (m * n * p >= SMALL_PRODUCT) {
    gemm(m, n, p, X, 1, m, Y, n, 1, C, n, accumulate);
    return;
  }
  if (!accumulate) C.fill(0, 0, m * n);
  for (let q = 0; q < p; q++) {
    const xq = q * m;
    const yq = q * n;
    for (let i = 0; i < m; i++) {
      const a = X[xq + i];
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * Y[yq + j];
    }
  }
}
