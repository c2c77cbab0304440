import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.ts';
import { bdsqr } from '../src/linalg/bdsqr.ts';
import { dqds } from '../src/linalg/dqds.ts';
import { close } from './close.ts';

interface BidiagonalCase {
  name: string;
  d: number[];
  e: number[];
  s: number[];
}

/** scripts/numpy_bidiagonal_reference.py: LAPACK's dqds values (via np.linalg.svd) of seeded bidiagonals. */
const reference: { cases: BidiagonalCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/bidiagonal-reference.json', import.meta.url), 'utf8'),
);

/** dqds on copies; fails the test if dqds reports non-convergence. */
function values(d: ArrayLike<number>, e: ArrayLike<number>): Float64Array {
  const dd = Float64Array.from(d);
  expect(dqds(dd, Float64Array.from(e))).toBe(true);
  return dd;
}

/** The QR iteration's values, sorted descending (the reference of the package). */
function qrValues(d: ArrayLike<number>, e: ArrayLike<number>): Float64Array {
  const dd = Float64Array.from(d);
  bdsqr(dd, Float64Array.from(e));
  return dd.sort().reverse();
}

/** Σ d_i² + Σ e_i² = ‖B‖_F² = Σ s_i². */
function frobenius2(d: ArrayLike<number>, e: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < d.length; i++) t += d[i] * d[i];
  for (let i = 0; i < e.length; i++) t += e[i] * e[i];
  return t;
}

/** log |det B| = Σ log |d_i| = Σ log s_i (logs, so graded products do not underflow). */
function logDet(x: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < x.length; i++) t += Math.log(Math.abs(x[i]));
  return t;
}

/**
 * Σ log s_i = Σ log |d_i| to n·eps (relative error of the product) plus the
 * rounding of the sums of logs (1e-14 relative). A value with only absolute
 * accuracy, eps·σ₁, would be off by orders of magnitude on graded matrices.
 */
function expectSameLogDet(s: ArrayLike<number>, d: ArrayLike<number>): void {
  close(logDet(s), logDet(d), { rtol: 1e-14, atol: 8 * d.length * 2.2e-16 });
}

/** d_i = 10^(−step·i)·(1 + u_i), e_i = ratio·d_i·g_i: a bidiagonal graded top to bottom. */
function graded(n: number, step: number, ratio: number, seed: number): { d: Float64Array; e: Float64Array } {
  const rng = new RandomState(seed);
  const u = rng.randomSample(n);
  const g = n > 1 ? rng.randn(1, n - 1).data : new Float64Array(0);
  const d = Float64Array.from(u, (x, i) => 10 ** (-step * i) * (1 + x));
  const e = Float64Array.from(g, (x, i) => ratio * d[i] * x);
  return { d, e };
}

describe('dqds (dlasq1)', () => {
  it('returns non-negative values in decreasing order whose squares sum to ‖B‖_F² and whose product is |det B|', () => {
    const rng = new RandomState(1);
    for (const n of [3, 10, 57, 300]) {
      const d = rng.randn(1, n).data;
      const e = rng.randn(1, n - 1).data;
      const s = values(d, e);
      for (let i = 0; i < n; i++) {
        expect(s[i]).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      }
      close(frobenius2(s, []), frobenius2(d, e), { rtol: 4 * n * 2.2e-16 });
      // Relative accuracy of every value shows in the determinant: an
      // absolute error of eps·σ₁ in the smallest value would move it.
      expectSameLogDet(s, d);
    }
  });

  it('computes every value of graded bidiagonals to high relative accuracy (down to 1e-116 and upwards grading)', () => {
    for (const [n, step, ratio, seed] of [
      [40, 0.5, 0.5, 1],
      [30, 4, 0.7, 2],
      [120, 1, 2, 3],
      [16, 8, 0.9, 4],
    ] as const) {
      const { d, e } = graded(n, step, ratio, seed);
      const s = values(d, e);
      expectSameLogDet(s, d);
      close(s, qrValues(d, e), { rtol: 1e-13 });
      // The same matrix upside down (graded upwards): same values.
      const dr = d.slice().reverse();
      const er = e.slice().reverse();
      close(values(dr, er), s, { rtol: 1e-13 });
    }
  });

  it('agrees with bdsqr to 1e-13 relative on clustered, repeated, zero-diagonal and split bidiagonals', () => {
    const rng = new RandomState(7);
    const n = 64;
    const clustered = { d: rng.randn(1, n).data.map((x) => 1 + 1e-12 * x), e: rng.randn(1, n - 1).data.map((x) => 1e-9 * x) };
    const repeated = {
      d: Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 3 : 1)),
      e: Float64Array.from({ length: n - 1 }, (_, i) => (i % 2 === 0 ? 1 : 0)),
    };
    const zeroDiagonal = { d: rng.randn(1, n).data.map((x, i) => (i % 5 === 2 || i === n - 1 ? 0 : x)), e: rng.randn(1, n - 1).data };
    const split = { d: rng.randn(1, n).data, e: rng.randn(1, n - 1).data.map((x, i) => (i % 9 === 4 ? 0 : x)) };
    const allZeroDiagonal = { d: new Float64Array(n), e: rng.randn(1, n - 1).data };
    for (const { d, e } of [clustered, repeated, zeroDiagonal, split, allZeroDiagonal]) {
      const s = values(d, e);
      const ref = qrValues(d, e);
      for (let i = 0; i < n; i++) close(s[i], ref[i], { rtol: 1e-13, atol: ref[i] === 0 ? 0 : 1e-300 });
    }
    // Repeated: the 2 × 2 block [[3, 1], [0, 1]] thirty-two times over.
    const block = qrValues([3, 1], [1]);
    const s = values(repeated.d, repeated.e);
    close(s.subarray(0, 32), new Float64Array(32).fill(block[0]), { rtol: 1e-15 });
    close(s.subarray(32), new Float64Array(32).fill(block[1]), { rtol: 1e-15 });
    // A zero diagonal entry makes B singular: exactly one zero value per zero d_i here.
    expect(Array.from(values(zeroDiagonal.d, zeroDiagonal.e)).filter((x) => x === 0).length).toBeGreaterThan(0);
  });

  it('handles 1 × 1, 2 × 2 and diagonal input', () => {
    expect(Array.from(values([-3], []))).toEqual([3]);
    close(values([3, 5], [4]), [Math.sqrt(45), Math.sqrt(5)], { rtol: 2e-16 });
    close(values([1, 1e-20], [1e-10]), qrValues([1, 1e-20], [1e-10]), { rtol: 1e-15 });
    expect(Array.from(values([0, 0], [1]))).toEqual([1, 0]);
    expect(Array.from(values([1, -4, 2, 0], [0, 0, 0]))).toEqual([4, 2, 1, 0]);
    expect(Array.from(values([], []))).toEqual([]);
  });

  it('is safe at huge and tiny scales (it scales by 2^485/max internally)', () => {
    const rng = new RandomState(9);
    const d = rng.randn(1, 30).data;
    const e = rng.randn(1, 29).data;
    const s = values(d, e);
    for (const k of [1000, -1000, -1060]) {
      const c = 2 ** k;
      const sc = values(
        d.map((x) => x * c),
        e.map((x) => x * c),
      );
      // Powers of two scale the qd array exactly, so the values scale exactly
      // (unless they fall into the subnormal range).
      if (k > -1000) expect(Array.from(sc)).toEqual(Array.from(s, (x) => x * c));
      else
        close(
          sc,
          s.map((x) => x * c),
          { rtol: 1e-6, atol: 2 ** -1074 * 4 },
        );
    }
  });

  describe.each(reference.cases)('NumPy (LAPACK dlasq1 through dgesdd): $name', (c) => {
    it('every value agrees to 4e-15 relative', () => {
      const s = values(c.d, c.e);
      close(s, c.s, { rtol: 4e-15 });
    });
  });

  it('property: random graded, split and zero-diagonal bidiagonals agree with bdsqr and keep |det B| (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.constantFrom('plain', 'zero diagonal', 'zero off-diagonal', 'tiny off-diagonal'),
        (n, seed, step, kind) => {
          const rng = new RandomState(seed);
          const d = rng.randn(1, n).data.map((x, i) => x * 10 ** (-step * i * (8 / Math.max(n, 8))));
          const e = n > 1 ? rng.randn(1, n - 1).data.map((x, i) => x * Math.abs(d[i])) : new Float64Array(0);
          if (kind === 'zero diagonal') d[seed % n] = 0;
          if (kind === 'zero off-diagonal' && n > 1) e[seed % (n - 1)] = 0;
          if (kind === 'tiny off-diagonal' && n > 1) e[seed % (n - 1)] *= 1e-200;
          const s = values(d, e);
          const ref = qrValues(d, e);
          for (let i = 0; i < n; i++) close(s[i], ref[i], { rtol: 1e-12, atol: ref[i] === 0 ? 0 : 1e-300 });
          if (kind !== 'zero diagonal') expectSameLogDet(s, d);
        },
      ),
      { seed: 14, numRuns: 300 },
    );
  });

  it('property: scaling B by 2^k scales every value by exactly 2^k (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: -300, max: 300 }),
        (n, seed, k) => {
          const rng = new RandomState(seed);
          const d = rng.randn(1, n).data;
          const e = rng.randn(1, n - 1).data;
          const c = 2 ** k;
          expect(
            Array.from(
              values(
                d.map((x) => x * c),
                e.map((x) => x * c),
              ),
            ),
          ).toEqual(Array.from(values(d, e), (x) => x * c));
        },
      ),
      { seed: 15, numRuns: 100 },
    );
  });
});
