import { assertPositive, assertRank, type LoraAdapter, type LoraInit, loraAdapter } from '../train/loraAdapter.ts';
import { loraScale, type LoraScaling } from '../spectra/loraScale.ts';
import type { LmConfig } from './lmConfig.ts';
import { LM_MODULES, type LmModule, type LmWeights, cloneLm, moduleShape } from './lmWeights.ts';

/** Options of {@link createLmAdapters}: PEFT's `LoraConfig` in our terms. */
export interface LmAdaptersOptions {
  /** Rank r, an integer in 1..min(out, in) of every targeted layer. */
  rank: number;
  /** `lora_alpha`, finite and > 0. */
  alpha: number;
  /** `'standard'` (alpha/r, PEFT's default) or `'rslora'` (alpha/√r, `use_rslora=True`). */
  scaling?: LoraScaling;
  /**
   * Which linear layers get an adapter (PEFT's `target_modules`), any
   * non-empty subset of q_proj, k_proj, v_proj, o_proj, up_proj, down_proj.
   * Default: all six (PEFT's `"all-linear"`, the output head excepted).
   */
  targets?: readonly LmModule[];
  /** Initialisation of A (see {@link LoraInit}); default `'kaiming-uniform'`, PEFT's. */
  init?: LoraInit;
  /** Seed of A's initialisation, an integer ≥ 0 (see {@link createLmAdapters}). */
  seed: number;
}

/**
 * LoRA adapters on some linear layers of every block:
 * `W ← W + gamma·B·A` with B `out × r` and A `r × in`.
 */
export interface LmAdapters {
  rank: number;
  alpha: number;
  scaling: LoraScaling;
  /** The scale gamma = alpha/r or alpha/√r. */
  gamma: number;
  /** The targeted modules, in {@link LM_MODULES} order. */
  targets: LmModule[];
  /** Per block, the adapter of each targeted module (its `gamma` equals the one above). */
  layers: Partial<Record<LmModule, LoraAdapter>>[];
}

/**
 * Fresh adapters as PEFT creates them: `B = 0` (the model's outputs are
 * unchanged) and A uniform in ±1/√in (PEFT's default) or Gaussian. The A of
 * module m in block l is drawn by {@link loraAdapter} with seed
 * `seed + 6·l + i`, i the index of m in {@link LM_MODULES}, so an adapter's
 * A depends neither on which other modules are targeted nor on the rank
 * beyond its first rows: the rank-r A is the first r rows of the rank-R A.
 *
 * @throws RangeError for a rank outside 1..min(out, in) of a targeted
 *   layer, a non-positive alpha, an unknown or empty target list, or a bad
 *   seed.
 * @example
 * const adapters = createLmAdapters(weights.config, { rank: 8, alpha: 16, targets: ['q_proj', 'v_proj'], seed: 0 });
 * adapters.gamma; // 2
 */
export function createLmAdapters(config: LmConfig, options: LmAdaptersOptions): LmAdapters {
  const fn = 'createLmAdapters';
  const { rank, alpha, scaling = 'standard', init, seed } = options;
  const targets = resolveTargets(fn, options.targets ?? LM_MODULES);
  for (const m of targets) {
    const [out, inp] = moduleShape(config, m);
    assertRank(`${fn} (${m}, ${out} × ${inp})`, rank, out, inp);
  }
  assertPositive(fn, 'alpha', alpha);
  if (!Number.isInteger(seed) || seed < 0 || seed + 6 * config.nLayers > 2 ** 32) {
    throw new RangeError(`${fn}: seed must be an integer in 0..2^32 − 1 − 6·nLayers; received ${String(seed)}`);
  }
  const gamma = loraScale(alpha, rank, scaling);
  const layers = Array.from({ length: config.nLayers }, (_, l) => {
    const layer: Partial<Record<LmModule, LoraAdapter>> = {};
    for (const m of targets) {
      const [d, k] = moduleShape(config, m);
      layer[m] = loraAdapter({ d, k, rank, alpha, scaling, init, seed: seed + 6 * l + LM_MODULES.indexOf(m) });
    }
    return layer;
  });
  return { rank, alpha, scaling, gamma, targets, layers };
}

/** Validates a target list and returns it in LM_MODULES order. @internal */
export function resolveTargets(fn: string, targets: readonly LmModule[]): LmModule[] {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new RangeError(`${fn}: targets must be a non-empty array of ${LM_MODULES.join(', ')}; received ${JSON.stringify(targets)}`);
  }
  for (const t of targets) {
    if (!LM_MODULES.includes(t)) {
      throw new RangeError(`${fn}: unknown target module ${JSON.stringify(t)}; expected one of ${LM_MODULES.join(', ')}`);
    }
  }
  return LM_MODULES.filter((m) => targets.includes(m));
}

/**
 * Adapters of the same shape with A and B zero (a gradient buffer).
 *
 * @example
 * const grads = adapterZerosLike(adapters);
 */
export function adapterZerosLike(adapters: LmAdapters): LmAdapters {
  return {
    ...adapters,
    targets: [...adapters.targets],
    layers: adapters.layers.map((layer) => {
      const out: Partial<Record<LmModule, LoraAdapter>> = {};
      for (const m of adapters.targets) {
        const { a, b } = layer[m]!;
        out[m] = {
          a: { rows: a.rows, cols: a.cols, data: new Float64Array(a.data.length) },
          b: { rows: b.rows, cols: b.cols, data: new Float64Array(b.data.length) },
          gamma: adapters.gamma,
          rank: adapters.rank,
        };
      }
      return out;
    }),
  };
}

/**
 * Every factor of the adapters as `{ layer, module, which, data, shape }`
 * (live arrays), block by block and module by module, A (`r × in`) before B
 * (`out × r`): the order of checkpoints and of the optimizer's parameters.
 *
 * @example
 * adapterTensors(adapters).map((t) => `${t.layer}.${t.module}.${t.which}`); // ['0.q_proj.A', '0.q_proj.B', ...]
 */
export function adapterTensors(
  adapters: LmAdapters,
): { layer: number; module: LmModule; which: 'A' | 'B'; data: Float64Array; shape: [number, number] }[] {
  const out: { layer: number; module: LmModule; which: 'A' | 'B'; data: Float64Array; shape: [number, number] }[] = [];
  adapters.layers.forEach((layer, l) => {
    for (const m of adapters.targets) {
      const { a, b } = layer[m]!;
      out.push({ layer: l, module: m, which: 'A', data: a.data, shape: [a.rows, a.cols] });
      out.push({ layer: l, module: m, which: 'B', data: b.data, shape: [b.rows, b.cols] });
    }
  });
  return out;
}

/**
 * The model with the adapters merged in, `W + gamma·B·A` for every targeted
 * layer (a new model; the inputs are unchanged). Its outputs equal those of
 * the model run with the adapters, to rounding.
 *
 * @throws RangeError when the adapters were made for another shape.
 * @example
 * const merged = mergeLmAdapters(base, trainer.adapters!);
 */
export function mergeLmAdapters(weights: LmWeights, adapters: LmAdapters): LmWeights {
  if (adapters.layers.length !== weights.layers.length) {
    throw new RangeError(`mergeLmAdapters: the adapters have ${adapters.layers.length} blocks, the model ${weights.layers.length}`);
  }
  const merged = cloneLm(weights);
  merged.layers.forEach((layer, l) => {
    for (const m of adapters.targets) {
      const ad = adapters.layers[l][m]!;
      const [out, inp] = moduleShape(weights.config, m);
      if (ad.a.cols !== inp || ad.b.rows !== out) {
        throw new RangeError(`mergeLmAdapters: block ${l} ${m} is ${out} × ${inp} but its adapter is ${ad.b.rows} × ${ad.a.cols}`);
      }
      const w = layer[m];
      const r = ad.rank;
      const A = ad.a.data;
      const B = ad.b.data;
      for (let i = 0; i < out; i++) {
        for (let q = 0; q < r; q++) {
          const c = adapters.gamma * B[i * r + q];
          if (c === 0) continue;
          for (let j = 0; j < inp; j++) w[i * inp + j] += c * A[q * inp + j];
        }
      }
    }
  });
  return merged;
}
