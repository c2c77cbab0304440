// A straightforward reference implementation of the language model's loss
// and gradients, for the benchmark: one sequence at a time, textbook
// matrix products (i-j-p order, the inner loop striding down a column),
// attention position by position, and LoRA done the obvious way (merge
// W + gamma·B·A, take the dense ∂W, then ∂B = gamma·∂W·Aᵀ, ∂A =
// gamma·Bᵀ·∂W). Same mathematics as src/lm/LmEngine.ts; the benchmark
// checks that both give the same loss before timing them.

import {
  LAYER_NORM_EPS,
  type LmAdapters,
  type LmBatch,
  type LmModule,
  type LmWeights,
  mergeLmAdapters,
  moduleShape,
  zerosLike,
} from '../src/lm/index.ts';

type M = { r: number; c: number; d: Float64Array };
const mat = (r: number, c: number): M => ({ r, c, d: new Float64Array(r * c) });

/** C = A·B, textbook i-j-p. */
function mm(a: M, b: M): M {
  const out = mat(a.r, b.c);
  for (let i = 0; i < a.r; i++) {
    for (let j = 0; j < b.c; j++) {
      let s = 0;
      for (let p = 0; p < a.c; p++) s += a.d[i * a.c + p] * b.d[p * b.c + j];
      out.d[i * b.c + j] = s;
    }
  }
  return out;
}

function tr(a: M): M {
  const out = mat(a.c, a.r);
  for (let i = 0; i < a.r; i++) for (let j = 0; j < a.c; j++) out.d[j * a.r + i] = a.d[i * a.c + j];
  return out;
}

const wrap = (d: Float64Array, r: number, c: number): M => ({ r, c, d });

function addInto(a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}

function ln(x: M, w: Float64Array, b: Float64Array) {
  const y = mat(x.r, x.c);
  const xhat = mat(x.r, x.c);
  const rstd = new Float64Array(x.r);
  for (let i = 0; i < x.r; i++) {
    let mean = 0;
    for (let c = 0; c < x.c; c++) mean += x.d[i * x.c + c];
    mean /= x.c;
    let v = 0;
    for (let c = 0; c < x.c; c++) v += (x.d[i * x.c + c] - mean) ** 2;
    rstd[i] = 1 / Math.sqrt(v / x.c + LAYER_NORM_EPS);
    for (let c = 0; c < x.c; c++) {
      xhat.d[i * x.c + c] = (x.d[i * x.c + c] - mean) * rstd[i];
      y.d[i * x.c + c] = xhat.d[i * x.c + c] * w[c] + b[c];
    }
  }
  return { y, xhat, rstd };
}

function lnBack(dy: M, xhat: M, rstd: Float64Array, w: Float64Array, gw: Float64Array | null, gb: Float64Array | null): M {
  const dx = mat(dy.r, dy.c);
  const d = dy.c;
  for (let i = 0; i < dy.r; i++) {
    let m1 = 0;
    let m2 = 0;
    for (let c = 0; c < d; c++) {
      const g = dy.d[i * d + c] * w[c];
      m1 += g / d;
      m2 += (g * xhat.d[i * d + c]) / d;
      if (gw && gb) {
        gw[c] += dy.d[i * d + c] * xhat.d[i * d + c];
        gb[c] += dy.d[i * d + c];
      }
    }
    for (let c = 0; c < d; c++) dx.d[i * d + c] = rstd[i] * (dy.d[i * d + c] * w[c] - m1 - xhat.d[i * d + c] * m2);
  }
  return dx;
}

const C = Math.sqrt(2 / Math.PI);
const gelu = (x: number) => 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x ** 3)));
function geluGrad(x: number): number {
  const t = Math.tanh(C * (x + 0.044715 * x ** 3));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x);
}

/**
 * The batch's mean cross-entropy and its gradients: of every tensor when
 * `adapters` is null, else of the adapters' factors only.
 */
export function referenceGradients(
  weights: LmWeights,
  batch: LmBatch,
  adapters: LmAdapters | null,
): { loss: number; grads: LmWeights; adapterGrads: Float64Array[] } {
  const cfg = weights.config;
  const { dModel: d, dMlp: f, nHeads: H, vocab } = cfg;
  const V = vocab.length;
  const hd = d / H;
  const T = batch.length;
  const w = adapters ? mergeLmAdapters(weights, adapters) : weights;
  const g = zerosLike(cfg);
  const W = (data: Float64Array, out: number, inp: number) => wrap(data, out, inp);
  let count = 0;
  for (let i = 0; i < batch.targets.length; i++) if (batch.targets[i] >= 0) count++;
  let total = 0;
  for (let b = 0; b < batch.batch; b++) {
    const tok = batch.tokens.subarray(b * T, (b + 1) * T);
    const tgt = batch.targets.subarray(b * T, (b + 1) * T);
    let x = mat(T, d);
    for (let t = 0; t < T; t++) for (let c = 0; c < d; c++) x.d[t * d + c] = w.tokEmb[tok[t] * d + c] + w.posEmb[t * d + c];
    const saved = w.layers.map((L) => {
      const n1 = ln(x, L.ln1Weight, L.ln1Bias);
      const q = mm(n1.y, tr(W(L.q_proj, d, d)));
      const k = mm(n1.y, tr(W(L.k_proj, d, d)));
      const v = mm(n1.y, tr(W(L.v_proj, d, d)));
      const p: Float64Array[] = [];
      const o = mat(T, d);
      for (let h = 0; h < H; h++) {
        const ph = new Float64Array(T * T);
        for (let t = 0; t < T; t++) {
          let m = -Infinity;
          const s = new Float64Array(t + 1);
          for (let j = 0; j <= t; j++) {
            let dot = 0;
            for (let c = 0; c < hd; c++) dot += q.d[t * d + h * hd + c] * k.d[j * d + h * hd + c];
            s[j] = dot / Math.sqrt(hd);
            m = Math.max(m, s[j]);
          }
          let sum = 0;
          for (let j = 0; j <= t; j++) sum += Math.exp(s[j] - m);
          for (let j = 0; j <= t; j++) ph[t * T + j] = Math.exp(s[j] - m) / sum;
          for (let c = 0; c < hd; c++) {
            let acc = 0;
            for (let j = 0; j <= t; j++) acc += ph[t * T + j] * v.d[j * d + h * hd + c];
            o.d[t * d + h * hd + c] = acc;
          }
        }
        p.push(ph);
      }
      const x2 = mm(o, tr(W(L.o_proj, d, d)));
      addInto(x2.d, x.d);
      const n2 = ln(x2, L.ln2Weight, L.ln2Bias);
      const u = mm(n2.y, tr(W(L.up_proj, f, d)));
      const gu = mat(T, f);
      for (let i = 0; i < u.d.length; i++) gu.d[i] = gelu(u.d[i]);
      const x3 = mm(gu, tr(W(L.down_proj, d, f)));
      addInto(x3.d, x2.d);
      const s = { n1, q, k, v, p, o, n2, u, gu };
      x = x3;
      return s;
    });
    const nf = ln(x, w.lnfWeight, w.lnfBias);
    const logits = mm(nf.y, tr(W(w.head, V, d)));
    const dl = mat(T, V);
    for (let t = 0; t < T; t++) {
      if (tgt[t] < 0) continue;
      let m = -Infinity;
      for (let j = 0; j < V; j++) m = Math.max(m, logits.d[t * V + j]);
      let sum = 0;
      for (let j = 0; j < V; j++) sum += Math.exp(logits.d[t * V + j] - m);
      total += m + Math.log(sum) - logits.d[t * V + tgt[t]];
      for (let j = 0; j < V; j++) dl.d[t * V + j] = Math.exp(logits.d[t * V + j] - m) / sum / count;
      dl.d[t * V + tgt[t]] -= 1 / count;
    }
    addInto(g.head, mm(tr(dl), nf.y).d);
    let dx = lnBack(mm(dl, W(w.head, V, d)), nf.xhat, nf.rstd, w.lnfWeight, g.lnfWeight, g.lnfBias);
    for (let l = w.layers.length - 1; l >= 0; l--) {
      const L = w.layers[l];
      const G = g.layers[l];
      const s = saved[l];
      addInto(G.down_proj, mm(tr(dx), s.gu).d);
      const dgu = mm(dx, W(L.down_proj, d, f));
      for (let i = 0; i < dgu.d.length; i++) dgu.d[i] *= geluGrad(s.u.d[i]);
      addInto(G.up_proj, mm(tr(dgu), s.n2.y).d);
      const dx2 = lnBack(mm(dgu, W(L.up_proj, f, d)), s.n2.xhat, s.n2.rstd, L.ln2Weight, G.ln2Weight, G.ln2Bias);
      addInto(dx2.d, dx.d);
      addInto(G.o_proj, mm(tr(dx2), s.o).d);
      const dO = mm(dx2, W(L.o_proj, d, d));
      const dq = mat(T, d);
      const dk = mat(T, d);
      const dv = mat(T, d);
      for (let h = 0; h < H; h++) {
        const ph = s.p[h];
        for (let t = 0; t < T; t++) {
          const dp = new Float64Array(t + 1);
          let dot = 0;
          for (let j = 0; j <= t; j++) {
            for (let c = 0; c < hd; c++) dp[j] += dO.d[t * d + h * hd + c] * s.v.d[j * d + h * hd + c];
            dot += ph[t * T + j] * dp[j];
          }
          for (let j = 0; j <= t; j++) {
            const ds = (ph[t * T + j] * (dp[j] - dot)) / Math.sqrt(hd);
            for (let c = 0; c < hd; c++) {
              dq.d[t * d + h * hd + c] += ds * s.k.d[j * d + h * hd + c];
              dk.d[j * d + h * hd + c] += ds * s.q.d[t * d + h * hd + c];
              dv.d[j * d + h * hd + c] += ph[t * T + j] * dO.d[t * d + h * hd + c];
            }
          }
        }
      }
      const dn1 = mat(T, d);
      for (const [dy, name] of [
        [dq, 'q_proj'],
        [dk, 'k_proj'],
        [dv, 'v_proj'],
      ] as const) {
        addInto(G[name], mm(tr(dy), s.n1.y).d);
        addInto(dn1.d, mm(dy, W(L[name], d, d)).d);
      }
      dx = lnBack(dn1, s.n1.xhat, s.n1.rstd, L.ln1Weight, G.ln1Weight, G.ln1Bias);
      addInto(dx.d, dx2.d);
    }
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < d; c++) {
        g.tokEmb[tok[t] * d + c] += dx.d[t * d + c];
        g.posEmb[t * d + c] += dx.d[t * d + c];
      }
    }
  }
  // The chain rule through the merged weight: ∂B = gamma·∂W·Aᵀ, ∂A = gamma·Bᵀ·∂W
  // (in adapterTensors order: per block, per module, A then B).
  const adapterGrads: Float64Array[] = [];
  if (adapters) {
    for (let l = 0; l < adapters.layers.length; l++) {
      for (const m of adapters.targets as LmModule[]) {
        const { a, b } = adapters.layers[l][m]!;
        const [out, inp] = moduleShape(cfg, m);
        const dW = wrap(g.layers[l][m], out, inp);
        const ga = mm(tr(wrap(b.data, b.rows, b.cols)), dW);
        const gb = mm(dW, tr(wrap(a.data, a.rows, a.cols)));
        for (let i = 0; i < ga.d.length; i++) ga.d[i] *= adapters.gamma;
        for (let i = 0; i < gb.d.length; i++) gb.d[i] *= adapters.gamma;
        adapterGrads.push(ga.d, gb.d);
      }
    }
  }
  return { loss: total / count, grads: g, adapterGrads };
}
