import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, setKernelBackend } from '../src/index.ts';
import { arena } from '../src/kernels/arena.ts';

// The fused pass of the blocked bidiagonalization (arena.bidiagPass), on its own: the
// WebAssembly kernel takes rows four and two at a time in mode 2, and must give the
// bits of one row at a time (the same arithmetic in the same order), and the plain-JS
// arena's results to rounding.

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

interface Layout {
  rows: number;
  len: number;
  lda: number;
  ldx: number;
  SEG: number;
  V: number;
  CX: number;
  CU: number;
  X: number;
  S: number;
  size: number;
}

function layout(rows: number, len: number): Layout {
  const lda = len + 3; // rows longer than the segment, as in A
  const ldx = 5;
  const SEG = 1;
  const V = SEG + Math.max(rows, 1) * lda;
  const CX = V + len;
  const CU = CX + rows;
  const X = CU + rows;
  const S = X + Math.max(rows, 1) * ldx;
  return { rows, len, lda, ldx, SEG, V, CX, CU, X, S, size: S + len + 1 };
}

/** Runs the pass on seeded data, `chunks` rows per call, and returns the arena's contents. */
function run(backend: 'wasm' | 'js', l: Layout, mode: 0 | 1 | 2, chunk: number): Float64Array {
  setKernelBackend(backend);
  const ar = arena(l.size);
  try {
    ar.data.set(new RandomState(l.rows * 100 + l.len).randn(1, l.size).data);
    for (let r = 0; r < l.rows; r += chunk) {
      const k = Math.min(chunk, l.rows - r);
      ar.bidiagPass(l.SEG + r * l.lda, l.lda, k, l.len, l.V, l.CX + r, l.CU + r, l.X + r * l.ldx, l.ldx, 0.7, l.S, mode);
    }
    return ar.data.slice(0, l.size);
  } finally {
    ar.release();
  }
}

describe('arena.bidiagPass', () => {
  const shapes: [number, number][] = [];
  for (const rows of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13]) for (const len of [1, 2, 3, 4, 5, 6, 7, 8, 13, 40]) shapes.push([rows, len]);

  it('wasm: all rows in one call give the bits of one row per call (modes 0, 1, 2)', () => {
    for (const [rows, len] of shapes) {
      for (const mode of [0, 1, 2] as const) {
        const l = layout(rows, len);
        expect(run('wasm', l, mode, rows || 1), `${rows} × ${len}, mode ${mode}`).toEqual(run('wasm', l, mode, 1));
      }
    }
  });

  it('wasm equals the plain-JS arena to rounding (modes 0, 1, 2)', () => {
    for (const [rows, len] of shapes) {
      for (const mode of [0, 1, 2] as const) {
        const l = layout(rows, len);
        const w = run('wasm', l, mode, rows || 1);
        const j = run('js', l, mode, rows || 1);
        const scale = Math.max(...j.map(Math.abs));
        for (let i = 0; i < w.length; i++)
          expect(Math.abs(w[i] - j[i]), `${rows} × ${len}, mode ${mode}, entry ${i}`).toBeLessThanOrEqual(1e-13 * scale * len);
      }
    }
  });
});
