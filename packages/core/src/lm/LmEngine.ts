import { gemmAt, gemmWorkspaceBytes } from '../kernels/gemm.ts';
import { jsGemm } from '../kernels/jsGemm.ts';
import { ownWasmKernels } from '../kernels/kernelBackend.ts';
import type { WasmKernels } from '../kernels/wasmKernels.ts';
import type { LmAdapters } from './lmAdapters.ts';
import { LAYER_NORM_EPS, type LmConfig } from './lmConfig.ts';
import { LM_MODULES, type LmModule, type LmWeights, moduleShape } from './lmWeights.ts';
import { layerNorm, layerNormBackward } from './layerNorm.ts';
import { geluGate, geluGradFromGate } from './gelu.ts';

/** What one block's forward pass keeps for its backward pass. */
interface LayerCache {
  xhat1: Float64Array; // N × d, normalised input of LN1
  rstd1: Float64Array; // N
  h1: Float64Array; // N × d, LN1 output (input of q, k, v)
  q: Float64Array; // N × d, heads side by side (column h·hd + c)
  k: Float64Array;
  v: Float64Array;
  p: Float64Array; // B·H blocks of T × T attention probabilities
  o: Float64Array; // N × d, heads concatenated (input of o_proj)
  xhat2: Float64Array;
  rstd2: Float64Array;
  h2: Float64Array; // LN2 output (input of up_proj)
  u: Float64Array; // N × dMlp, before GELU
  gate: Float64Array; // N × dMlp, GELU's gate: g = u·gate
  g: Float64Array; // N × dMlp, after GELU (input of down_proj)
}

type PerModule = Record<LmModule, Float64Array>;

/** Every buffer of an engine: views of its own wasm memory, or plain arrays on the JS backend. */
interface Buffers {
  caches: LayerCache[];
  x: Float64Array;
  xhatf: Float64Array;
  rstdf: Float64Array;
  hf: Float64Array;
  logits: Float64Array;
  dlogits: Float64Array;
  // Scratch (N × d unless noted).
  dO: Float64Array;
  dx: Float64Array;
  dh: Float64Array;
  dq: Float64Array;
  dk: Float64Array;
  dv: Float64Array;
  dF: Float64Array; // N × dMlp
  dp: Float64Array; // T × T
  ds: Float64Array; // T × T
  /** The linear layers as the forward pass applies them: W, or W + γ·B·A with adapters. */
  weff: PerModule[];
  head: Float64Array;
  /** LayerNorm scales and shifts: index 2l (LN1 of block l), 2l + 1 (LN2), 2·nLayers (final); their gradients. */
  lnw: Float64Array[];
  lnb: Float64Array[];
  glnw: Float64Array[];
  glnb: Float64Array[];
  /** ∂W of the linear layers and the head (full training). */
  gw: PerModule[];
  ghead: Float64Array;
  /** Adapters (rank > 0 only): A (r × in), γ·B (out × r), their gradients, and N × r scratch. */
  la: PerModule[];
  lb: PerModule[];
  gla: PerModule[];
  glb: PerModule[];
  lh: Float64Array;
  ldh: Float64Array;
}

/** In place: row t of the T × T block at p[off] becomes softmax(scale·p[t, 0..t]), then zeros. */
function softmaxCausal(p: Float64Array, off: number, T: number, scale: number): void {
  for (let t = 0; t < T; t++) {
    const row = off + t * T;
    let m = -Infinity;
    for (let j = 0; j <= t; j++) {
      const v = p[row + j] * scale;
      p[row + j] = v;
      if (v > m) m = v;
    }
    let sum = 0;
    for (let j = 0; j <= t; j++) {
      const e = Math.exp(p[row + j] - m);
      p[row + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j <= t; j++) p[row + j] *= inv;
    for (let j = t + 1; j < T; j++) p[row + j] = 0;
  }
}

/** Attention's products go by blocks of this many query rows, skipping the masked (future) columns past each block. */
const ROW_BLOCK = 16;

/**
 * Forward and backward passes of the model on a batch of `batch` sequences
 * of `length` tokens, with every buffer allocated once (a trainer reuses one
 * engine for all its steps). The heavy work is a few products over all
 * `N = batch·length` rows at once; attention goes sequence by sequence and
 * head by head, as `length × length` products in blocks of rows that skip
 * the masked upper triangle.
 *
 * On the wasm backend every operand of a product lives in a memory of the
 * engine's own (its own instance of the shared kernels): activations,
 * caches and gradients are computed in place there, the products run on
 * them without copies (gemmAt), and only the weights are copied in per
 * forward pass and the gradients out per backward pass. With adapters, the
 * forward and the input-gradient products use the merged W + γ·B·A (one
 * product per layer instead of three); their factors' gradients come from
 * the unmerged form.
 *
 * Layout: activations are `N × width` row-major, row `b·length + t`; head
 * h of a sequence is a `length × headDim` block at column h·headDim (a
 * strided operand, no copies). @internal
 */
export class LmEngine {
  readonly config: LmConfig;
  readonly batch: number;
  readonly length: number;
  readonly rows: number;
  private readonly w: WasmKernels | undefined;
  /** The start of the engine's allocations in its wasm memory. */
  private readonly bottom: number;
  private b: Buffers;
  private rank = 0;
  private tokens: Int32Array = new Int32Array(0);
  private lastAdapters: LmAdapters | null = null;

  constructor(config: LmConfig, batch: number, length: number) {
    this.config = config;
    this.batch = batch;
    this.length = length;
    this.rows = batch * length;
    this.w = ownWasmKernels();
    this.bottom = this.w?.mark() ?? 0;
    this.b = this.allocate(0);
  }

  /** The logits of the last forward pass, `N × V`. */
  get logits(): Float64Array {
    return this.b.logits;
  }

  /**
   * Lays out every buffer (for adapters of rank `rank`, 0 for none): in the
   * engine's wasm memory, reserved at once so that the views stay valid, or
   * as plain arrays.
   */
  private allocate(rank: number): Buffers {
    const w = this.w;
    if (w === undefined) return this.layout(rank, (k) => new Float64Array(k));
    let doubles = 0;
    this.layout(rank, (k) => {
      doubles += (k + 7) & ~7;
      return new Float64Array(0);
    });
    const { dModel: d, dMlp: f, vocab } = this.config;
    const widest = Math.max(d, f, vocab.length, this.length, rank);
    w.release(this.bottom);
    w.reserve(doubles * 8 + 64 + gemmWorkspaceBytes(widest));
    return this.layout(rank, (k) => {
      const at = w.alloc(((k + 7) & ~7) * 8);
      return w.f64(at, k);
    });
  }

  private layout(rank: number, z: (k: number) => Float64Array): Buffers {
    const n = this.rows;
    const T = this.length;
    const { dModel: d, dMlp: f, nHeads: h, nLayers, vocab } = this.config;
    const V = vocab.length;
    const perModule = (size: (out: number, inp: number) => number): PerModule[] =>
      Array.from({ length: nLayers }, () => {
        const o: Partial<PerModule> = {};
        for (const m of LM_MODULES) {
          const [out, inp] = moduleShape(this.config, m);
          o[m] = z(size(out, inp));
        }
        return o as PerModule;
      });
    const none = () => 0;
    return {
      caches: Array.from({ length: nLayers }, () => ({
        xhat1: z(n * d),
        rstd1: z(n),
        h1: z(n * d),
        q: z(n * d),
        k: z(n * d),
        v: z(n * d),
        p: z(this.batch * h * T * T),
        o: z(n * d),
        xhat2: z(n * d),
        rstd2: z(n),
        h2: z(n * d),
        u: z(n * f),
        gate: z(n * f),
        g: z(n * f),
      })),
      x: z(n * d),
      xhatf: z(n * d),
      rstdf: z(n),
      hf: z(n * d),
      logits: z(n * V),
      dlogits: z(n * V),
      dO: z(n * d),
      dx: z(n * d),
      dh: z(n * d),
      dq: z(n * d),
      dk: z(n * d),
      dv: z(n * d),
      dF: z(n * f),
      dp: z(T * T),
      ds: z(T * T),
      weff: perModule((out, inp) => out * inp),
      head: z(V * d),
      lnw: Array.from({ length: 2 * nLayers + 1 }, () => z(d)),
      lnb: Array.from({ length: 2 * nLayers + 1 }, () => z(d)),
      glnw: Array.from({ length: 2 * nLayers + 1 }, () => z(d)),
      glnb: Array.from({ length: 2 * nLayers + 1 }, () => z(d)),
      gw: perModule((out, inp) => out * inp),
      ghead: z(V * d),
      la: perModule(rank > 0 ? (_, inp) => rank * inp : none),
      lb: perModule(rank > 0 ? (out) => out * rank : none),
      gla: perModule(rank > 0 ? (_, inp) => rank * inp : none),
      glb: perModule(rank > 0 ? (out) => out * rank : none),
      lh: z(n * rank),
      ldh: z(n * rank),
    };
  }

  /**
   * `C[co + i·ldc + j] = (acc ? C : 0) + Σ_k X[xo + i·xrs + k·xcs]·Y[yo + k·yrs + j·ycs]`
   * for `m × n` C and inner dimension p, all three among the engine's
   * buffers: on the wasm kernels in place, or the JS fallback.
   */
  private mm(
    m: number,
    n: number,
    p: number,
    X: Float64Array,
    xo: number,
    xrs: number,
    xcs: number,
    Y: Float64Array,
    yo: number,
    yrs: number,
    ycs: number,
    C: Float64Array,
    co: number,
    ldc: number,
    acc: boolean,
  ): void {
    const w = this.w;
    if (w !== undefined)
      gemmAt(w, false, m, n, p, X.byteOffset + 8 * xo, xrs, xcs, Y.byteOffset + 8 * yo, yrs, ycs, C.byteOffset + 8 * co, ldc, acc);
    else jsGemm(m, n, p, X.subarray(xo), xrs, xcs, Y.subarray(yo), yrs, ycs, C.subarray(co), ldc, acc);
  }

  /** Copies the weights in, with the adapters (if any) merged: W + γ·B·A. */
  private loadWeights(weights: LmWeights, adapters: LmAdapters | null): void {
    if (adapters && adapters.rank !== this.rank) {
      this.rank = adapters.rank;
      this.b = this.allocate(adapters.rank);
    }
    const b = this.b;
    for (let l = 0; l < this.config.nLayers; l++) {
      const ad = adapters ? adapters.layers[l] : null;
      for (const m of LM_MODULES) {
        const weff = b.weff[l][m];
        weff.set(weights.layers[l][m]);
        const a = ad?.[m];
        if (!a) continue;
        const [out, inp] = moduleShape(this.config, m);
        const r = a.rank;
        const la = b.la[l][m];
        const lb = b.lb[l][m];
        la.set(a.a.data);
        const src = a.b.data;
        for (let i = 0; i < out * r; i++) lb[i] = a.gamma * src[i];
        this.mm(out, inp, r, lb, 0, r, 1, la, 0, inp, 1, weff, 0, inp, true);
      }
    }
    b.head.set(weights.head);
    weights.layers.forEach((w, l) => {
      b.lnw[2 * l].set(w.ln1Weight);
      b.lnb[2 * l].set(w.ln1Bias);
      b.lnw[2 * l + 1].set(w.ln2Weight);
      b.lnb[2 * l + 1].set(w.ln2Bias);
    });
    b.lnw[2 * this.config.nLayers].set(weights.lnfWeight);
    b.lnb[2 * this.config.nLayers].set(weights.lnfBias);
  }

  /** LayerNorm k (see {@link Buffers.lnw}) of the N rows of x into y, keeping xhat and rstd. */
  private layerNorm(k: number, x: Float64Array, xhat: Float64Array, rstd: Float64Array, y: Float64Array): void {
    const { lnw, lnb } = this.b;
    const d = this.config.dModel;
    if (this.w !== undefined) {
      this.w.exports.layernorm_f64(
        x.byteOffset,
        lnw[k].byteOffset,
        lnb[k].byteOffset,
        xhat.byteOffset,
        rstd.byteOffset,
        y.byteOffset,
        this.rows,
        d,
        LAYER_NORM_EPS,
      );
    } else layerNorm(x, lnw[k], lnb[k], xhat, rstd, y, this.rows, d);
  }

  /** Backward of LayerNorm k: adds ∂x to dx; its parameters' gradients into glnw[k], glnb[k] when `params`. */
  private layerNormBackward(k: number, dy: Float64Array, xhat: Float64Array, rstd: Float64Array, dx: Float64Array, params: boolean): void {
    const { lnw, glnw, glnb } = this.b;
    const d = this.config.dModel;
    if (this.w !== undefined) {
      if (params) {
        glnw[k].fill(0);
        glnb[k].fill(0);
      }
      this.w.exports.layernorm_grad_f64(
        dy.byteOffset,
        xhat.byteOffset,
        rstd.byteOffset,
        lnw[k].byteOffset,
        dx.byteOffset,
        glnw[k].byteOffset,
        glnb[k].byteOffset,
        this.rows,
        d,
        params ? 1 : 0,
      );
    } else layerNormBackward(dy, xhat, rstd, lnw[k], dx, params ? glnw[k] : null, params ? glnb[k] : null, this.rows, d);
  }

  /**
   * Runs the model on `tokens` (`batch × length` ids, checked by the caller)
   * and, when `targets` is given, returns the mean cross-entropy over the
   * targets that are ≥ 0 (−1 marks a position without a target; NaN when
   * there is none). The logits are left in {@link logits}.
   */
  forward(weights: LmWeights, tokens: Int32Array, targets: Int32Array | null, adapters: LmAdapters | null): number {
    const { dModel: d, dMlp: f, nLayers } = this.config;
    const n = this.rows;
    const T = this.length;
    this.tokens = tokens;
    this.lastAdapters = adapters;
    this.loadWeights(weights, adapters);
    const b = this.b;
    const x = b.x;
    // Embeddings: token row plus position row.
    for (let i = 0; i < n; i++) {
      const te = tokens[i] * d;
      const pe = (i % T) * d;
      const xi = i * d;
      for (let c = 0; c < d; c++) x[xi + c] = weights.tokEmb[te + c] + weights.posEmb[pe + c];
    }
    for (let l = 0; l < nLayers; l++) {
      const we = b.weff[l];
      const c = b.caches[l];
      this.layerNorm(2 * l, x, c.xhat1, c.rstd1, c.h1);
      this.linear(c.h1, we.q_proj, c.q, d, d, false);
      this.linear(c.h1, we.k_proj, c.k, d, d, false);
      this.linear(c.h1, we.v_proj, c.v, d, d, false);
      this.attention(c);
      // The residual adds run in the product: x += o·Wᵀ.
      this.linear(c.o, we.o_proj, x, d, d, true);
      this.layerNorm(2 * l + 1, x, c.xhat2, c.rstd2, c.h2);
      this.linear(c.h2, we.up_proj, c.u, f, d, false);
      this.gelu(c, n * f);
      this.linear(c.g, we.down_proj, x, d, f, true);
    }
    this.layerNorm(2 * nLayers, x, b.xhatf, b.rstdf, b.hf);
    const V = this.config.vocab.length;
    this.linear(b.hf, b.head, b.logits, V, d, false);
    if (targets === null) return NaN;
    // Cross-entropy, and its gradient ∂L/∂logits kept for backward.
    let count = 0;
    for (let i = 0; i < n; i++) if (targets[i] >= 0) count++;
    const z = b.logits;
    const dz = b.dlogits;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const zi = i * V;
      const t = targets[i];
      if (t < 0) {
        dz.fill(0, zi, zi + V);
        continue;
      }
      let m = -Infinity;
      for (let j = 0; j < V; j++) if (z[zi + j] > m) m = z[zi + j];
      let sum = 0;
      for (let j = 0; j < V; j++) {
        const e = Math.exp(z[zi + j] - m);
        dz[zi + j] = e;
        sum += e;
      }
      // Keep the label's logit before exponentiating so the loss stays
      // finite when its probability underflows.
      total += m + Math.log(sum) - z[zi + t];
      const inv = 1 / (sum * count);
      for (let j = 0; j < V; j++) dz[zi + j] *= inv;
      dz[zi + t] -= 1 / count;
    }
    return count === 0 ? NaN : total / count;
  }

  /**
   * Backward pass of the last {@link forward} (which must have had targets;
   * it runs on the weights and adapters that forward copied in):
   * writes ∂L/∂θ into `grads` (every base tensor, when given) and into
   * `adapterGrads` (the adapters' A and B, when given). Either may be null;
   * with both null this does nothing.
   */
  backward(grads: LmWeights | null, adapterGrads: LmAdapters | null): void {
    if (grads === null && adapterGrads === null) return;
    const { dModel: d, dMlp: f, nLayers } = this.config;
    const n = this.rows;
    const T = this.length;
    const V = this.config.vocab.length;
    const adapters = this.lastAdapters;
    if (adapterGrads !== null && adapters === null)
      throw new Error('LmEngine.backward: adapter gradients asked for a forward pass without adapters');
    const b = this.b;
    const { dx, dh } = b;
    const full = grads !== null;
    // ∂head = dlogitsᵀ·hf; dh = dlogits·head.
    if (full) this.mm(V, d, n, b.dlogits, 0, 1, V, b.hf, 0, d, 1, b.ghead, 0, d, false);
    this.mm(n, d, V, b.dlogits, 0, V, 1, b.head, 0, d, 1, dh, 0, d, false);
    dx.fill(0);
    this.layerNormBackward(2 * nLayers, dh, b.xhatf, b.rstdf, dx, full);
    for (let l = nLayers - 1; l >= 0; l--) {
      const c = b.caches[l];
      const ad = adapters !== null && adapterGrads !== null ? adapters.layers[l] : null;
      // MLP: x += down(gelu(up(LN2(x)))).
      this.linearBackward(l, 'down_proj', dx, c.g, b.dF, false, full, ad);
      const du = b.dF;
      if (this.w !== undefined) this.w.exports.gelu_grad_f64(du.byteOffset, c.u.byteOffset, c.gate.byteOffset, n * f);
      else for (let i = 0; i < n * f; i++) du[i] *= geluGradFromGate(c.u[i], c.gate[i]);
      this.linearBackward(l, 'up_proj', du, c.h2, dh, false, full, ad);
      this.layerNormBackward(2 * l + 1, dh, c.xhat2, c.rstd2, dx, full);
      // Attention: x += o_proj(attn(q, k, v of LN1(x))).
      this.linearBackward(l, 'o_proj', dx, c.o, b.dO, false, full, ad);
      this.attentionBackward(c, b.dO);
      // Below the first block only the embeddings learn: with a frozen base
      // (LoRA) nothing needs the gradient of the first block's input.
      const below = full || l > 0;
      const dIn = below ? dh : null;
      this.linearBackward(l, 'q_proj', b.dq, c.h1, dIn, false, full, ad);
      this.linearBackward(l, 'k_proj', b.dk, c.h1, dIn, true, full, ad);
      this.linearBackward(l, 'v_proj', b.dv, c.h1, dIn, true, full, ad);
      if (below) this.layerNormBackward(2 * l, dh, c.xhat1, c.rstd1, dx, full);
    }
    if (grads) {
      grads.tokEmb.fill(0);
      grads.posEmb.fill(0);
      const tokens = this.tokens;
      for (let i = 0; i < n; i++) {
        const te = tokens[i] * d;
        const pe = (i % T) * d;
        const xi = i * d;
        for (let c = 0; c < d; c++) {
          grads.tokEmb[te + c] += dx[xi + c];
          grads.posEmb[pe + c] += dx[xi + c];
        }
      }
      for (let l = 0; l < nLayers; l++) {
        const g = grads.layers[l];
        for (const m of LM_MODULES) g[m].set(b.gw[l][m]);
        g.ln1Weight.set(b.glnw[2 * l]);
        g.ln1Bias.set(b.glnb[2 * l]);
        g.ln2Weight.set(b.glnw[2 * l + 1]);
        g.ln2Bias.set(b.glnb[2 * l + 1]);
      }
      grads.lnfWeight.set(b.glnw[2 * nLayers]);
      grads.lnfBias.set(b.glnb[2 * nLayers]);
      grads.head.set(b.ghead);
    }
    if (adapterGrads && adapters) {
      for (let l = 0; l < nLayers; l++) {
        for (const m of adapters.targets) {
          const g = adapterGrads.layers[l][m]!;
          g.a.data.set(b.gla[l][m]);
          const glb = b.glb[l][m];
          const gb = g.b.data;
          for (let i = 0; i < gb.length; i++) gb[i] = adapters.gamma * glb[i];
        }
      }
    }
  }

  /** GELU of the first `count` entries of c.u: its gate into c.gate, its value into c.g. */
  private gelu(c: LayerCache, count: number): void {
    const { u, g, gate } = c;
    if (this.w !== undefined) {
      this.w.exports.gelu_f64(u.byteOffset, gate.byteOffset, g.byteOffset, count);
      return;
    }
    for (let i = 0; i < count; i++) {
      const s = geluGate(u[i]);
      gate[i] = s;
      g[i] = u[i] * s;
    }
  }

  /** y (+)= x·Wᵀ over the N rows, x `N × inp`, W `out × inp`. */
  private linear(x: Float64Array, w: Float64Array, y: Float64Array, out: number, inp: number, accumulate: boolean): void {
    this.mm(this.rows, out, inp, x, 0, inp, 1, w, 0, 1, inp, y, 0, out, accumulate);
  }

  /**
   * Given dy (`N × out`) of block l's `module` with input x: dx = dy·W_eff
   * (the merged weight, so the adapter's share is included), added to dx
   * when `accumulate` (skipped when dx is null); ∂W = dyᵀ·x when `full`;
   * with adapters `ad` (whose gradients are asked for), their unscaled
   * ∂B/γ = dyᵀ·(x·Aᵀ) and ∂A = (dy·γB)ᵀ·x.
   */
  private linearBackward(
    l: number,
    module: LmModule,
    dy: Float64Array,
    x: Float64Array,
    dx: Float64Array | null,
    accumulate: boolean,
    full: boolean,
    ad: LmAdapters['layers'][number] | null,
  ): void {
    const b = this.b;
    const n = this.rows;
    const [out, inp] = moduleShape(this.config, module);
    if (full) this.mm(out, inp, n, dy, 0, 1, out, x, 0, inp, 1, b.gw[l][module], 0, inp, false);
    const adapter = ad?.[module];
    if (adapter) {
      const r = adapter.rank;
      const { lh, ldh } = b;
      // H = x·Aᵀ and dH = dy·(γB), both N × r.
      this.mm(n, r, inp, x, 0, inp, 1, b.la[l][module], 0, 1, inp, lh, 0, r, false);
      this.mm(n, r, out, dy, 0, out, 1, b.lb[l][module], 0, r, 1, ldh, 0, r, false);
      this.mm(out, r, n, dy, 0, 1, out, lh, 0, r, 1, b.glb[l][module], 0, r, false);
      this.mm(r, inp, n, ldh, 0, 1, r, x, 0, inp, 1, b.gla[l][module], 0, inp, false);
    }
    if (dx) this.mm(n, inp, out, dy, 0, out, 1, b.weff[l][module], 0, inp, 1, dx, 0, inp, accumulate);
  }

  /** Causal softmax attention of every (sequence, head); writes c.p and c.o. */
  private attention(c: LayerCache): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    const scale = 1 / Math.sqrt(hd);
    const { q, k, v, o, p } = c;
    for (let s = 0; s < this.batch; s++) {
      for (let h = 0; h < H; h++) {
        const base = s * T * d + h * hd;
        const pb = (s * H + h) * T * T;
        // S = Q·Kᵀ, by blocks of rows, only the columns up to each block's end.
        for (let i0 = 0; i0 < T; i0 += ROW_BLOCK) {
          const i1 = Math.min(T, i0 + ROW_BLOCK);
          this.mm(i1 - i0, i1, hd, q, base + i0 * d, d, 1, k, base, 1, d, p, pb + i0 * T, T, false);
        }
        // Masked (future) positions get probability exactly 0, so they add
        // exactly nothing to P·V and receive no gradient.
        if (this.w !== undefined) this.w.exports.softmax_causal_f64(p.byteOffset + 8 * pb, T, scale);
        else softmaxCausal(p, pb, T, scale);
        // O = P·V, each block of rows over the keys up to its end.
        for (let i0 = 0; i0 < T; i0 += ROW_BLOCK) {
          const i1 = Math.min(T, i0 + ROW_BLOCK);
          this.mm(i1 - i0, hd, i1, p, pb + i0 * T, T, 1, v, base, d, 1, o, base + i0 * d, d, false);
        }
      }
    }
  }

  /** Backward of {@link attention} from ∂L/∂o (N × d); writes dq, dk, dv (N × d). */
  private attentionBackward(c: LayerCache, dO: Float64Array): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    const scale = 1 / Math.sqrt(hd);
    const { q, k, v, p } = c;
    const { dp, ds, dq, dk, dv } = this.b;
    for (let s = 0; s < this.batch; s++) {
      for (let h = 0; h < H; h++) {
        const base = s * T * d + h * hd;
        const pb = (s * H + h) * T * T;
        for (let i0 = 0; i0 < T; i0 += ROW_BLOCK) {
          const i1 = Math.min(T, i0 + ROW_BLOCK);
          // dP = dO·Vᵀ (rows i0..i1, keys up to i1).
          this.mm(i1 - i0, i1, hd, dO, base + i0 * d, d, 1, v, base, 1, d, dp, i0 * T, T, false);
          // dV = Pᵀ·dO (rows i0..i1: only queries from i0 on attend to them).
          this.mm(i1 - i0, hd, T - i0, p, pb + i0 * T + i0, 1, T, dO, base + i0 * d, d, 1, dv, base + i0 * d, d, false);
        }
        if (this.w !== undefined) this.w.exports.softmax_causal_grad_f64(p.byteOffset + 8 * pb, dp.byteOffset, ds.byteOffset, T, scale);
        else {
          for (let t = 0; t < T; t++) {
            const row = t * T;
            const prow = pb + row;
            let dot = 0;
            for (let j = 0; j <= t; j++) dot += p[prow + j] * dp[row + j];
            for (let j = 0; j <= t; j++) ds[row + j] = scale * p[prow + j] * (dp[row + j] - dot);
            for (let j = t + 1; j < T; j++) ds[row + j] = 0;
          }
        }
        for (let i0 = 0; i0 < T; i0 += ROW_BLOCK) {
          const i1 = Math.min(T, i0 + ROW_BLOCK);
          // dQ = dS·K and dK = dSᵀ·Q, each block skipping the zero triangle.
          this.mm(i1 - i0, hd, i1, ds, i0 * T, T, 1, k, base, d, 1, dq, base + i0 * d, d, false);
          this.mm(i1 - i0, hd, T - i0, ds, i0 * T + i0, 1, T, q, base + i0 * d, d, 1, dk, base + i0 * d, d, false);
        }
      }
    }
  }
}
