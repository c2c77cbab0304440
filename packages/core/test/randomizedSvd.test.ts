import { describe, expect, it } from 'vitest';
import {
  RandomState,
  fromRows,
  kernelBackend,
  matmul,
  randomizedSvd,
  setKernelBackend,
  svd,
  transpose,
  type Matrix,
} from '../src/index.ts';
import { plantedUpdate } from '../src/experiments/index.ts';
import {
  polishedErrors,
  roundingLevel,
  subspaceIteration,
  subspaceSettings,
  type RandomizedSvdOptions,
} from '../src/linalg/randomizedSvd.ts';
import { close } from './close.ts';

/** A d × k matrix with singular values `values` and random singular vectors. */
function withSpectrum(d: number, k: number, values: ArrayLike<number>, seed: number) {
  return plantedUpdate({ d, k, singularValues: values, noise: 0, rng: new RandomState(seed) });
}

describe('randomizedSvd', () => {
  it.each([
    ['geometric decay 0.9^i', (i: number) => 0.9 ** i],
    ['power-law decay i^-2', (i: number) => (i + 1) ** -2],
    ['a few large values then a floor', (i: number) => (i < 5 ? 10 - i : 0.01)],
  ])('top values match the exact SVD to 1e-6 relative on %s', (_, f) => {
    const p = 150;
    const a = withSpectrum(
      300,
      200,
      Float64Array.from({ length: p }, (_, i) => f(i)),
      7,
    );
    const exact = svd(a, { vectors: false }).s;
    const { s } = randomizedSvd(a, { rank: 16, seed: 1 });
    expect(s.length).toBe(16);
    close(s, exact.slice(0, 16), { rtol: 1e-6 });
  });

  it('never exceeds the exact values (it projects A onto a subspace)', () => {
    const a = withSpectrum(
      120,
      90,
      Float64Array.from({ length: 90 }, (_, i) => 1 / (1 + i)),
      11,
    );
    const exact = svd(a, { vectors: false }).s;
    const { s } = randomizedSvd(a, { rank: 10, oversample: 2, powerIterations: 0, seed: 2 });
    for (let i = 0; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(exact[i] * (1 + 1e-12));
  });

  it('is reproducible from its seed and works on wide matrices', () => {
    const a = new RandomState(5).randn(40, 300);
    const one = randomizedSvd(a, { rank: 5, seed: 9 }).s;
    expect(Array.from(randomizedSvd(a, { rank: 5, seed: 9 }).s)).toEqual(Array.from(one));
    expect(one.length).toBe(5);
  });

  it('returns the exact SVD when rank + oversample covers the matrix', () => {
    const a = new RandomState(4).randn(12, 9);
    close(randomizedSvd(a, { rank: 4, oversample: 10 }).s, svd(a, { vectors: false }).s.slice(0, 4));
    expect(
      randomizedSvd(
        fromRows([
          [3, 0],
          [0, 4],
        ]),
        { rank: 5 },
      ).s.length,
    ).toBe(2);
  });

  it('rejects bad options with a RangeError that says what was received', () => {
    const a = new RandomState(1).randn(5, 5);
    expect(() => randomizedSvd(a, { rank: 0 })).toThrow(/rank must be a positive integer; received 0/);
    expect(() => randomizedSvd(a, { rank: 2, oversample: -1 })).toThrow(/oversample/);
    expect(() => randomizedSvd(a, { rank: 2, powerIterations: 1.5 })).toThrow(/powerIterations/);
    a.data[3] = NaN;
    expect(() => randomizedSvd(a, { rank: 2 })).toThrow(/A\[0, 3\] is NaN/);
  });
});

describe('randomizedSvd accuracy estimates', () => {
  const spectra: [string, (i: number) => number][] = [
    ['geometric decay 0.9^i', (i) => 0.9 ** i],
    ['slow decay 0.99^i', (i) => 0.99 ** i],
    ['power law 1/(i+1)', (i) => 1 / (i + 1)],
    ['a flat top then a floor', (i) => (i < 20 ? 1 : 1e-3)],
    // Down to 2e-8·σ₁ at j = 11: below what float32 products resolve.
    ['steep decay 0.2^i', (i) => 0.2 ** i],
  ];
  for (const [name, f] of spectra) {
    it(`errors[j] bounds the true relative error of every value (${name}; adaptive, fixed q = 1, float32 both ways)`, () => {
      const a = withSpectrum(
        300,
        220,
        Float64Array.from({ length: 220 }, (_, i) => f(i)),
        3,
      );
      const exact = svd(a, { vectors: false }).s;
      const float32 = 'float32' as const;
      for (const options of [
        {},
        { powerIterations: 1 },
        { precision: float32 },
        { tolerance: 1e-3 },
        { precision: float32, powerIterations: 1 },
        { precision: float32, tolerance: 1e-3 },
      ]) {
        const r = randomizedSvd(a, { rank: 12, ...options });
        for (let j = 0; j < 12; j++) {
          // A projection's values are below A's, up to float64 rounding.
          expect(r.s[j]).toBeLessThanOrEqual(exact[j] + roundingLevel(exact[0], 300, 220));
          expect((exact[j] - r.s[j]) / r.s[j]).toBeLessThanOrEqual(r.errors[j]);
        }
        expect(r.accuracy).toBe(Math.max(...r.errors));
        expect(r.converged).toBe(r.accuracy <= (options.tolerance ?? 1e-6));
      }
    });
  }

  it('stops as soon as the estimates are within tolerance, and reports when maxIterations cut it short', () => {
    const fast = withSpectrum(
      300,
      200,
      Float64Array.from({ length: 200 }, (_, i) => 0.7 ** i),
      4,
    );
    const quick = randomizedSvd(fast, { rank: 8 });
    expect(quick.converged).toBe(true);
    expect(quick.iterations).toBeLessThanOrEqual(2);
    const slow = withSpectrum(
      300,
      200,
      Float64Array.from({ length: 200 }, (_, i) => 0.995 ** i),
      4,
    );
    const cut = randomizedSvd(slow, { rank: 8, maxIterations: 2 });
    expect(cut.iterations).toBe(2);
    expect(cut.converged).toBe(false);
    expect(cut.accuracy).toBeGreaterThan(1e-6);
  });

  it('runs exactly powerIterations iterations when only that is given (the old behaviour)', () => {
    const a = withSpectrum(
      200,
      150,
      Float64Array.from({ length: 150 }, (_, i) => 0.7 ** i),
      5,
    );
    for (const q of [0, 1, 4]) expect(randomizedSvd(a, { rank: 5, powerIterations: q }).iterations).toBe(q);
  });

  it('judges a rank-deficient matrix by its non-zero values only', () => {
    const rng = new RandomState(6);
    const b = rng.randn(240, 5);
    const c = rng.randn(5, 180);
    const product = { rows: 240, cols: 180, data: new Float64Array(240 * 180) };
    for (let i = 0; i < 240; i++)
      for (let k = 0; k < 5; k++) for (let j = 0; j < 180; j++) product.data[i * 180 + j] += b.data[i * 5 + k] * c.data[k * 180 + j];
    const r = randomizedSvd(product, { rank: 10 });
    expect(r.converged).toBe(true);
    expect(r.accuracy).toBeLessThanOrEqual(1e-6);
    expect(r.s[5]).toBeLessThan(1e-10 * r.s[0]);
  });

  it('float32 mode: the float64 values take the float32 estimates, plus how far they fell below the float32 values', () => {
    const s32 = Float64Array.of(10, 5, 1, 0);
    const s64 = Float64Array.of(10.5, 4.9, 1, 0);
    const e = polishedErrors(Float64Array.of(1e-3, 1e-4, 1e-6, 0), s32, s64, 4, 1e-12);
    expect(e[0]).toBeCloseTo((1e-3 * 10) / 10.5, 15); // above the float32 value: its estimate, over s64
    expect(e[1]).toBeCloseTo((1e-4 * 5 + 0.1) / 4.9, 15); // below it: the difference added
    expect(e[2]).toBeCloseTo(1e-6, 15);
    expect(e[3]).toBe(0); // zero, and nothing suggests otherwise
    expect(polishedErrors(Float64Array.of(0), Float64Array.of(0), Float64Array.of(1e-20), 1, 1e-12)[0]).toBe(1e8); // the floor
    expect(polishedErrors(Float64Array.of(0), Float64Array.of(1), Float64Array.of(0), 1, 1e-12)[0]).toBe(Infinity);
  });

  it('float32 mode asks for 2q + 3 products, the last projection in float64, and one more only when it stops before the cap', () => {
    /** The products one run asks for, as "A32 At64 …", and how many iterations it did. */
    const requests = (a: Matrix, options: RandomizedSvdOptions) => {
      const at = transpose(a);
      const steps = subspaceIteration(subspaceSettings(a.rows, a.cols, options));
      const asked: string[] = [];
      let next = steps.next();
      while (!next.done) {
        const { op, x, l, single } = next.value;
        asked.push(`${op}${single ? 32 : 64}`);
        next = steps.next(matmul(op === 'A' ? a : at, { rows: op === 'A' ? a.cols : a.rows, cols: l, data: x }).data);
      }
      return { asked: asked.join(' '), iterations: next.value.iterations };
    };
    const slow = withSpectrum(
      220,
      160,
      Float64Array.from({ length: 160 }, (_, i) => 0.995 ** i),
      10,
    );
    const capped = 'A32 At32 A32 At32 A32 At32 A32 At64 A32';
    expect(requests(slow, { rank: 8, precision: 'float32', maxIterations: 3 })).toEqual({ asked: capped, iterations: 3 });
    expect(requests(slow, { rank: 8, precision: 'float32', powerIterations: 3 })).toEqual({ asked: capped, iterations: 3 });
    expect(requests(slow, { rank: 8, precision: 'float32', powerIterations: 0 })).toEqual({ asked: 'A32 At64 A32', iterations: 0 });
    // Converged before the cap: that iteration's float32 projection, then a float64 one.
    const fast = withSpectrum(
      220,
      160,
      Float64Array.from({ length: 160 }, (_, i) => 0.5 ** i),
      10,
    );
    const early = requests(fast, { rank: 4, precision: 'float32', tolerance: 1e-3, maxIterations: 6 });
    expect(early.iterations).toBeLessThan(6);
    expect(early.asked).toBe(`${'A32 At32 '.repeat(early.iterations + 1)}A32 At64`);
    // float64: every product in float64, 2q + 3 of them.
    expect(requests(slow, { rank: 8, powerIterations: 2 }).asked).toBe('A64 At64 A64 At64 A64 At64 A64');
  });

  it('float32 range finding keeps float64 accuracy on the top values (the final product is in float64)', () => {
    const a = withSpectrum(
      260,
      200,
      Float64Array.from({ length: 200 }, (_, i) => 0.85 ** i),
      8,
    );
    const exact = svd(a, { vectors: false }).s;
    const r = randomizedSvd(a, { rank: 10, precision: 'float32' });
    close(r.s, exact.slice(0, 10), { rtol: 1e-6 });
  });

  it('gives the same values on the wasm and the js backend, to the estimated accuracy', () => {
    const a = withSpectrum(
      200,
      160,
      Float64Array.from({ length: 160 }, (_, i) => 0.8 ** i),
      9,
    );
    const initial = kernelBackend();
    setKernelBackend('wasm');
    const w = randomizedSvd(a, { rank: 6 });
    setKernelBackend('js');
    const j = randomizedSvd(a, { rank: 6 });
    setKernelBackend(initial);
    close(w.s, j.s, { rtol: 1e-9 });
  });

  it('rejects bad tolerance, maxIterations and precision with a RangeError', () => {
    const a = new RandomState(1).randn(30, 30);
    expect(() => randomizedSvd(a, { rank: 2, tolerance: 0 })).toThrow(/tolerance must be in \(0, 1\); received 0/);
    expect(() => randomizedSvd(a, { rank: 2, maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => randomizedSvd(a, { rank: 2, precision: 'float16' as 'float32' })).toThrow(
      /precision must be 'float64' or 'float32'; received float16/,
    );
  });
});
