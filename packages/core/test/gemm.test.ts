import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { gemmNN } from '../src/linalg/gemmNN.ts';
import { gemmNT } from '../src/linalg/gemmNT.ts';
import { gemmTN } from '../src/linalg/gemmTN.ts';
import { gemm, gemmAt } from '../src/kernels/gemm.ts';
import { arena } from '../src/kernels/arena.ts';
import { wasmKernels } from '../src/kernels/kernelBackend.ts';
import { RandomState, kernelBackend, matmul, matrix, setKernelBackend, type KernelBackend } from '../src/index.ts';
import { close } from './close.ts';

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

/** Triple-loop reference: C[i,j] = Σ_q a(i,q)·b(q,j) with accessors for any layout. */
function reference(m: number, n: number, p: number, a: (i: number, q: number) => number, b: (q: number, j: number) => number) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < p; q++) s += a(i, q) * b(q, j);
      c[i * n + j] = s;
    }
  return c;
}

/** |C − ref| ≤ tol·Σ_q |a(i,q)·b(q,j)|: the bound of any order of summation. */
function checkProduct(C: ArrayLike<number>, want: Float64Array, absWant: Float64Array, eps: number, p: number) {
  for (let i = 0; i < want.length; i++) {
    const tol = 2 * (p + 2) * eps * absWant[i];
    if (!(Math.abs(C[i] - want[i]) <= tol)) {
      throw new Error(`entry ${i} is ${C[i]}, expected ${want[i]} within ${tol}`);
    }
  }
}

const BACKENDS: KernelBackend[] = ['wasm', 'js'];
// Edge shapes, non-multiples of the 4 × 4 (f64), 4 × 8 (f32) and 3 × 4 (JS)
// tiles, and shapes that cross the blocks (KC = 256, MC = 192 in f64).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 3],
  [7, 1, 3],
  [5, 6, 1],
  [13, 9, 17],
  [0, 4, 3],
  [4, 0, 3],
  [3, 4, 0],
  [1, 300, 40],
  [300, 1, 40],
  [33, 1, 300],
  [1, 1, 700],
  [17, 19, 23],
  [64, 64, 64],
  [197, 45, 300],
  [5, 4100, 3],
];

describe.each(BACKENDS)('gemmNN, gemmNT, gemmTN on the %s backend', (backend) => {
  for (const [m, n, p] of shapes) {
    it(`agree with a triple loop at m=${m}, n=${n}, p=${p}, with and without accumulate`, () => {
      expect(setKernelBackend(backend)).toBe(backend);
      const rng = new RandomState(m * 100 + n * 10 + p);
      const draw = (len: number) => (len === 0 ? new Float64Array(0) : rng.randn(1, len).data);
      const X = draw(m * p); // m × p (NN, NT) and read as p × m for TN
      const Y = draw(p * n); // p × n (NN, TN) and read as n × p for NT
      const C0 = draw(m * n);
      const nn = reference(
        m,
        n,
        p,
        (i, q) => X[i * p + q],
        (q, j) => Y[q * n + j],
      );
      const nt = reference(
        m,
        n,
        p,
        (i, q) => X[i * p + q],
        (q, j) => Y[j * p + q],
      );
      const tn = reference(
        m,
        n,
        p,
        (i, q) => X[q * m + i],
        (q, j) => Y[q * n + j],
      );
      const cases: [string, (C: Float64Array, acc: boolean) => void, Float64Array][] = [
        ['NN', (C, acc) => gemmNN(X, Y, C, m, n, p, acc), nn],
        ['NT', (C) => gemmNT(X, Y, C, m, n, p), nt],
        ['TN', (C, acc) => gemmTN(X, Y, C, m, n, p, acc), tn],
      ];
      for (const [name, run, want] of cases) {
        const C = new Float64Array(m * n).fill(Number.NaN);
        run(C, false);
        close(C, want, { rtol: 1e-12, atol: 1e-12 });
        if (name === 'NT') continue;
        const D = C0.slice();
        run(D, true);
        close(
          D,
          want.map((v, i) => v + C0[i]),
          { rtol: 1e-12, atol: 1e-12 },
        );
      }
    });
  }

  it('float32 products agree with the float64 reference to float32 rounding (m, n, p up to 300, strided operands)', () => {
    setKernelBackend(backend);
    for (const [m, n, p] of [
      [1, 9, 5],
      [9, 1, 5],
      [13, 17, 300],
      [130, 70, 33],
      [0, 3, 3],
      [3, 3, 0],
    ] as const) {
      const rng = new RandomState(m + n + p);
      const X = Float32Array.from(rng.randn(1, Math.max(1, m * p)).data);
      const Y = Float32Array.from(rng.randn(1, Math.max(1, p * n)).data);
      const want = reference(
        m,
        n,
        p,
        (i, q) => X[q * m + i],
        (q, j) => Y[j * p + q],
      ); // Xᵀ·Yᵀ
      const abs = reference(
        m,
        n,
        p,
        (i, q) => Math.abs(X[q * m + i]),
        (q, j) => Math.abs(Y[j * p + q]),
      );
      const C = new Float32Array(m * n).fill(Number.NaN);
      gemm(m, n, p, X, 1, m, Y, 1, p, C, n, false);
      checkProduct(C, want, abs, 2 ** -24, p);
    }
  });

  it('writes only the m × n window of a C with a larger row stride', () => {
    setKernelBackend(backend);
    const [m, n, p, ldc] = [37, 21, 50, 30];
    const rng = new RandomState(3);
    const X = rng.randn(m, p).data;
    const Y = rng.randn(p, n).data;
    const C = new Float64Array(m * ldc).fill(7);
    gemm(m, n, p, X, p, 1, Y, n, 1, C, ldc, false);
    const want = reference(
      m,
      n,
      p,
      (i, q) => X[i * p + q],
      (q, j) => Y[q * n + j],
    );
    for (let i = 0; i < m; i++) {
      close(C.subarray(i * ldc, i * ldc + n), want.subarray(i * n, (i + 1) * n), { rtol: 1e-12, atol: 1e-12 });
      expect(Array.from(C.subarray(i * ldc + n, (i + 1) * ldc))).toEqual(new Array(ldc - n).fill(7));
    }
  });
});

describe('wasm and js backends', () => {
  it('property: agree with each other and with a triple loop on random shapes (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (m, n, p, seed) => {
          const rng = new RandomState(seed);
          const a = rng.randn(m, p);
          const b = rng.randn(p, n);
          setKernelBackend('wasm');
          const w = matmul(a, b);
          setKernelBackend('js');
          const j = matmul(a, b);
          const want = reference(
            m,
            n,
            p,
            (i, q) => a.data[i * p + q],
            (q, k) => b.data[q * n + k],
          );
          const abs = reference(
            m,
            n,
            p,
            (i, q) => Math.abs(a.data[i * p + q]),
            (q, k) => Math.abs(b.data[q * n + k]),
          );
          checkProduct(w.data, want, abs, 2 ** -53, p);
          checkProduct(j.data, want, abs, 2 ** -53, p);
          close(w, matrix(m, n, j.data), { rtol: 0, atol: 4 * p * 2 ** -53 * Math.max(...abs) });
        },
      ),
      { seed: 20250114, numRuns: 60 },
    );
  });
});

describe('gemmAt with X read in place (direct)', () => {
  it('property: equals the packed path bit for bit and a triple loop, f64 and f32, any m (tails of m mod 4, several MC blocks)', () => {
    const w = wasmKernels();
    if (w === undefined) return; // no SIMD: the path does not exist
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (m, n, p, single, transposed, seed) => {
          const rng = new RandomState(seed);
          const X = rng.randn(m, p).data; // m × p, or read as its transpose's storage (p × m) when transposed
          const Y = rng.randn(p, n).data;
          const size = single ? 4 : 8;
          const [xrs, xcs] = transposed ? [1, m] : [p, 1];
          const mark = w.mark();
          try {
            const xAt = w.alloc(m * p * size);
            const yAt = w.alloc(p * n * size);
            const cPacked = w.alloc(m * n * size);
            const cDirect = w.alloc(m * n * size);
            const view = (at: number, len: number) => (single ? w.f32(at, len) : w.f64(at, len));
            view(xAt, m * p).set(X);
            view(yAt, p * n).set(Y);
            gemmAt(w, single, m, n, p, xAt, xrs, xcs, yAt, n, 1, cPacked, n, false);
            gemmAt(w, single, m, n, p, xAt, xrs, xcs, yAt, n, 1, cDirect, n, false, true);
            const packed = Array.from(view(cPacked, m * n));
            const direct = Array.from(view(cDirect, m * n));
            // Same products summed in the same order: identical.
            expect(direct).toEqual(packed);
            const x = Array.from(view(xAt, m * p));
            const y = Array.from(view(yAt, p * n));
            const want = reference(
              m,
              n,
              p,
              (i, q) => x[i * xrs + q * xcs],
              (q, j) => y[q * n + j],
            );
            const abs = reference(
              m,
              n,
              p,
              (i, q) => Math.abs(x[i * xrs + q * xcs]),
              (q, j) => Math.abs(y[q * n + j]),
            );
            checkProduct(direct, want, abs, single ? 2 ** -24 : 2 ** -53, p);
          } finally {
            w.release(mark);
          }
        },
      ),
      { seed: 20261201, numRuns: 40 },
    );
  });
});

describe('gemmAt with an empty inner dimension (p = 0)', () => {
  it('writes zeros into the m × n window when not accumulating, leaves C alone when accumulating (as jsGemm does)', () => {
    const w = wasmKernels();
    if (w === undefined) return;
    for (const single of [false, true]) {
      const mark = w.mark();
      try {
        const size = single ? 4 : 8;
        const [m, n, ldc] = [3, 2, 5];
        const c = w.alloc(m * ldc * size);
        const view = () => (single ? w.f32(c, m * ldc) : w.f64(c, m * ldc));
        view().fill(7);
        gemmAt(w, single, m, n, 0, c, 1, 1, c, 1, 1, c, ldc, true);
        expect(Array.from(view())).toEqual(Array(m * ldc).fill(7));
        gemmAt(w, single, m, n, 0, c, 1, 1, c, 1, 1, c, ldc, false);
        // Only the window (two of each row's five entries) is zeroed.
        expect(Array.from(view())).toEqual([0, 0, 7, 7, 7, 0, 0, 7, 7, 7, 0, 0, 7, 7, 7]);
      } finally {
        w.release(mark);
      }
    }
  });
});

describe.each(BACKENDS)('arena.gemm on the %s backend', (backend) => {
  it('accumulates by default and overwrites with accumulate = false, in an arena that is not zero-filled', () => {
    setKernelBackend(backend);
    const rng = new RandomState(11);
    const [m, n, p] = [7, 5, 6];
    const x = rng.randn(m, p).data;
    const y = rng.randn(p, n).data;
    const want = reference(
      m,
      n,
      p,
      (i, k) => x[i * p + k],
      (k, j) => y[k * n + j],
    );
    const ar = arena(m * p + p * n + m * n, false);
    try {
      const [X, Y, C] = [0, m * p, m * p + p * n];
      ar.data.set(x, X);
      ar.data.set(y, Y);
      ar.data.fill(NaN, C, C + m * n); // whatever a reused arena held
      ar.gemm(m, n, p, X, p, 1, Y, n, 1, C, n, false);
      close(Array.from(ar.data.subarray(C, C + m * n)), want, { rtol: 1e-14, atol: 1e-14 });
      ar.gemm(m, n, p, X, p, 1, Y, n, 1, C, n);
      close(
        Array.from(ar.data.subarray(C, C + m * n)),
        want.map((v) => 2 * v),
        { rtol: 1e-14, atol: 1e-14 },
      );
    } finally {
      ar.release();
    }
  });
});
