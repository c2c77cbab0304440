import { describe, expect, it } from 'vitest';
import { wasmKernels } from '../src/kernels/kernelBackend.ts';
import { geluGate, geluGradFromGate } from '../src/lm/gelu.ts';
import { layerNorm, layerNormBackward } from '../src/lm/layerNorm.ts';
import { LAYER_NORM_EPS } from '../src/lm/lmConfig.ts';

// The language model's elementwise wasm kernels (kernels.wat: gelu_f64,
// softmax_causal_f64, on exp_f64x2) against the JavaScript they replace.
const w = wasmKernels()?.spawn();

describe.skipIf(w === undefined)("the LM engine's wasm elementwise kernels", () => {
  it("gelu_f64 gives GELU's gate to a few ulp of Math.exp's, and the edge cases exactly", () => {
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

  it("softmax_causal_f64 matches the plain softmax of each row's first t + 1 scores and leaves exact zeros after them", () => {
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

  it('gelu_grad_f64 multiplies by geluGradFromGate, bit for bit (same operations, same order)', () => {
    const k = w!;
    const n = 1001;
    const [du, u, gate] = [k.alloc(n * 8), k.alloc(n * 8), k.alloc(n * 8)];
    const [DU, U, G] = [k.f64(du, n), k.f64(u, n), k.f64(gate, n)];
    for (let i = 0; i < n; i++) {
      U[i] = 8 * Math.sin(i);
      G[i] = geluGate(U[i]);
      DU[i] = Math.cos(3 * i);
    }
    const expected = Array.from(DU, (d, i) => d * geluGradFromGate(U[i], G[i]));
    k.exports.gelu_grad_f64(du, u, gate, n);
    expect(Array.from(DU)).toEqual(expected);
  });

  it('softmax_causal_grad_f64 gives dS = scale·P∘(dP − rowsum(P∘dP)) on the causal part and zeros above it', () => {
    const k = w!;
    for (const T of [1, 5, 64]) {
      const [p, dp, ds] = [k.alloc(T * T * 8), k.alloc(T * T * 8), k.alloc(T * T * 8)];
      const [P, DP, DS] = [k.f64(p, T * T), k.f64(dp, T * T), k.f64(ds, T * T)];
      for (let i = 0; i < T * T; i++) {
        P[i] = Math.abs(Math.sin(i)) / T;
        DP[i] = Math.cos(2 * i);
        DS[i] = NaN;
      }
      k.exports.softmax_causal_grad_f64(p, dp, ds, T, 0.25);
      for (let t = 0; t < T; t++) {
        let dot = 0;
        for (let j = 0; j <= t; j++) dot += P[t * T + j] * DP[t * T + j];
        for (let j = 0; j < T; j++) {
          if (j > t) expect(Object.is(DS[t * T + j], 0)).toBe(true);
          else expect(DS[t * T + j]).toBeCloseTo(0.25 * P[t * T + j] * (DP[t * T + j] - dot), 15);
        }
      }
    }
  });

  it('layernorm_f64 and layernorm_grad_f64 agree with layerNorm and layerNormBackward to 1e-13 (even and odd widths)', () => {
    const k = w!;
    for (const d of [8, 7, 64]) {
      const n = 5;
      const at = (len: number) => k.alloc(len * 8);
      const [x, lw, lb, xhat, rstd, y, dy, dx, dw, db] = [
        at(n * d),
        at(d),
        at(d),
        at(n * d),
        at(n),
        at(n * d),
        at(n * d),
        at(n * d),
        at(d),
        at(d),
      ];
      const X = k.f64(x, n * d);
      const DY = k.f64(dy, n * d);
      const W = k.f64(lw, d);
      const B = k.f64(lb, d);
      for (let i = 0; i < n * d; i++) {
        X[i] = 3 * Math.sin(i) + 1;
        DY[i] = Math.cos(5 * i);
      }
      for (let c = 0; c < d; c++) {
        W[c] = 1 + 0.1 * c;
        B[c] = 0.01 * c;
      }
      const ref = {
        xhat: new Float64Array(n * d),
        rstd: new Float64Array(n),
        y: new Float64Array(n * d),
        dx: new Float64Array(n * d).fill(1),
        dw: new Float64Array(d),
        db: new Float64Array(d),
      };
      layerNorm(X, W, B, ref.xhat, ref.rstd, ref.y, n, d);
      layerNormBackward(DY, ref.xhat, ref.rstd, W, ref.dx, ref.dw, ref.db, n, d);
      k.exports.layernorm_f64(x, lw, lb, xhat, rstd, y, n, d, LAYER_NORM_EPS);
      k.f64(dx, n * d).fill(1);
      k.exports.layernorm_grad_f64(dy, xhat, rstd, lw, dx, dw, db, n, d, 1);
      const close = (got: Float64Array, want: Float64Array) =>
        want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-13 * (1 + Math.abs(v))));
      close(k.f64(xhat, n * d), ref.xhat);
      close(k.f64(rstd, n), ref.rstd);
      close(k.f64(y, n * d), ref.y);
      close(k.f64(dx, n * d), ref.dx);
      close(k.f64(dw, d), ref.dw);
      close(k.f64(db, d), ref.db);
    }
  });
});
