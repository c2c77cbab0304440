import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, setKernelBackend, type KernelBackend } from '../src/index.ts';
import { applyReflectors } from '../src/linalg/applyReflectors.ts';
import { formQ } from '../src/linalg/formQ.ts';
import { applyLeft } from '../src/linalg/householder.ts';
import { factorQR, type Reflectors } from '../src/linalg/qr.ts';
import { close } from './close.ts';

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

/** H_0···H_{k−1}·C, one reflector at a time (dlarf): the plain reference. */
function reference(c: Float64Array, m: number, cols: number, { tails, taus }: Reflectors): Float64Array {
  const out = c.slice();
  for (let i = taus.length - 1; i >= 0; i--) applyLeft(out, cols, i, m, 0, cols, tails, i * m, taus[i], new Float64Array(cols));
  return out;
}

/** The first `cols` columns of the m × m identity. */
function identityColumns(m: number, cols: number): Float64Array {
  const e = new Float64Array(m * cols);
  for (let j = 0; j < cols; j++) e[j * cols + j] = 1;
  return e;
}

const backends: KernelBackend[] = initial === 'wasm' ? ['wasm', 'js'] : ['js'];

describe.each(backends)('applyReflectors on the %s kernels', (backend) => {
  it('equals Q·C with Q formed explicitly, for k < m, k = m and block sizes that do not divide k', () => {
    setKernelBackend(backend);
    const rng = new RandomState(12);
    for (const [m, k, cols] of [
      [1, 1, 1],
      [5, 3, 4],
      [33, 33, 7],
      [70, 40, 70],
      [100, 65, 1],
      [130, 130, 50],
    ] as const) {
      const reflectors = factorQR(rng.randn(m, k).data, m, k);
      const c = rng.randn(m, cols).data;
      const out = c.slice();
      applyReflectors(out, m, cols, reflectors);
      close(out, reference(c, m, cols, reflectors), { rtol: 0, atol: 1e-13 * Math.sqrt(m * cols) });
    }
  });

  it('leaves C alone for identity reflectors (tau = 0) and keeps its norm (Q is orthogonal)', () => {
    setKernelBackend(backend);
    const rng = new RandomState(13);
    const m = 50;
    const c = rng.randn(m, 20).data;
    const identity: Reflectors = { tails: new Float64Array(40 * m), taus: new Float64Array(40) };
    const out = c.slice();
    applyReflectors(out, m, 20, identity);
    expect(Array.from(out)).toEqual(Array.from(c));
    const reflectors = factorQR(rng.randn(m, 40).data, m, 40);
    applyReflectors(out, m, 20, reflectors);
    const norm = (x: Float64Array) => Math.sqrt(x.reduce((acc, v) => acc + v * v, 0));
    close(norm(out), norm(c), { rtol: 1e-14 });
  });

  it('formQ (dorgqr) equals the reflectors applied one by one to the identity, on its blocked and its small path', () => {
    setKernelBackend(backend);
    const rng = new RandomState(14);
    for (const [m, k, cols] of [
      [9, 4, 4],
      [70, 40, 40],
      [130, 130, 130],
      [300, 33, 33],
      [200, 100, 150],
      [257, 65, 65],
    ] as const) {
      const reflectors = factorQR(rng.randn(m, k).data, m, k);
      close(formQ(m, cols, reflectors), reference(identityColumns(m, cols), m, cols, reflectors), { rtol: 0, atol: 1e-13 * Math.sqrt(m) });
    }
  });
});
