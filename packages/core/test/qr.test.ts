import { describe, expect, it } from 'vitest';
import { type Matrix, RandomState, frobeniusNorm, fromRows, matmul, matrix, qr, sub } from '../src/index.ts';
import { applyLeft, reflector } from '../src/linalg/householder.ts';
import { close } from './close.ts';
import { reference, toMatrix } from './fixtures.ts';
import { orthogonalityError } from './linalg.ts';

/** The leading rows × cols block of a matrix. */
function leading(a: Matrix, rows: number, cols: number): Matrix {
  const out = matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = a.data[i * a.cols + j];
  return out;
}

describe('qr', () => {
  describe.each(reference.qr)('$name', (c) => {
    const a = toMatrix(c.a);
    const { q, r } = qr(a);
    const k = Math.min(a.rows, a.cols);

    it('has NumPy reduced shapes: Q m × min(m, n), R min(m, n) × n', () => {
      expect([q.rows, q.cols]).toEqual([a.rows, k]);
      expect([r.rows, r.cols]).toEqual([k, a.cols]);
    });

    it('Q·R reconstructs A to 1e-14·‖A‖', () => {
      expect(frobeniusNorm(sub(matmul(q, r), a))).toBeLessThanOrEqual(1e-14 * Math.max(frobeniusNorm(a), 1));
    });

    it('QᵀQ = I to 1e-14 and R is upper triangular', () => {
      expect(orthogonalityError(q)).toBeLessThan(1e-14);
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < Math.min(i, r.cols); j++) expect(r.data[i * r.cols + j]).toBe(0);
    });

    it('equals np.linalg.qr(A), signs included (LAPACK dgeqrf/dorgqr conventions)', () => {
      const scaleA = Math.max(frobeniusNorm(a), 1);
      // Past the numerical rank, the trailing block is rounding noise and
      // the remaining columns of Q are arbitrary (in NumPy too): compare the
      // determined part only, and check that the rest of R is negligible.
      const rank = /rank (\d+)/.exec(c.name);
      const p = rank ? Number(rank[1]) : k;
      close(leading(q, q.rows, p), leading(toMatrix(c.q), q.rows, p), { atol: 1e-13 });
      close(leading(r, p, r.cols), leading(toMatrix(c.r), p, r.cols), { atol: 1e-13 * scaleA });
      for (let i = p * r.cols; i < r.data.length; i++) expect(Math.abs(r.data[i])).toBeLessThan(1e-14 * scaleA);
    });
  });

  it('makes R[j, j] = −sign(pivot)·‖column‖ (dlarfg beta)', () => {
    const { q, r } = qr(
      fromRows([
        [3, 1],
        [4, 2],
      ]),
    );
    close(
      r,
      fromRows([
        [-5, -2.2],
        [0, 0.4],
      ]),
      { atol: 1e-15 },
    );
    close(
      q,
      fromRows([
        [-0.6, -0.8],
        [-0.8, 0.6],
      ]),
      { atol: 1e-15 },
    );
  });

  it('rejects NaN and infinite entries, naming the first', () => {
    expect(() =>
      qr(
        fromRows([
          [1, 2],
          [Number.NaN, 3],
        ]),
      ),
    ).toThrow('qr: A[1, 0] is NaN');
    expect(() => qr(fromRows([[1, -Infinity]]))).toThrow('qr: A[0, 1] is -Infinity');
  });

  it('blocked on the kernels for large matrices: Q·R = A, QᵀQ = I, R upper triangular, R as the unblocked dgeqr2 gives it', () => {
    const rng = new RandomState(21);
    const lowRank = matmul(rng.randn(150, 5), rng.randn(5, 90));
    const withZeroColumn = rng.randn(120, 100);
    for (let i = 0; i < 120; i++) withZeroColumn.data[i * 100 + 37] = 0;
    for (const a of [rng.randn(200, 100), rng.randn(97, 97), rng.randn(70, 150), lowRank, withZeroColumn]) {
      const { q, r } = qr(a);
      const norm = frobeniusNorm(a);
      expect(frobeniusNorm(sub(matmul(q, r), a))).toBeLessThanOrEqual(1e-14 * norm);
      expect(orthogonalityError(q)).toBeLessThan(1e-13);
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < Math.min(i, r.cols); j++) expect(r.data[i * r.cols + j]).toBe(0);
      // The unblocked reduction, one reflector at a time.
      const k = Math.min(a.rows, a.cols);
      const w = a.data.slice();
      for (let j = 0; j < k; j++) {
        const v = new Float64Array(a.rows - j);
        for (let i = j; i < a.rows; i++) v[i - j] = w[i * a.cols + j];
        const tau = reflector(v, 0, v.length);
        w[j * a.cols + j] = v[0];
        for (let i = j + 1; i < a.rows; i++) w[i * a.cols + j] = 0;
        applyLeft(w, a.cols, j, a.rows, j + 1, a.cols, v, 0, tau, new Float64Array(a.cols));
      }
      for (let i = 0; i < k; i++) {
        for (let j = i; j < a.cols; j++) close(r.data[i * a.cols + j], w[i * a.cols + j], { rtol: 0, atol: 1e-12 * norm });
      }
    }
  });
});
