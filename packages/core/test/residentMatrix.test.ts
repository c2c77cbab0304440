import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, matmul, matrix, setKernelBackend, transpose } from '../src/index.ts';
import { residentMatrix } from '../src/kernels/residentMatrix.ts';
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
