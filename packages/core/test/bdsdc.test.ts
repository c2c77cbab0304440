import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.ts';
import { bdsdc, SMLSIZ } from '../src/linalg/bdsdc.ts';
import { bdsqr } from '../src/linalg/bdsqr.ts';
import { close } from './close.ts';

const EPS = 2.220446049250313e-16;

interface VectorCase {
  name: string;
  d: number[];
  e: number[];
  s: number[];
  u: number[];
  vt: number[];
}

/** scripts/numpy_bidiagonal_reference.py: LAPACK's dbdsdc vectors (via np.linalg.svd) of bidiagonals. */
const reference: { vectors: VectorCase[] } = JSON.parse(
  readFileSync(new URL('./fixtures/bidiagonal-reference.json', import.meta.url), 'utf8'),
);

/** bdsdc on copies of (d, e): the values (decreasing) and U, VT (column-major). */
function solve(d: ArrayLike<number>, e: ArrayLike<number>) {
  const s = Float64Array.from(d);
  const { u, vt } = bdsdc(s, Float64Array.from(e));
  return { s, u, vt };
}

/** The QR iteration's values, decreasing: the package's reference. */
function qrValues(d: ArrayLike<number>, e: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(d);
  bdsqr(s, Float64Array.from(e));
  return s.sort().reverse();
}

/** ‖XᵀX − I‖_F for the columns of a column-major n × n X. */
function columnOrthogonality(x: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += x[k + i * n] * x[k + j * n];
      const r = s - (i === j ? 1 : 0);
      t += (i === j ? 1 : 2) * r * r;
    }
  }
  return Math.sqrt(t);
}

/** ‖XXᵀ − I‖_F for the rows of a column-major n × n X. */
function rowOrthogonality(x: Float64Array, n: number): number {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[i + j * n] = x[j + i * n];
  return columnOrthogonality(t, n);
}

/** ‖B − U·diag(s)·VT‖_F / ‖B‖_F. */
function reconstructionError(d: ArrayLike<number>, e: ArrayLike<number>, s: Float64Array, u: Float64Array, vt: Float64Array): number {
  const n = d.length;
  let err = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let k = 0; k < n; k++) x += u[i + k * n] * s[k] * vt[k + j * n];
      const b = i === j ? d[i] : j === i + 1 ? e[i] : 0;
      err += (x - b) ** 2;
      norm += b * b;
    }
  }
  return norm === 0 ? Math.sqrt(err) : Math.sqrt(err / norm);
}

/**
 * The invariants of a bidiagonal SVD: s decreasing and ≥ 0, U and V
 * orthogonal to 10·n·eps, B reconstructed to 10·n·eps·‖B‖_F, and every
 * value within 10·n·eps·‖B‖₂ of the QR iteration's (the absolute accuracy
 * of divide and conquer).
 */
function expectSvd(d: ArrayLike<number>, e: ArrayLike<number>) {
  const n = d.length;
  const r = solve(d, e);
  const tol = 10 * Math.max(n, 1) * EPS;
  for (let i = 0; i < n; i++) {
    expect(r.s[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(r.s[i]).toBeLessThanOrEqual(r.s[i - 1]);
  }
  expect(columnOrthogonality(r.u, n)).toBeLessThanOrEqual(tol);
  expect(rowOrthogonality(r.vt, n)).toBeLessThanOrEqual(tol);
  expect(reconstructionError(d, e, r.s, r.u, r.vt)).toBeLessThanOrEqual(tol);
  const ref = qrValues(d, e);
  close(r.s, ref, { rtol: 0, atol: tol * (ref[0] || 1) });
  return r;
}

describe('bdsdc (dbdsdc divide and conquer)', () => {
  it('U and V are orthogonal and U·diag(s)·Vᵀ = B to 10·n·eps, at sizes across the leaf size and the tree levels', () => {
    const rng = new RandomState(2);
    for (const n of [1, 2, 5, SMLSIZ, SMLSIZ + 1, SMLSIZ + 2, 51, 52, 53, 101, 230]) {
      expectSvd(rng.randn(1, n).data, n > 1 ? rng.randn(1, n - 1).data : []);
    }
  });

  it('agrees with LAPACK’s dbdsdc (NumPy’s dgesdd) on vectors, after fixing each pair’s sign', () => {
    for (const c of reference.vectors) {
      const n = c.d.length;
      expect(n).toBeGreaterThan(SMLSIZ);
      const r = expectSvd(c.d, c.e);
      close(r.s, c.s, { rtol: 1e-14 });
      for (let j = 0; j < n; j++) {
        // NumPy's u is row-major: column j is u[i·n + j]. Ours is column-major.
        let dot = 0;
        for (let i = 0; i < n; i++) dot += r.u[i + j * n] * c.u[i * n + j];
        const sign = Math.sign(dot);
        close(
          Array.from({ length: n }, (_, i) => sign * r.u[i + j * n]),
          Array.from({ length: n }, (_, i) => c.u[i * n + j]),
          { atol: 1e-13 },
        );
        close(
          Array.from({ length: n }, (_, i) => sign * r.vt[j + i * n]),
          c.vt.slice(j * n, (j + 1) * n),
          { atol: 1e-13 },
        );
      }
    }
  });

  it('deflates repeated values: identical 2 × 2 blocks, all-equal diagonal, the identity', () => {
    const n = 64;
    const blocks = {
      d: Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 2 : 1)),
      e: Float64Array.from({ length: n - 1 }, (_, i) => (i % 2 === 0 ? 1 : 0)),
    };
    const r = expectSvd(blocks.d, blocks.e);
    const pair = qrValues([2, 1], [1]);
    close(r.s.subarray(0, n / 2), new Float64Array(n / 2).fill(pair[0]), { rtol: 1e-15 });
    close(r.s.subarray(n / 2), new Float64Array(n / 2).fill(pair[1]), { rtol: 1e-15 });
    expectSvd(new Float64Array(n).fill(3), new Float64Array(n - 1));
    // Clustered: equal values up to 1e-15 relative, coupled weakly.
    const rng = new RandomState(3);
    expectSvd(
      rng.randn(1, n).data.map((x) => 1 + 1e-15 * x),
      rng.randn(1, n - 1).data.map((x) => 1e-3 * x),
    );
  });

  it('deflates zero and tiny z components: zero off-diagonals, tiny off-diagonals, tiny and zero diagonal entries', () => {
    const rng = new RandomState(4);
    const n = 90;
    const zeroE = rng.randn(1, n - 1).data.map((x, i) => (i % 7 === 3 ? 0 : x));
    expectSvd(rng.randn(1, n).data, zeroE);
    // Off-diagonals below eps·‖B‖ split the problem (dbdsdc) or deflate in the merges.
    const tinyE = rng.randn(1, n - 1).data.map((x, i) => (i % 11 === 5 ? 1e-300 : i % 11 === 7 ? 1e-17 * x : x));
    expectSvd(rng.randn(1, n).data, tinyE);
    expectSvd(
      rng.randn(1, n).data,
      rng.randn(1, n - 1).data.map((x, i) => (i === n - 2 ? 1e-300 : x)),
    );
    // Zero (and tiny) diagonal entries: B is singular.
    const zeroD = rng.randn(1, n).data.map((x, i) => (i % 5 === 1 ? 0 : i % 5 === 3 ? 1e-200 : x));
    const r = expectSvd(zeroD, rng.randn(1, n - 1).data);
    expect(r.s[n - 1]).toBeLessThan(10 * n * EPS * r.s[0]);
    // A single nonzero column: one nonzero singular value.
    const single = expectSvd(
      new Float64Array(n),
      Float64Array.from({ length: n - 1 }, (_, i) => (i === 40 ? 2 : 0)),
    );
    expect(single.s[0]).toBe(2);
  });

  it('handles graded bidiagonals (values down to 1e-60): vectors orthogonal, values to a few eps·‖B‖', () => {
    const n = 120;
    const d = Float64Array.from({ length: n }, (_, i) => 10 ** (-i / 2));
    const e = Float64Array.from({ length: n - 1 }, (_, i) => 0.7 * d[i]);
    const r = expectSvd(d, e);
    // Divide and conquer is accurate to eps·‖B‖ only (LAPACK perturbs
    // diagonal entries below eps to eps): the values above 1e-3·σ₁ agree
    // with the QR iteration to 1e-13 relative, not the tiny ones. svd takes
    // its values from dqds for this reason.
    const ref = qrValues(d, e);
    for (let i = 0; i < n && ref[i] > 1e-3 * ref[0]; i++) close(r.s[i], ref[i], { rtol: 1e-13 });
  });

  it('is exact for the zero matrix and scales with B', () => {
    const z = solve(new Float64Array(40), new Float64Array(39));
    expect(Array.from(z.s)).toEqual(new Array(40).fill(0));
    expect(columnOrthogonality(z.u, 40)).toBe(0);
    const rng = new RandomState(5);
    const d = rng.randn(1, 50).data;
    const e = rng.randn(1, 49).data;
    const s = solve(d, e).s;
    for (const c of [2 ** 600, 2 ** -600])
      close(
        solve(
          d.map((x) => x * c),
          e.map((x) => x * c),
        ).s,
        s.map((x) => x * c),
        { rtol: 1e-14 },
      );
  });

  it('property: random graded, split, clustered and zero-diagonal bidiagonals of order 26..110 (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: SMLSIZ + 1, max: 110 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('gaussian', 'graded', 'split', 'clustered', 'zero diagonal', 'integers'),
        (n, seed, kind) => {
          const rng = new RandomState(seed);
          const d = rng.randn(1, n).data;
          const e = rng.randn(1, n - 1).data;
          if (kind === 'graded') for (let i = 0; i < n; i++) d[i] *= 10 ** (-i / 8);
          if (kind === 'graded') for (let i = 0; i < n - 1; i++) e[i] *= 10 ** (-i / 8);
          if (kind === 'split') for (let i = seed % 5; i < n - 1; i += 6) e[i] = 0;
          if (kind === 'clustered') for (let i = 0; i < n; i++) d[i] = 1 + 1e-12 * d[i];
          if (kind === 'clustered') for (let i = 0; i < n - 1; i++) e[i] *= 1e-8;
          if (kind === 'zero diagonal') for (let i = seed % 3; i < n; i += 4) d[i] = 0;
          if (kind === 'integers') for (let i = 0; i < n; i++) d[i] = Math.round(2 * d[i]);
          if (kind === 'integers') for (let i = 0; i < n - 1; i++) e[i] = Math.round(2 * e[i]);
          expectSvd(d, e);
        },
      ),
      { seed: 1995, numRuns: 60 },
    );
  });
});
