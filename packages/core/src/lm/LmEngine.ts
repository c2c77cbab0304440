import { gemmNN } from '../linalg/gemmNN.ts';
import { gemmNT } from '../linalg/gemmNT.ts';
import { gemmTN } from '../linalg/gemmTN.ts';
import type { LoraAdapter } from '../train/loraAdapter.ts';
import type { LmAdapters } from './lmAdapters.ts';
import type { LmConfig } from './lmConfig.ts';
import type { LmModule, LmWeights } from './lmWeights.ts';
import { layerNorm, layerNormBackward } from './layerNorm.ts';
import { geluGate, geluGradFromGate } from './gelu.ts';

/** What one block's forward pass keeps for its backward pass. */
interface LayerCache {
  xhat1: Float64Array; // N × d, normalised input of LN1
  rstd1: Float64Array; // N
  h1: Float64Array; // N × d, LN1 output (input of q, k, v)
  qh: Float64Array; // B·H blocks of T × hd
  kh: Float64Array;
  vh: Float64Array;
  p: Float64Array; // B·H blocks of T × T attention probabilities
  o: Float64Array; // N × d, heads concatenated (input of o_proj)
  xhat2: Float64Array;
  rstd2: Float64Array;
  h2: Float64Array; // LN2 output (input of up_proj)
  u: Float64Array; // N × dMlp, before GELU
  gate: Float64Array; // N × dMlp, GELU's gate: g = u·gate
  g: Float64Array; // N × dMlp, after GELU (input of down_proj)
  /** X·Aᵀ (N × r) of each adapted module, kept for ∂B. */
  lora: Partial<Record<LmModule, Float64Array>>;
}

/**
 * Forward and backward passes of the model on a batch of `batch` sequences
 * of `length` tokens, with every buffer allocated once (a trainer reuses one
 * engine for all its steps). The heavy work is a few products over all
 * `N = batch·length` rows at once (the shared gemm kernels); only attention
 * goes sequence by sequence and head by head, as `length × length` products.
 *
 * Layout: activations are `N × width` row-major, row `b·length + t`.
 * Attention works on head-major copies, `batch·nHeads` contiguous blocks of
 * `length × headDim`, so each product reads contiguous rows. @internal
 */
export class LmEngine {
  readonly config: LmConfig;
  readonly batch: number;
  readonly length: number;
  readonly rows: number;
  /** The logits of the last forward pass, `N × V`. */
  readonly logits: Float64Array;
  private readonly caches: LayerCache[];
  private readonly x: Float64Array;
  private readonly xhatf: Float64Array;
  private readonly rstdf: Float64Array;
  private readonly hf: Float64Array;
  private readonly dlogits: Float64Array;
  // Scratch (N × d unless noted).
  private readonly tmpD: Float64Array;
  private readonly dx: Float64Array;
  private readonly dh: Float64Array;
  private readonly dq: Float64Array;
  private readonly dk: Float64Array;
  private readonly dv: Float64Array;
  private readonly dF: Float64Array; // N × dMlp
  private readonly headTmp: Float64Array; // N × d, head-major
  private readonly dqh: Float64Array;
  private readonly dkh: Float64Array;
  private readonly dvh: Float64Array;
  private readonly s: Float64Array; // T × T
  private readonly ds: Float64Array; // T × T
  private loraTmp: Float64Array = new Float64Array(0);
  private loraDh: Float64Array = new Float64Array(0);
  private tokens: Int32Array = new Int32Array(0);
  private lastAdapters: LmAdapters | null = null;

  constructor(config: LmConfig, batch: number, length: number) {
    this.config = config;
    this.batch = batch;
    this.length = length;
    const n = batch * length;
    this.rows = n;
    const { dModel: d, dMlp: f, nHeads: h, nLayers, vocab } = config;
    const z = (k: number) => new Float64Array(k);
    this.caches = Array.from({ length: nLayers }, () => ({
      xhat1: z(n * d),
      rstd1: z(n),
      h1: z(n * d),
      qh: z(n * d),
      kh: z(n * d),
      vh: z(n * d),
      p: z(batch * h * length * length),
      o: z(n * d),
      xhat2: z(n * d),
      rstd2: z(n),
      h2: z(n * d),
      u: z(n * f),
      gate: z(n * f),
      g: z(n * f),
      lora: {},
    }));
    this.x = z(n * d);
    this.xhatf = z(n * d);
    this.rstdf = z(n);
    this.hf = z(n * d);
    this.logits = z(n * vocab.length);
    this.dlogits = z(n * vocab.length);
    this.tmpD = z(n * d);
    this.dx = z(n * d);
    this.dh = z(n * d);
    this.dq = z(n * d);
    this.dk = z(n * d);
    this.dv = z(n * d);
    this.dF = z(n * f);
    this.headTmp = z(n * d);
    this.dqh = z(n * d);
    this.dkh = z(n * d);
    this.dvh = z(n * d);
    this.s = z(length * length);
    this.ds = z(length * length);
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
    if (adapters) this.ensureLora(adapters.rank);
    const x = this.x;
    // Embeddings: token row plus position row.
    for (let i = 0; i < n; i++) {
      const te = tokens[i] * d;
      const pe = (i % T) * d;
      const xi = i * d;
      for (let c = 0; c < d; c++) x[xi + c] = weights.tokEmb[te + c] + weights.posEmb[pe + c];
    }
    for (let l = 0; l < nLayers; l++) {
      const w = weights.layers[l];
      const c = this.caches[l];
      const ad = adapters ? adapters.layers[l] : null;
      layerNorm(x, w.ln1Weight, w.ln1Bias, c.xhat1, c.rstd1, c.h1, n, d);
      // q, k, v into N × d scratch, then to head-major blocks.
      this.linear(c.h1, w.q_proj, this.dq, n, d, d, ad?.q_proj, c, 'q_proj');
      this.toHeads(this.dq, c.qh);
      this.linear(c.h1, w.k_proj, this.dq, n, d, d, ad?.k_proj, c, 'k_proj');
      this.toHeads(this.dq, c.kh);
      this.linear(c.h1, w.v_proj, this.dq, n, d, d, ad?.v_proj, c, 'v_proj');
      this.toHeads(this.dq, c.vh);
      this.attention(c);
      this.linear(c.o, w.o_proj, this.tmpD, n, d, d, ad?.o_proj, c, 'o_proj');
      for (let i = 0; i < n * d; i++) x[i] += this.tmpD[i];
      layerNorm(x, w.ln2Weight, w.ln2Bias, c.xhat2, c.rstd2, c.h2, n, d);
      this.linear(c.h2, w.up_proj, c.u, n, f, d, ad?.up_proj, c, 'up_proj');
      const { u, g, gate } = c;
      for (let i = 0; i < n * f; i++) {
        const s = geluGate(u[i]);
        gate[i] = s;
        g[i] = u[i] * s;
      }
      this.linear(g, w.down_proj, this.tmpD, n, d, f, ad?.down_proj, c, 'down_proj');
      for (let i = 0; i < n * d; i++) x[i] += this.tmpD[i];
    }
    layerNorm(x, weights.lnfWeight, weights.lnfBias, this.xhatf, this.rstdf, this.hf, n, d);
    const V = this.config.vocab.length;
    gemmNT(this.hf, weights.head, this.logits, n, V, d);
    if (targets === null) return NaN;
    // Cross-entropy, and its gradient ∂L/∂logits kept for backward.
    let count = 0;
    for (let i = 0; i < n; i++) if (targets[i] >= 0) count++;
    const z = this.logits;
    const dz = this.dlogits;
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
   * Backward pass of the last {@link forward} (which must have had targets):
   * writes ∂L/∂θ into `grads` (every base tensor, when given) and into
   * `adapterGrads` (the adapters' A and B, when given). Either may be null;
   * with both null this does nothing.
   */
  backward(weights: LmWeights, grads: LmWeights | null, adapterGrads: LmAdapters | null): void {
    if (grads === null && adapterGrads === null) return;
    const { dModel: d, dMlp: f, nLayers } = this.config;
    const n = this.rows;
    const T = this.length;
    const V = this.config.vocab.length;
    const adapters = this.lastAdapters;
    if (adapterGrads !== null && adapters === null) throw new Error('LmEngine.backward: adapter gradients asked for a forward pass without adapters');
    const dx = this.dx;
    const dh = this.dh;
    if (grads) gemmTN(this.dlogits, this.hf, grads.head, V, d, n);
    gemmNN(this.dlogits, weights.head, dh, n, d, V);
    dx.fill(0);
    layerNormBackward(dh, this.xhatf, this.rstdf, weights.lnfWeight, dx, grads?.lnfWeight ?? null, grads?.lnfBias ?? null, n, d);
    for (let l = nLayers - 1; l >= 0; l--) {
      const w = weights.layers[l];
      const gw = grads ? grads.layers[l] : null;
      const c = this.caches[l];
      const ad = adapters ? adapters.layers[l] : null;
      const gad = adapterGrads ? adapterGrads.layers[l] : null;
      // MLP: x += down(gelu(up(LN2(x)))).
      this.linearBackward(dx, c.g, w.down_proj, this.dF, false, gw?.down_proj ?? null, n, d, f, ad?.down_proj, gad?.down_proj, c, 'down_proj');
      const { u, gate } = c;
      const du = this.dF;
      for (let i = 0; i < n * f; i++) du[i] *= geluGradFromGate(u[i], gate[i]);
      this.linearBackward(du, c.h2, w.up_proj, dh, false, gw?.up_proj ?? null, n, f, d, ad?.up_proj, gad?.up_proj, c, 'up_proj');
      layerNormBackward(dh, c.xhat2, c.rstd2, w.ln2Weight, dx, gw?.ln2Weight ?? null, gw?.ln2Bias ?? null, n, d);
      // Attention: x += o_proj(attn(q, k, v of LN1(x))).
      this.linearBackward(dx, c.o, w.o_proj, this.tmpD, false, gw?.o_proj ?? null, n, d, d, ad?.o_proj, gad?.o_proj, c, 'o_proj');
      this.attentionBackward(c, this.tmpD);
      // Below the first block only the embeddings learn: with a frozen base
      // (LoRA) nothing needs the gradient of the first block's input.
      const below = grads !== null || l > 0;
      const dIn = below ? dh : null;
      this.linearBackward(this.dq, c.h1, w.q_proj, dIn, false, gw?.q_proj ?? null, n, d, d, ad?.q_proj, gad?.q_proj, c, 'q_proj');
      this.linearBackward(this.dk, c.h1, w.k_proj, dIn, true, gw?.k_proj ?? null, n, d, d, ad?.k_proj, gad?.k_proj, c, 'k_proj');
      this.linearBackward(this.dv, c.h1, w.v_proj, dIn, true, gw?.v_proj ?? null, n, d, d, ad?.v_proj, gad?.v_proj, c, 'v_proj');
      if (below) layerNormBackward(dh, c.xhat1, c.rstd1, w.ln1Weight, dx, gw?.ln1Weight ?? null, gw?.ln1Bias ?? null, n, d);
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
    }
  }

  private ensureLora(rank: number): void {
    const n = this.rows;
    const need = n * Math.max(this.config.dModel, this.config.dMlp);
    if (this.loraTmp.length < need) this.loraTmp = new Float64Array(need);
    if (this.loraDh.length < n * rank) this.loraDh = new Float64Array(n * rank);
  }

  /** y = x·Wᵀ (+ gamma·(x·Aᵀ)·Bᵀ), x `rows × inp`, W `out × inp`. */
  private linear(
    x: Float64Array,
    w: Float64Array,
    y: Float64Array,
    rows: number,
    out: number,
    inp: number,
    adapter: LoraAdapter | undefined,
    cache: LayerCache,
    module: LmModule,
  ): void {
    gemmNT(x, w, y, rows, out, inp);
    if (!adapter) return;
    const r = adapter.rank;
    let h = cache.lora[module];
    if (!h || h.length !== rows * r) h = cache.lora[module] = new Float64Array(rows * r);
    gemmNT(x, adapter.a.data, h, rows, r, inp);
    const tmp = this.loraTmp;
    gemmNT(h, adapter.b.data, tmp, rows, out, r);
    const gamma = adapter.gamma;
    for (let i = 0; i < rows * out; i++) y[i] += gamma * tmp[i];
  }

  /**
   * Given dy (`rows × out`): dx = dy·W (+ the adapter's share), added to dx
   * when `accumulate` (skipped when dx is null); ∂W = dyᵀ·x when `dw` is
   * given; the adapter's ∂A and ∂B when `gAdapter` is given.
   */
  private linearBackward(
    dy: Float64Array,
    x: Float64Array,
    w: Float64Array,
    dx: Float64Array | null,
    accumulate: boolean,
    dw: Float64Array | null,
    rows: number,
    out: number,
    inp: number,
    adapter: LoraAdapter | undefined,
    gAdapter: LoraAdapter | undefined,
    cache: LayerCache,
    module: LmModule,
  ): void {
    if (dw) gemmTN(dy, x, dw, out, inp, rows);
    if (dx) gemmNN(dy, w, dx, rows, inp, out, accumulate);
    if (!adapter) return;
    const r = adapter.rank;
    const gamma = adapter.gamma;
    const h = cache.lora[module]!;
    const dh = this.loraDh;
    // dH = gamma·dy·B (rows × r): the gradient reaching x·Aᵀ.
    gemmNN(dy, adapter.b.data, dh, rows, r, out);
    for (let i = 0; i < rows * r; i++) dh[i] *= gamma;
    if (gAdapter) {
      const gb = gAdapter.b.data;
      gemmTN(dy, h, gb, out, r, rows);
      for (let i = 0; i < gb.length; i++) gb[i] *= gamma;
      gemmTN(dh, x, gAdapter.a.data, r, inp, rows);
    }
    if (dx) gemmNN(dh, adapter.a.data, dx, rows, inp, r, true);
  }

  /** N × d (row b·T + t, column h·hd + c) → head-major blocks (b·H + h) of T × hd. */
  private toHeads(src: Float64Array, dst: Float64Array): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    for (let b = 0; b < this.batch; b++) {
      for (let t = 0; t < T; t++) {
        const row = (b * T + t) * d;
        for (let h = 0; h < H; h++) {
          const dstRow = ((b * H + h) * T + t) * hd;
          const srcCol = row + h * hd;
          for (let c = 0; c < hd; c++) dst[dstRow + c] = src[srcCol + c];
        }
      }
    }
  }

  /** The inverse of {@link toHeads}. */
  private fromHeads(src: Float64Array, dst: Float64Array): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    for (let b = 0; b < this.batch; b++) {
      for (let t = 0; t < T; t++) {
        const row = (b * T + t) * d;
        for (let h = 0; h < H; h++) {
          const srcRow = ((b * H + h) * T + t) * hd;
          const dstCol = row + h * hd;
          for (let c = 0; c < hd; c++) dst[dstCol + c] = src[srcRow + c];
        }
      }
    }
  }

  /** Causal softmax attention of every (sequence, head); writes c.p and c.o. */
  private attention(c: LayerCache): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    const scale = 1 / Math.sqrt(hd);
    const s = this.s;
    const oh = this.headTmp;
    for (let bh = 0; bh < this.batch * H; bh++) {
      const off = bh * T * hd;
      const q = c.qh.subarray(off, off + T * hd);
      const k = c.kh.subarray(off, off + T * hd);
      const v = c.vh.subarray(off, off + T * hd);
      const p = c.p.subarray(bh * T * T, (bh + 1) * T * T);
      gemmNT(q, k, s, T, T, hd);
      for (let t = 0; t < T; t++) {
        const row = t * T;
        let m = -Infinity;
        for (let j = 0; j <= t; j++) {
          const v2 = s[row + j] * scale;
          s[row + j] = v2;
          if (v2 > m) m = v2;
        }
        let sum = 0;
        for (let j = 0; j <= t; j++) {
          const e = Math.exp(s[row + j] - m);
          p[row + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j <= t; j++) p[row + j] *= inv;
        // Masked (future) positions get probability exactly 0, so they add
        // exactly nothing to P·V and receive no gradient.
        for (let j = t + 1; j < T; j++) p[row + j] = 0;
      }
      gemmNN(p, v, oh.subarray(off, off + T * hd), T, hd, T);
    }
    this.fromHeads(oh, c.o);
  }

  /** Backward of {@link attention} from ∂L/∂o (N × d); writes dq, dk, dv (N × d). */
  private attentionBackward(c: LayerCache, dO: Float64Array): void {
    const { dModel: d, nHeads: H } = this.config;
    const hd = d / H;
    const T = this.length;
    const scale = 1 / Math.sqrt(hd);
    const doh = this.headTmp;
    this.toHeads(dO, doh);
    const dp = this.s;
    const ds = this.ds;
    for (let bh = 0; bh < this.batch * H; bh++) {
      const off = bh * T * hd;
      const end = off + T * hd;
      const q = c.qh.subarray(off, end);
      const k = c.kh.subarray(off, end);
      const v = c.vh.subarray(off, end);
      const dob = doh.subarray(off, end);
      const p = c.p.subarray(bh * T * T, (bh + 1) * T * T);
      gemmNT(dob, v, dp, T, T, hd); // dP = dO·Vᵀ
      gemmTN(p, dob, this.dvh.subarray(off, end), T, hd, T); // dV = Pᵀ·dO
      for (let t = 0; t < T; t++) {
        const row = t * T;
        let dot = 0;
        for (let j = 0; j <= t; j++) dot += p[row + j] * dp[row + j];
        for (let j = 0; j <= t; j++) ds[row + j] = scale * p[row + j] * (dp[row + j] - dot);
        for (let j = t + 1; j < T; j++) ds[row + j] = 0;
      }
      gemmNN(ds, k, this.dqh.subarray(off, end), T, hd, T); // dQ = dS·K
      gemmTN(ds, q, this.dkh.subarray(off, end), T, hd, T); // dK = dSᵀ·Q
    }
    this.fromHeads(this.dqh, this.dq);
    this.fromHeads(this.dkh, this.dk);
    this.fromHeads(this.dvh, this.dv);
  }
}
