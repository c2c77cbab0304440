import { RandomState } from '../src/index.ts';
import {
  type LmAdapters,
  type LmBatch,
  type LmConfig,
  type LmWeights,
  createLmAdapters,
  initLm,
  lmConfig,
  lmTensors,
} from '../src/lm/index.ts';

/** A model small enough for finite differences of every weight: V = 6, context 6, d = 8, 2 heads, 2 blocks, MLP 12. */
export const TINY: LmConfig = lmConfig({ vocab: 'abcde.', context: 6, dModel: 8, nLayers: 2, nHeads: 2, dMlp: 12 });

/**
 * A tiny model with weights far from their init (std 0.4 matrices, LayerNorm
 * scales near 1, shifts near 0), so every path carries a gradient of order 1.
 */
export function randomTiny(seed = 1, config: LmConfig = TINY): LmWeights {
  const w = initLm(config, seed);
  const rng = new RandomState(seed + 1000);
  for (const t of lmTensors(w)) {
    const draws = rng.randn(1, t.data.length).data;
    const isScale = t.shape.length === 1 && t.name.endsWith('.weight');
    for (let i = 0; i < t.data.length; i++) t.data[i] = isScale ? 1 + 0.3 * draws[i] : 0.4 * draws[i];
  }
  return w;
}

/** Adapters on every module with B random too (B = 0 would make ∂A zero). */
export function randomAdapters(config: LmConfig, rank: number, seed = 3, scaling: 'standard' | 'rslora' = 'standard'): LmAdapters {
  const adapters = createLmAdapters(config, { rank, alpha: 3, scaling, seed });
  const rng = new RandomState(seed + 7);
  for (const layer of adapters.layers) {
    for (const m of adapters.targets) layer[m]!.b.data.set(rng.randn(1, layer[m]!.b.data.length).data.map((v) => 0.5 * v));
  }
  return adapters;
}

/** A seeded batch of `batch` sequences of `length` random ids (targets random too, some −1). */
export function randomBatch(config: LmConfig, batch: number, length: number, seed = 5, ignore = true): LmBatch {
  const rng = new RandomState(seed);
  const v = config.vocab.length;
  const u = rng.randomSample(2 * batch * length);
  const tokens = new Int32Array(batch * length);
  const targets = new Int32Array(batch * length);
  for (let i = 0; i < batch * length; i++) {
    tokens[i] = Math.floor(u[i] * v);
    targets[i] = Math.floor(u[batch * length + i] * v);
  }
  if (ignore) targets[1] = -1;
  return { tokens, targets, batch, length };
}

/** Central finite differences of f at every entry of x (restored afterwards). */
export function finiteDifferences(x: Float64Array, f: () => number, h = 1e-5): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    x[i] = x0 + h;
    const up = f();
    x[i] = x0 - h;
    const down = f();
    x[i] = x0;
    out[i] = (up - down) / (2 * h);
  }
  return out;
}

/** ‖a − b‖ / ‖b‖ (‖a‖ when b = 0). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}
