import { describe, expect, it } from 'vitest';
import { wasmKernels } from '../src/kernels/kernelBackend.ts';
import { geluGate } from '../src/lm/gelu.ts';

// The language model's elementwise wasm kernels (kernels.wat: gelu_f64,
// softmax_causal_f64, on exp_f64x2) against the JavaScript they replace.
const w = wasmKernels()?.spawn();

describe.skipIf(w === undefined)('the LM engine\'s wasm elementwise kernels', () => {
  it('gelu_f64 gives GELU\'s gate to a few ulp of Math.exp\'s, and the edge cases exactly', () => {
    const k = w!;
    const n = 20001; // odd: the last element goes alone
    const u = k.alloc(n * 8);
    const gate = k.alloc(n * 8);
    const g = k.alloc(n * 8);
    const U = k.f64(u, n);
    for (let i = 0; i < n; i++) U[i] = -25 + (50 * i) / (n - 1);
    U.set([NaN, Infinity, -Infinity, 1e300, -1e300, 0], 0);
    k.exports.gelu_f64(u, gate, g, n);
    const G = k.f64(gate, n);
    const GG = k.f64(g, n);
    expect([...G.subarray(1, 6)]).toEqual([1, 0, 1, 0, 0.5]);
    expect(G[0]).toBeNaN();
    let worst = 0;
    for (let i = 6; i < n; i++) {
      const s = geluGate(U[i]);
      if (s < 1e-300) expect(G[i]).toBeLessThan(1e-300);
      else worst = Math.max(worst, Math.abs(G[i] - s) / s);
      expect(GG[i]).toBe(U[i] * G[i]);
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('softmax_causal_f64 matches the plain softmax of each row\'s first t + 1 scores and leaves exact zeros after them', () => {
    const k = w!;
    for (const T of [1, 2, 7, 64]) {
      const p = k.alloc(T * T * 8);
      const P = k.f64(p, T * T);
      for (let i = 0; i < T * T; i++) P[i] = 40 * Math.sin(1.7 * i);
      const Q = Float64Array.from(P);
      k.exports.softmax_causal_f64(p, T, 0.25);
      for (let t = 0; t < T; t++) {
        const row = Array.from(Q.subarray(t * T, t * T + t + 1), (x) => 0.25 * x);
        const m = Math.max(...row);
        const e = row.map((x) => Math.exp(x - m));
        const sum = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < T; j++) {
          if (j > t) expect(Object.is(P[t * T + j], 0)).toBe(true);
          else expect(Math.abs(P[t * T + j] - e[j] / sum)).toBeLessThan(1e-15);
        }
      }
    }
  });
});
