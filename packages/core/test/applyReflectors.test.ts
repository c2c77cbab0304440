import { afterEach, describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, setKernelBackend, type KernelBackend } from '../src/index.ts';
import { applyReflectors } from '../src/linalg/applyReflectors.ts';
import { formQ } from '../src/linalg/formQ.ts';
import { factorQR, type Reflectors } from '../src/linalg/qr.ts';
import { close } from './close.ts';

const initial = kernelBackend();
afterEach(() => {
  setKernelBackend(initial);
});

/** Q·C by forming Q (m × m, unblocked reference) and a triple loop. */
function reference(c: Float64Array, m: number, cols: number, r: Reflectors): Float64Array {
  const q = formQ(m, m, r);
  const out = new Float64Array(m * cols);
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) for (let j = 0; j < cols; j++) out[i * cols + j] += q[i * m + k] * c[k * cols + j];
  return out;
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
});
