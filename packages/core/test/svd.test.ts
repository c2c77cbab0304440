import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Matrix,
  RandomState,
  frobeniusNorm,
  fromRows,
  matmul,
  matrix,
  matrixRank,
  qr,
  scale,
  svd,
  sub,
  transpose,
} from '../src/index.ts';
import { bdsqr } from '../src/linalg/bdsqr.ts';
import { svdThresholds } from '../src/linalg/svd.ts';
import { close } from './close.ts';
import { reference, toMatrix } from './fixtures.ts';
import { column, orthogonalityError, reconstruct } from './linalg.ts';

/** Checks every invariant of a thin SVD of a; returns it for further checks. */
function checkInvariants(a: Matrix, tol = 1e-12) {
  const { u, s, vt } = svd(a);
  const p = Math.min(a.rows, a.cols);
  expect([u.rows, u.cols, s.length, vt.rows, vt.cols]).toEqual([a.rows, p, p, p, a.cols]);
  for (let i = 0; i < p; i++) {
    expect(s[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
  }
  const norm = frobeniusNorm(a);
  expect(frobeniusNorm(sub(reconstruct(u, s, vt), a))).toBeLessThanOrEqual(tol * norm);
  expect(orthogonalityError(u)).toBeLessThanOrEqual(tol);
  expect(orthogonalityError(matrix(vt.cols, vt.rows, transposeData(vt)))).toBeLessThanOrEqual(tol);
  return { u, s, vt };
}

function transposeData(a: Matrix): Float64Array {
  const t = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

/** A matrix entirely determined by a seed and a kind, for property tests. */
function sample(m: number, n: number, seed: number, kind: string): Matrix {
  const rng = new RandomState(seed);
  const a = rng.randn(m, n);
  if (kind === 'low rank') {
    const r = 1 + (seed % Math.min(m, n));
    return matmul(rng.randn(m, r), rng.randn(r, n));
  }
  if (kind === 'integers')
    return matrix(
      m,
      n,
      a.data.map((x) => Math.round(2 * x)),
    );
  if (kind === 'sparse')
    return matrix(
      m,
      n,
      a.data.map((x) => (Math.abs(x) > 1 ? x : 0)),
    );
  if (kind === 'graded columns')
    return matrix(
      m,
      n,
      a.data.map((x, i) => x * 10 ** (-3 * (i % n))),
    );
  return a;
}

describe('svd', () => {
  describe.each(reference.svd)('$name', (c) => {
    const a = toMatrix(c.a);

    it('U·diag(s)·Vᵀ reconstructs A to 1e-12·‖A‖, UᵀU = I and VᵀV = I to 1e-12, s sorted and ≥ 0', () => {
      checkInvariants(a);
    });

    it('values-only s equals the with-vectors s exactly', () => {
      expect(Array.from(svd(a, { vectors: false }).s)).toEqual(Array.from(svd(a).s));
    });

    it('s equals np.linalg.svd(A) to 1e-12 relative (plus 4·eps·σ₁·max(m, n) absolute)', () => {
      const { s } = svd(a, { vectors: false });
      const atol = 4 * 2.2e-16 * (c.s[0] ?? 0) * Math.max(a.rows, a.cols);
      close(s, c.s, { rtol: 1e-12, atol });
    });

    it('matrixRank(A) equals np.linalg.matrix_rank(A)', () => {
      expect(matrixRank(a)).toBe(c.rank);
    });

    if (c.u && c.vt) {
      it('singular vectors equal NumPy’s after fixing each pair’s sign', () => {
        const { u, vt } = svd(a);
        const ref = { u: toMatrix(c.u!), vt: toMatrix(c.vt!) };
        for (let j = 0; j < u.cols; j++) {
          const mine = column(u, j);
          const theirs = column(ref.u, j);
          const sign = Math.sign(mine.reduce((acc, x, i) => acc + x * theirs[i], 0));
          close(
            mine.map((x) => sign * x),
            theirs,
            { atol: 1e-12 },
          );
          const row = Array.from(vt.data.subarray(j * vt.cols, (j + 1) * vt.cols), (x) => sign * x);
          close(row, Array.from(ref.vt.data.subarray(j * vt.cols, (j + 1) * vt.cols)), { atol: 1e-12 });
        }
      });
    }
  });

  it('is exact for the zero matrix: s = 0, U and V the leading identity columns', () => {
    const { u, s, vt } = svd(matrix(4, 2));
    expect(Array.from(s)).toEqual([0, 0]);
    expect(orthogonalityError(u)).toBe(0);
    expect(frobeniusNorm(reconstruct(u, s, vt))).toBe(0);
  });

  it('computes tiny singular values of graded bidiagonals to high relative accuracy', () => {
    // |det B| = Π s_i exactly. If the smallest values had only absolute
    // accuracy (error ~ eps·σ₁), the product would be far off; dbdsqr's
    // zero-shift QR keeps each to a few ulps relative.
    for (const n of [3, 8, 16]) {
      const b = matrix(n, n);
      let det = 1;
      for (let i = 0; i < n; i++) {
        const d = 10 ** (-2 * i);
        b.data[i * n + i] = d;
        if (i + 1 < n) b.data[i * n + i + 1] = 0.7 * d;
        det *= d;
      }
      const { s } = svd(b, { vectors: false });
      close(
        s.reduce((acc, x) => acc * x, 1),
        det,
        { rtol: 1e-13 },
      );
      expect(s[n - 1]).toBeGreaterThan(0);
    }
  });

  it('handles huge and subnormal scales without overflow or underflow', () => {
    const base = new RandomState(3).randn(6, 4);
    const ref = svd(base, { vectors: false }).s;
    for (const c of [2 ** 1000, 2 ** -1060, 1e300, 1e-300]) {
      const s = svd(scale(base, c), { vectors: false }).s;
      close(
        s,
        ref.map((x) => x * c),
        { rtol: c < 1e-307 ? 1e-3 : 1e-12 },
      );
    }
  });

  it('does not hang on hard structured matrices (kept as fixtures)', () => {
    const n = 12;
    const kahan = matrix(n, n);
    const zeroDiagonal = matrix(n, n);
    const ones = matrix(9, 5, new Float64Array(45).fill(1));
    const mixed = fromRows([
      [1, 1e-300, 0],
      [1e-300, 1, 1e300 * 0],
      [0, 1e-160, 1e-160],
    ]);
    const theta = 1.2;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) kahan.data[i * n + j] = Math.sin(theta) ** i * (i === j ? 1 : -Math.cos(theta));
      // Upper bidiagonal with zeros on the diagonal: splits in the middle.
      if (i + 1 < n) zeroDiagonal.data[i * n + i + 1] = i + 1;
      if (i % 3 === 0) zeroDiagonal.data[i * n + i] = 0.5;
    }
    for (const a of [kahan, zeroDiagonal, ones, mixed]) checkInvariants(a);
    expect(matrixRank(ones)).toBe(1);
  });

  it('throws a RangeError naming the first NaN or infinite entry', () => {
    const a = new RandomState(1).randn(5, 9);
    a.data[3 * 9 + 7] = Number.NaN;
    expect(() => svd(a)).toThrow(RangeError);
    expect(() => svd(a)).toThrow('svd: A[3, 7] is NaN');
    a.data[3 * 9 + 7] = 1;
    a.data[9 + 2] = Infinity;
    expect(() => svd(a, { vectors: false })).toThrow('svd: A[1, 2] is Infinity');
  });

  it('reports non-convergence of the QR iteration instead of hanging', () => {
    const rng = new RandomState(5);
    const d = rng.randomSample(20).map((x) => x + 0.5);
    const e = rng.randomSample(19).map((x) => x + 0.5);
    expect(() => bdsqr(d, e, undefined, 3)).toThrow(/did not converge after \d+ inner steps \(limit 3\)/);
  });

  it('takes the QR-first path for tall matrices (m ≥ 1.6·n) and the transpose for wide ones', () => {
    const rng = new RandomState(11);
    for (const [m, n] of [
      [200, 20],
      [20, 200],
      [33, 32],
      [51, 32],
    ] as const) {
      checkInvariants(rng.randn(m, n));
    }
  });

  it('property: random shapes 1..12 × 1..12 reconstruct and are orthogonal (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('gaussian', 'low rank', 'integers', 'sparse', 'graded columns'),
        (m, n, seed, kind) => {
          const a = sample(m, n, seed, kind);
          const { s } = checkInvariants(a);
          expect(Array.from(svd(a, { vectors: false }).s)).toEqual(Array.from(s));
        },
      ),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('property: svd(c·A).s = |c|·svd(A).s (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((c) => Math.abs(c) > 1e-6),
        (m, n, seed, c) => {
          const a = sample(m, n, seed, 'gaussian');
          const s = svd(a, { vectors: false }).s;
          const sc = svd(scale(a, c), { vectors: false }).s;
          close(
            sc,
            s.map((x) => Math.abs(c) * x),
            { rtol: 1e-12, atol: 1e-13 * Math.abs(c) * s[0] },
          );
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('property: scaling by a power of two scales s exactly (the pre-scaling is exact)', () => {
    const a = new RandomState(8).randn(7, 5);
    const s = svd(a, { vectors: false }).s;
    expect(Array.from(svd(scale(a, -(2 ** 40)), { vectors: false }).s)).toEqual(Array.from(s, (x) => x * 2 ** 40));
  });
});

describe('matrixRank', () => {
  it('counts singular values above max(m, n)·σ₁·eps by default', () => {
    const a = matmul(new RandomState(1).randn(8, 3), new RandomState(2).randn(3, 5));
    expect(matrixRank(a)).toBe(3);
    expect(
      matrixRank(
        fromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(1);
    expect(matrixRank(matrix(3, 3))).toBe(0);
  });

  it('accepts singular values, with an explicit tolerance', () => {
    expect(matrixRank([3, 1e-20])).toBe(1);
    expect(matrixRank([3, 0.5, 0.01], 0.1)).toBe(2);
    expect(matrixRank([], 0.1)).toBe(0);
  });

  it('rejects bad tolerances and spectra', () => {
    expect(() => matrixRank([1, 2])).toThrow(/descending/);
    expect(() => matrixRank([1], -1)).toThrow(/received -1/);
  });
});

describe('svd above the dqds threshold (p ≥ 16)', () => {
  it('values-only s equals the with-vectors s exactly, and both reconstruct', () => {
    const rng = new RandomState(16);
    for (const [m, n] of [
      [16, 16],
      [40, 33],
      [21, 70],
      [150, 60],
    ] as const) {
      const a = rng.randn(m, n);
      const { s } = checkInvariants(a);
      expect(Array.from(svd(a, { vectors: false }).s)).toEqual(Array.from(s));
    }
  });

  it('keeps the relative accuracy of the tiny values of a graded bidiagonal (n = 40, down to 1e-78)', () => {
    const n = 40;
    const b = matrix(n, n);
    let logDet = 0;
    for (let i = 0; i < n; i++) {
      const d = 10 ** (-2 * i);
      b.data[i * n + i] = d;
      if (i + 1 < n) b.data[i * n + i + 1] = 0.7 * d;
      logDet += Math.log(d);
    }
    for (const vectors of [false, true]) {
      const { s } = svd(b, { vectors });
      close(
        s.reduce((acc, x) => acc + Math.log(x), 0),
        logDet,
        { rtol: 1e-14 },
      );
    }
  });
});

describe('svd from the divide-and-conquer threshold on (p ≥ 40, 96 on the plain-JS kernels)', () => {
  /** Runs fn with svd's thresholds set, restoring them afterwards. */
  function withThresholds<T>(t: Partial<typeof svdThresholds>, fn: () => T): T {
    const saved = { ...svdThresholds };
    Object.assign(svdThresholds, t);
    try {
      return fn();
    } finally {
      Object.assign(svdThresholds, saved);
    }
  }

  it('reconstructs and is orthogonal on tall, wide, QR-first, blocked, rank-deficient and graded-column matrices', () => {
    const rng = new RandomState(40);
    const lowRank = matmul(rng.randn(80, 10), rng.randn(10, 70));
    for (const a of [
      rng.randn(40, 40),
      rng.randn(64, 41),
      rng.randn(41, 300),
      rng.randn(300, 60),
      rng.randn(129, 129),
      lowRank,
      sample(100, 80, 3, 'graded columns'),
      sample(90, 60, 4, 'sparse'),
    ]) {
      const { s } = checkInvariants(a);
      expect(Array.from(svd(a, { vectors: false }).s)).toEqual(Array.from(s));
      // The same with divide and conquer on either backend.
      const forced = withThresholds({ divideAndConquer: 2, divideAndConquerJs: 2 }, () => checkInvariants(a));
      expect(Array.from(forced.s)).toEqual(Array.from(s));
    }
    expect(matrixRank(lowRank)).toBe(10);
  });

  it('gives the values of graded spectra (1 .. 1e-15) to 1e-13 relative of the bdsqr path', () => {
    const rng = new RandomState(41);
    const n = 60;
    const q1 = qr(rng.randn(n, n)).q;
    const q2 = qr(rng.randn(n, n)).q;
    const sigma = Float64Array.from({ length: n }, (_, i) => 10 ** (-i / 4));
    const a = reconstruct(q1, sigma, transpose(q2));
    const dc = checkInvariants(a, 1e-13);
    const qrPath = withThresholds({ dqds: 1e9, divideAndConquer: 1e9, divideAndConquerJs: 1e9 }, () => svd(a));
    close(dc.s, qrPath.s, { rtol: 1e-13 });
  });

  describe.each(reference.svd)('NumPy fixtures with divide and conquer forced: $name', (c) => {
    it('reconstructs, is orthogonal, and matches NumPy’s s (and vectors up to sign)', () => {
      const a = toMatrix(c.a);
      withThresholds({ dqds: 2, divideAndConquer: 2, divideAndConquerJs: 2 }, () => {
        const { u, s, vt } = checkInvariants(a);
        const atol = 4 * 2.2e-16 * (c.s[0] ?? 0) * Math.max(a.rows, a.cols);
        close(s, c.s, { rtol: 1e-12, atol });
        if (c.u && c.vt) {
          const ref = { u: toMatrix(c.u), vt: toMatrix(c.vt) };
          for (let j = 0; j < u.cols; j++) {
            const mine = column(u, j);
            const theirs = column(ref.u, j);
            const sign = Math.sign(mine.reduce((acc, x, i) => acc + x * theirs[i], 0));
            close(
              mine.map((x) => sign * x),
              theirs,
              { atol: 1e-12 },
            );
            const row = Array.from(vt.data.subarray(j * vt.cols, (j + 1) * vt.cols), (x) => sign * x);
            close(row, Array.from(ref.vt.data.subarray(j * vt.cols, (j + 1) * vt.cols)), { atol: 1e-12 });
          }
        }
      });
    });
  });
});

describe('svd values only, on scratch arrays kept between calls', () => {
  it('gives the values of the full svd, leaves A alone, and one call does not leak into the next', () => {
    // Tall (QR first), wide (transposed), square: each shape's scratch arrays are reused by the next.
    const rng = new RandomState(21);
    const shapes: [number, number][] = [
      [600, 200],
      [200, 600],
      [300, 300],
      [600, 200],
    ];
    for (const [m, n] of shapes) {
      const a = rng.randn(m, n);
      const copy = a.data.slice();
      const { s } = svd(a, { vectors: false });
      expect(Array.from(a.data)).toEqual(Array.from(copy));
      close(s, svd(a).s, { rtol: 1e-12, atol: 1e-14 * s[0]! });
      // The same matrix again, after other shapes used the scratch arrays: the same bits.
      const again = svd(a, { vectors: false }).s;
      expect(Array.from(again)).toEqual(Array.from(s));
    }
  });
});
