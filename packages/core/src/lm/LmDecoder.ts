import { gemmNT } from '../linalg/gemmNT.ts';
import { gelu } from './gelu.ts';
import { layerNorm } from './layerNorm.ts';
import type { LmWeights } from './lmWeights.ts';

/**
 * Incremental decoding with a key/value cache: `streams` sequences advance
 * one position per {@link step}, together, so each step is one set of
 * products over `streams` rows (instead of re-running the whole prefix).
 * Gives the logits of the full forward pass to rounding. @internal
 */
export class LmDecoder {
  readonly weights: LmWeights;
  readonly streams: number;
  /** Positions consumed so far (the same for every stream). */
  position = 0;
  /** Logits of the last step, `streams × V`. */
  readonly logits: Float64Array;
  private readonly keys: Float64Array[]; // per block: streams × context × d
  private readonly values: Float64Array[];
  private readonly x: Float64Array;
  private readonly h: Float64Array;
  private readonly q: Float64Array;
  private readonly k: Float64Array;
  private readonly v: Float64Array;
  private readonly o: Float64Array;
  private readonly a: Float64Array;
  private readonly u: Float64Array;
  private readonly scratch: Float64Array;
  private readonly xhat: Float64Array;
  private readonly rstd: Float64Array;
  private readonly p: Float64Array;

  constructor(weights: LmWeights, streams: number) {
    const { context, dModel: d, dMlp: f, nLayers, vocab } = weights.config;
    this.weights = weights;
    this.streams = streams;
    const z = (n: number) => new Float64Array(n);
    this.keys = Array.from({ length: nLayers }, () => z(streams * context * d));
    this.values = Array.from({ length: nLayers }, () => z(streams * context * d));
    this.x = z(streams * d);
    this.h = z(streams * d);
    this.q = z(streams * d);
    this.k = z(streams * d);
    this.v = z(streams * d);
    this.o = z(streams * d);
    this.a = z(streams * d);
    this.u = z(streams * f);
    this.scratch = z(streams * d);
    this.xhat = z(streams * Math.max(d, f));
    this.rstd = z(streams);
    this.p = z(context);
    this.logits = z(streams * vocab.length);
  }

  /** Feeds token `tokens[s]` to stream s at the next position; returns the logits of what follows. */
  step(tokens: ArrayLike<number>): Float64Array {
    const w = this.weights;
    const { context, dModel: d, dMlp: f, nHeads: H, vocab } = w.config;
    const t = this.position;
    if (t >= context) throw new RangeError(`LmDecoder.step: the context of ${context} tokens is full`);
    const S = this.streams;
    const hd = d / H;
    const scale = 1 / Math.sqrt(hd);
    const { x, h, q, k, v, o, a, u, p } = this;
    for (let s = 0; s < S; s++) {
      const te = tokens[s] * d;
      for (let c = 0; c < d; c++) x[s * d + c] = w.tokEmb[te + c] + w.posEmb[t * d + c];
    }
    w.layers.forEach((layer, l) => {
      layerNorm(x, layer.ln1Weight, layer.ln1Bias, this.xhat, this.rstd, h, S, d);
      gemmNT(h, layer.q_proj, q, S, d, d);
      gemmNT(h, layer.k_proj, k, S, d, d);
      gemmNT(h, layer.v_proj, v, S, d, d);
      const K = this.keys[l];
      const V = this.values[l];
      for (let s = 0; s < S; s++) {
        K.set(k.subarray(s * d, (s + 1) * d), (s * context + t) * d);
        V.set(v.subarray(s * d, (s + 1) * d), (s * context + t) * d);
      }
      o.fill(0);
      for (let s = 0; s < S; s++) {
        for (let hh = 0; hh < H; hh++) {
          const qo = s * d + hh * hd;
          let m = -Infinity;
          for (let j = 0; j <= t; j++) {
            const ko = (s * context + j) * d + hh * hd;
            let dot = 0;
            for (let c = 0; c < hd; c++) dot += q[qo + c] * K[ko + c];
            p[j] = dot * scale;
            if (p[j] > m) m = p[j];
          }
          let sum = 0;
          for (let j = 0; j <= t; j++) {
            p[j] = Math.exp(p[j] - m);
            sum += p[j];
          }
          for (let j = 0; j <= t; j++) {
            const pj = p[j] / sum;
            const vo = (s * context + j) * d + hh * hd;
            for (let c = 0; c < hd; c++) o[qo + c] += pj * V[vo + c];
          }
        }
      }
      gemmNT(o, layer.o_proj, a, S, d, d);
      for (let i = 0; i < S * d; i++) x[i] += a[i];
      layerNorm(x, layer.ln2Weight, layer.ln2Bias, this.xhat, this.rstd, h, S, d);
      gemmNT(h, layer.up_proj, u, S, f, d);
      for (let i = 0; i < S * f; i++) u[i] = gelu(u[i]);
      gemmNT(u, layer.down_proj, a, S, d, f);
      for (let i = 0; i < S * d; i++) x[i] += a[i];
    });
    layerNorm(x, w.lnfWeight, w.lnfBias, this.xhat, this.rstd, this.scratch, S, d);
    gemmNT(this.scratch, w.head, this.logits, S, vocab.length, d);
    this.position++;
    return this.logits;
  }
}
