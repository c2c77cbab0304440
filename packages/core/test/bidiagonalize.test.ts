import { afterEach, describe, expect, it } from 'vitest';
import {
  RandomState,
  frobeniusNorm,
  kernelBackend,
  matmul,
  matrix,
  setKernelBackend,
  sub,
  transpose,
  type KernelBackend,
  type Matrix,
} from '../src/index.ts';
import { bidiagonalize, blockedBidiagonalize } from '../src/linalg/bidiagonalize.ts';
import { unblockedBidiagonalize, type Bidiagonal } from '../src/linalg/unblockedBidiagonalize.ts';
import { formQ } from '../src/linalg/formQ.ts';
import { formRight } from '../src/linalg/svd.ts';
import { bdsqr } from '../src/linalg/bdsqr.ts';
import { close } from './close.ts';
import { orthogonalityError } from './linalg.ts';

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

/** Q·B·Pᵀ from a bidiagonalization of an m × n matrix. */
function reassemble({ d, e, left, right }: Bidiagonal, m: number, n: number): { a: Matrix; q: Matrix; p: Matrix } {
  const b = matrix(n, n);
  for (let i = 0; i < n; i++) {
    b.data[i * n + i] = d[i];
    if (i + 1 < n) b.data[i * n + i + 1] = e[i];
  }
  const q = matrix(m, n, formQ(m, n, left));
  const p = matrix(n, n, formRight(n, right));
  return { a: matmul(matmul(q, b), transpose(p)), q, p };
}

function values({ d, e }: Bidiagonal): Float64Array {
  const dd = d.slice();
  bdsqr(dd, e.slice());
  return dd.sort((x, y) => y - x);
}

function samples(): [string, Matrix][] {
  const rng = new RandomState(17);
  const graded = rng.randn(230, 200);
  for (let i = 0; i < graded.data.length; i++) graded.data[i] *= 10 ** (-8 * ((i % 200) / 199));
  const lowRank = matmul(rng.randn(260, 20), rng.randn(20, 240));
  const withZeroColumns = rng.randn(200, 180);
  for (let i = 0; i < 200; i++) for (const j of [0, 40, 41, 179]) withZeroColumns.data[i * 180 + j] = 0;
  return [
    ['Gaussian 300 × 200', rng.randn(300, 200)],
    ['Gaussian 257 × 257 (panels do not divide n)', rng.randn(257, 257)],
    ['graded columns 1 .. 1e-8, 230 × 200', graded],
    ['rank 20, 260 × 240', lowRank],
    ['zero columns (tau = 0 reflectors), 200 × 180', withZeroColumns],
  ];
}

describe.each(['wasm', 'js'] as KernelBackend[])('blockedBidiagonalize on the %s arena', (backend) => {
  for (const [name, a] of samples()) {
    it(`Q·B·Pᵀ = A to 1e-13·‖A‖, Q and P orthogonal, same singular values as the unblocked reduction: ${name}`, () => {
      setKernelBackend(backend);
      const { rows: m, cols: n } = a;
      const blocked = blockedBidiagonalize(a.data.slice(), m, n);
      const { a: back, q, p } = reassemble(blocked, m, n);
      expect(frobeniusNorm(sub(back, a))).toBeLessThanOrEqual(1e-13 * frobeniusNorm(a));
      expect(orthogonalityError(q)).toBeLessThanOrEqual(1e-13);
      expect(orthogonalityError(p)).toBeLessThanOrEqual(1e-13);
      const unblocked = unblockedBidiagonalize(a.data.slice(), m, n);
      const s = values(unblocked);
      close(values(blocked), s, { rtol: 1e-12, atol: 1e-14 * s[0] });
    });
  }

  it('without reflectors (values only) the same d and e, bit for bit, and no reflector arrays', () => {
    setKernelBackend(backend);
    const a = new RandomState(4).randn(300, 200);
    const full = blockedBidiagonalize(a.data.slice(), 300, 200);
    const bare = blockedBidiagonalize(a.data.slice(), 300, 200, false);
    expect(Array.from(bare.d)).toEqual(Array.from(full.d));
    expect(Array.from(bare.e)).toEqual(Array.from(full.e));
    expect([bare.left.tails.length, bare.left.taus.length, bare.right.tails.length, bare.right.taus.length]).toEqual([0, 0, 0, 0]);
  });

  it('bidiagonalize uses the unblocked reduction below 128 columns (bit for bit)', () => {
    setKernelBackend(backend);
    const a = new RandomState(3).randn(150, 127);
    const x = bidiagonalize(a.data.slice(), 150, 127);
    const y = unblockedBidiagonalize(a.data.slice(), 150, 127);
    expect(Array.from(x.d)).toEqual(Array.from(y.d));
    expect(Array.from(x.e)).toEqual(Array.from(y.e));
  });
});

describe('blockedBidiagonalize', () => {
  it('gives the same B on the wasm and the js arena, to rounding', () => {
    const a = new RandomState(5).randn(210, 170);
    setKernelBackend('wasm');
    const w = blockedBidiagonalize(a.data.slice(), 210, 170);
    setKernelBackend('js');
    const j = blockedBidiagonalize(a.data.slice(), 210, 170);
    close(w.d, j.d, { rtol: 1e-10, atol: 1e-12 });
    close(w.e, j.e, { rtol: 1e-10, atol: 1e-12 });
  });

  it('keeps a tiny-scaled column exact in relative terms (dlarfg rescaling falls back to an explicit y)', () => {
    const rng = new RandomState(9);
    const a = rng.randn(180, 170);
    // Column 5 tiny: the reflector of the next step sees |β| below safmin/eps after the update.
    for (let i = 0; i < 180; i++) a.data[i * 170 + 5] *= 1e-300;
    setKernelBackend('wasm');
    const blocked = blockedBidiagonalize(a.data.slice(), 180, 170);
    const { a: back } = reassemble(blocked, 180, 170);
    expect(frobeniusNorm(sub(back, a))).toBeLessThanOrEqual(1e-13 * frobeniusNorm(a));
  });
});
