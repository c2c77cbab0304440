import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, matmul, matrix, setKernelBackend, transpose } from '../src/index.ts';
import { residentMatrix } from '../src/kernels/residentMatrix.ts';
import { wasmKernels } from '../src/kernels/kernelBackend.ts';
import { close } from './close.ts';

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

describe.each(['wasm', 'js'] as const)('residentMatrix on the %s backend', (backend) => {
  // Widths around the 64-byte padding of the resident rows (8 doubles, 16
  // floats), power-of-two widths (the padded case), heights off the 4-row tile.
  const shapes: [number, number][] = [
    [1, 1],
    [5, 1],
    [1, 9],
    [7, 8],
    [13, 16],
    [33, 17],
    [64, 64],
    [203, 128],
    [6, 300],
  ];
  for (const [rows, cols] of shapes) {
    it(`A·X and Aᵀ·X equal matmul at ${rows} × ${cols} (float64 exact to 1e-12, float32 to its rounding)`, () => {
      expect(setKernelBackend(backend)).toBe(backend);
      const rng = new RandomState(rows * 1000 + cols);
      const a = rng.randn(rows, cols);
      const l = 11;
      const x = rng.randn(cols, l);
      const u = rng.randn(rows, l);
      const res = residentMatrix(a.data, rows, cols, true);
      try {
        const ax = matmul(a, x);
        const atu = matmul(transpose(a), u);
        close(matrix(rows, l, res.times(x.data, l)), ax, { rtol: 1e-12, atol: 1e-12 });
        close(matrix(cols, l, res.transposeTimes(u.data, l)), atu, { rtol: 1e-12, atol: 1e-12 });
        const tol = { rtol: 0, atol: 4 * Math.max(rows, cols) * 2 ** -24 * Math.sqrt(Math.max(rows, cols)) * 4 };
        close(matrix(rows, l, res.times(x.data, l, true)), ax, tol);
        close(matrix(cols, l, res.transposeTimes(u.data, l, true)), atu, tol);
      } finally {
        res.release();
      }
    });
  }
});

describe('residentMatrix with float32 data: float64 products streamed from the data', () => {
  it("keeps only the float32 copy in the kernels' memory", () => {
    expect(setKernelBackend('wasm')).toBe('wasm');
    const w = wasmKernels()!;
    const [rows, cols] = [300, 100];
    const a = new RandomState(1).randn(rows, cols);
    const before = w.mark();
    const single = residentMatrix(a.data, rows, cols, true);
    const used32 = w.mark() - before;
    single.release();
    const both = residentMatrix(undefined, rows, cols, true);
    const usedBoth = w.mark() - before;
    both.release();
    expect(used32).toBeLessThan(rows * (cols + 64) * 4);
    expect(usedBoth).toBeGreaterThan(rows * cols * 12);
  });

  // Blocks of 256 rows (the k-blocking of Aᵀ·X): the same arithmetic in the same order as the
  // resident copy, bit for bit; blocks of 4 and 12 rows (and a last short block): to rounding.
  for (const [rows, cols, blockRows, exact] of [
    [600, 10, 256, true],
    [37, 19, 4, false],
    [203, 64, 12, false],
    [5, 300, 4, false],
  ] as const) {
    it(`A·X and Aᵀ·X in float64 at ${rows} × ${cols}, blocks of ${blockRows} rows, equal the resident float64 copy's${exact ? ' bit for bit' : ''}`, () => {
      expect(setKernelBackend('wasm')).toBe('wasm');
      const rng = new RandomState(rows + cols);
      const a = rng.randn(rows, cols);
      const l = 9;
      const x = rng.randn(cols, l);
      const u = rng.randn(rows, l);
      const resident = residentMatrix(a.data, rows, cols, false);
      const want = { ax: resident.times(x.data, l), atu: resident.transposeTimes(u.data, l) };
      resident.release();
      const streamed = residentMatrix(a.data, rows, cols, true, blockRows * cols * 8);
      const got = { ax: streamed.times(x.data, l), atu: streamed.transposeTimes(u.data, l) };
      // The float32 products still come from the float32 copy.
      const single = streamed.times(x.data, l, true);
      streamed.release();
      expect(got.ax).toEqual(want.ax); // A·X: each block's rows on their own, as in place
      if (exact) expect(got.atu).toEqual(want.atu);
      else close(matrix(cols, l, got.atu), matrix(cols, l, want.atu), { rtol: 1e-12, atol: 1e-12 });
      close(matrix(rows, l, single), matrix(rows, l, want.ax), { rtol: 0, atol: 1e-4 * Math.sqrt(cols) });
      expect(single).not.toEqual(want.ax);
    });
  }
});
