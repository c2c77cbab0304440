import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, frobeniusNorm, kernelBackend, matmul, matrix, setKernelBackend, sub, transpose } from '../src/index.ts';
import { orthonormalize, rFactorOf } from '../src/linalg/orthonormalize.ts';
import { orthogonalityError } from './linalg.ts';

/** An m × l matrix with condition number `cond` (singular values log-spaced from 1 to 1/cond). */
function conditioned(m: number, l: number, cond: number, seed: number) {
  const rng = new RandomState(seed);
  const a = rng.randn(m, l);
  for (let i = 0; i < m; i++) for (let j = 0; j < l; j++) a.data[i * l + j] *= cond ** (-j / (l - 1));
  return a;
}

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

describe.each(['wasm', 'js'] as const)(
  'orthonormalize on the %s backend (CholeskyQR2, shifted CholeskyQR3 when ill-conditioned)',
  (backend) => {
    for (const cond of [1, 1e6, 1e8, 1e9, 1e12, 1e15]) {
      it(`gives orthonormal Q (to 1e-14) and Q·R = Y (to 1e-14·‖Y‖) at condition number ${cond.toExponential(0)}`, () => {
        expect(setKernelBackend(backend)).toBe(backend);
        const y = conditioned(400, 30, cond, 1);
        const { q, r } = orthonormalize(y.data, 400, 30);
        expect(orthogonalityError(matrix(400, 30, q))).toBeLessThanOrEqual(1e-13);
        const back = matmul(matrix(400, 30, q), matrix(30, 30, r));
        expect(frobeniusNorm(sub(back, y))).toBeLessThanOrEqual(1e-14 * frobeniusNorm(y));
        for (let i = 0; i < 30; i++) for (let j = 0; j < i; j++) expect(r[i * 30 + j]).toBe(0);
      });
    }

    it("is exact at every width around the triangular products' blocks (16 columns): 1, 3, 15, 16, 17, 33, 74", () => {
      setKernelBackend(backend);
      for (const l of [1, 3, 15, 16, 17, 33, 74]) {
        const m = 3 * l + 5;
        const y = l > 1 ? conditioned(m, l, 1e3, l) : new RandomState(l).randn(m, l);
        const { q, r } = orthonormalize(y.data, m, l);
        expect(orthogonalityError(matrix(m, l, q)), `l = ${l}`).toBeLessThanOrEqual(1e-13);
        const back = matmul(matrix(m, l, q), matrix(l, l, r));
        expect(frobeniusNorm(sub(back, y)), `l = ${l}`).toBeLessThanOrEqual(1e-14 * frobeniusNorm(y));
      }
    });

    it('handles rank-deficient and zero inputs (Householder fallback where Cholesky breaks down)', () => {
      setKernelBackend(backend);
      const rng = new RandomState(2);
      const lowRank = matmul(rng.randn(200, 3), rng.randn(3, 12));
      for (const y of [lowRank, matrix(50, 4)]) {
        const { q, r } = orthonormalize(y.data, y.rows, y.cols);
        expect(orthogonalityError(matrix(y.rows, y.cols, q))).toBeLessThanOrEqual(1e-12);
        const back = matmul(matrix(y.rows, y.cols, q), matrix(y.cols, y.cols, r));
        expect(frobeniusNorm(sub(back, y))).toBeLessThanOrEqual(1e-13 * Math.max(1, frobeniusNorm(y)));
      }
    });
  },
);

describe('rFactorOf', () => {
  it('is the R of orthonormalize, from Y or from its transpose, for any backend', () => {
    for (const backend of ['wasm', 'js'] as const) {
      setKernelBackend(backend);
      for (const cond of [1, 1e10]) {
        const y = conditioned(300, 12, cond, 3);
        const r = orthonormalize(y.data, 300, 12).r;
        expect(Array.from(rFactorOf(y.data, 300, 12))).toEqual(Array.from(r));
        const yt = transpose(y);
        expect(Array.from(rFactorOf(yt.data, 300, 12, true))).toEqual(Array.from(r));
      }
    }
  });
});

describe('orthonormalize into a given array', () => {
  it('writes the same Q into it, on every path (CholeskyQR2, shifted CholeskyQR3, Householder), also when it is Y itself', () => {
    const rng = new RandomState(9);
    const cases = [
      conditioned(200, 10, 1e3, 4), // CholeskyQR2
      conditioned(200, 10, 1e12, 5), // shifted CholeskyQR3
      matmul(rng.randn(200, 2), rng.randn(2, 10)), // rank-deficient: Householder
      matrix(200, 10), // zero: Householder
    ];
    for (const y of cases) {
      const want = orthonormalize(y.data, 200, 10);
      const into = new Float64Array(2000).fill(Number.NaN);
      const got = orthonormalize(y.data, 200, 10, into);
      expect(got.q).toBe(into);
      expect(Array.from(into)).toEqual(Array.from(want.q));
      expect(Array.from(got.r)).toEqual(Array.from(want.r));
      const own = y.data.slice();
      expect(Array.from(orthonormalize(own, 200, 10, own).q)).toEqual(Array.from(want.q));
    }
  });
});
