import { gemm } from '../kernels/gemm.ts';
import { SMALL_PRODUCT } from './gemmNT.ts';

/**
 * `C = X·Y` (or `C += X·Y` with `accumulate`) for row-major `X` (`m × p`)
 * and `Y` (`p × n`), written into `C` (`m × n`).
 *
 * One of the three product shapes every heavy path uses (`gemmNN`,
 * `gemmNT`, `gemmTN`). Products of at least {@link SMALL_PRODUCT}
 * multiply-adds run on the kernels (WebAssembly SIMD or the packed JS
 * fallback, see `setKernelBackend`); smaller ones in the loop below, i-q-j
 * order so the inner loop streams along contiguous rows of `Y` and `C`.
 * @internal
 */
export function gemmNN(X: Float64Array, Y: Float64Array, C: Float64Array, m: number, n: number, p: number, accumulate = false): void {
  if (m * n * p >= SMALL_PRODUCT) {
    gemm(m, n, p, X, p, 1, Y, n, 1, C, n, accumulate);
    return;
  }
  if (!accumulate) C.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const xi = i * p;
    for (let q = 0; q < p; q++) {
      const a = X[xi + q];
      const yq = q * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * Y[yq + j];
    }
  }
}
