import { RandomState } from '../random/RandomState.ts';
import type { LmConfig } from './lmConfig.ts';

/**
 * The six linear layers of a block, by their PEFT target-module names:
 * attention `q_proj`, `k_proj`, `v_proj` (`d × d`), `o_proj` (`d × d`), and
 * the MLP's `up_proj` (`dMlp × d`) and `down_proj` (`d × dMlp`).
 */
export type LmModule = 'q_proj' | 'k_proj' | 'v_proj' | 'o_proj' | 'up_proj' | 'down_proj';

/** Every {@link LmModule}, in the order of a block's forward pass. */
export const LM_MODULES: readonly LmModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj'];

/**
 * One transformer block. Linear weights are PyTorch's `nn.Linear.weight`,
 * `out × in` row-major, applied as `y = x·Wᵀ` (no biases).
 */
export interface LmLayer {
  /** LayerNorm before attention: scale and shift, length d. */
  ln1Weight: Float64Array;
  ln1Bias: Float64Array;
  /** `d × d` each. */
  q_proj: Float64Array;
  k_proj: Float64Array;
  v_proj: Float64Array;
  o_proj: Float64Array;
  /** LayerNorm before the MLP, length d. */
  ln2Weight: Float64Array;
  ln2Bias: Float64Array;
  /** `dMlp × d`. */
  up_proj: Float64Array;
  /** `d × dMlp`. */
  down_proj: Float64Array;
}

/**
 * The weights of a character-level GPT (see {@link initLm}): every array
 * row-major Float64Array. Also the shape of its gradients.
 */
export interface LmWeights {
  config: LmConfig;
  /** Token embeddings, `V × d`. */
  tokEmb: Float64Array;
  /** Learned position embeddings, `context × d`. */
  posEmb: Float64Array;
  layers: LmLayer[];
  /** Final LayerNorm, length d. */
  lnfWeight: Float64Array;
  lnfBias: Float64Array;
  /** Output head (untied), `V × d`: logits = h·headᵀ. */
  head: Float64Array;
}

/** One named tensor of a model, as stored in a checkpoint. */
export interface LmTensor {
  /** Hugging Face-style name, e.g. `model.layers.0.self_attn.q_proj.weight`. */
  name: string;
  /** `[rows, cols]` for matrices, `[n]` for vectors. */
  shape: number[];
  /** The live array (row-major). */
  data: Float64Array;
  /** Whether AdamW's weight decay applies: matrices yes, LayerNorms no (as nanoGPT). */
  decay: boolean;
}

/**
 * The module path of a block's linear layer, as in a Hugging Face
 * checkpoint (add `.weight` for the tensor).
 *
 * @example
 * moduleName(0, 'q_proj'); // 'model.layers.0.self_attn.q_proj'
 * moduleName(3, 'down_proj'); // 'model.layers.3.mlp.down_proj'
 */
export function moduleName(layer: number, module: LmModule): string {
  const group = module === 'up_proj' || module === 'down_proj' ? 'mlp' : 'self_attn';
  return `model.layers.${layer}.${group}.${module}`;
}

/**
 * `[out, in]` of a block's linear layer (its weight is `out × in`).
 *
 * @example
 * moduleShape(config, 'up_proj'); // [256, 64] for d = 64, dMlp = 256
 */
export function moduleShape(config: LmConfig, module: LmModule): [number, number] {
  const { dModel: d, dMlp } = config;
  if (module === 'up_proj') return [dMlp, d];
  if (module === 'down_proj') return [d, dMlp];
  return [d, d];
}

/**
 * Every tensor of a model with its checkpoint name, in a fixed order:
 * `model.embed_tokens.weight` [V, d], `model.embed_positions.weight`
 * [context, d], then per block `model.layers.{l}.input_layernorm.weight`
 * and `.bias` [d], `self_attn.{q,k,v,o}_proj.weight` [d, d],
 * `post_attention_layernorm.weight` and `.bias` [d], `mlp.up_proj.weight`
 * [dMlp, d], `mlp.down_proj.weight` [d, dMlp]; then `model.norm.weight`
 * and `.bias` [d] and `lm_head.weight` [V, d]. The arrays are the model's
 * own (live), so this list also serves the optimizer and gradient checks.
 *
 * @example
 * lmTensors(weights).map((t) => t.name); // ['model.embed_tokens.weight', 'model.embed_positions.weight', ...]
 */
export function lmTensors(weights: LmWeights): LmTensor[] {
  const { vocab, context, dModel: d } = weights.config;
  const v = vocab.length;
  const out: LmTensor[] = [
    { name: 'model.embed_tokens.weight', shape: [v, d], data: weights.tokEmb, decay: true },
    { name: 'model.embed_positions.weight', shape: [context, d], data: weights.posEmb, decay: true },
  ];
  weights.layers.forEach((layer, l) => {
    const p = `model.layers.${l}`;
    out.push({ name: `${p}.input_layernorm.weight`, shape: [d], data: layer.ln1Weight, decay: false });
    out.push({ name: `${p}.input_layernorm.bias`, shape: [d], data: layer.ln1Bias, decay: false });
    for (const m of LM_MODULES.slice(0, 4)) {
      out.push({ name: `${moduleName(l, m)}.weight`, shape: moduleShape(weights.config, m), data: layer[m], decay: true });
    }
    out.push({ name: `${p}.post_attention_layernorm.weight`, shape: [d], data: layer.ln2Weight, decay: false });
    out.push({ name: `${p}.post_attention_layernorm.bias`, shape: [d], data: layer.ln2Bias, decay: false });
    for (const m of LM_MODULES.slice(4)) {
      out.push({ name: `${moduleName(l, m)}.weight`, shape: moduleShape(weights.config, m), data: layer[m], decay: true });
    }
  });
  out.push({ name: 'model.norm.weight', shape: [d], data: weights.lnfWeight, decay: false });
  out.push({ name: 'model.norm.bias', shape: [d], data: weights.lnfBias, decay: false });
  out.push({ name: 'lm_head.weight', shape: [v, d], data: weights.head, decay: true });
  return out;
}

/**
 * A model of the config's shape with every array zero (a gradient buffer).
 *
 * @example
 * const grads = zerosLike(weights.config);
 */
export function zerosLike(config: LmConfig): LmWeights {
  const { vocab, context, dModel: d, nLayers, dMlp } = config;
  const v = vocab.length;
  const z = (n: number) => new Float64Array(n);
  return {
    config,
    tokEmb: z(v * d),
    posEmb: z(context * d),
    layers: Array.from({ length: nLayers }, () => ({
      ln1Weight: z(d),
      ln1Bias: z(d),
      q_proj: z(d * d),
      k_proj: z(d * d),
      v_proj: z(d * d),
      o_proj: z(d * d),
      ln2Weight: z(d),
      ln2Bias: z(d),
      up_proj: z(dMlp * d),
      down_proj: z(d * dMlp),
    })),
    lnfWeight: z(d),
    lnfBias: z(d),
    head: z(v * d),
  };
}

/**
 * A deep copy of a model's weights (same config object).
 *
 * @example
 * const tuned = cloneLm(base); // train tuned, base stays as it was
 */
export function cloneLm(weights: LmWeights): LmWeights {
  const copy = zerosLike(weights.config);
  const src = lmTensors(weights);
  lmTensors(copy).forEach((t, i) => t.data.set(src[i].data));
  return copy;
}

/**
 * A freshly initialised model, as GPT-2 and nanoGPT do it: every linear and
 * embedding weight normal with standard deviation 0.02, except the two
 * projections that write into the residual stream (`o_proj`, `down_proj`),
 * whose std is 0.02/√(2·nLayers) so the stream's variance does not grow
 * with depth; LayerNorm scales 1 and shifts 0. The normals are drawn from
 * `new RandomState(seed)` tensor by tensor in {@link lmTensors} order.
 *
 * @throws RangeError for a seed outside 0..2^32 − 1.
 * @example
 * const weights = initLm(lmConfig({ vocab, context: 64, dModel: 64, nLayers: 4, nHeads: 4 }), 0);
 */
export function initLm(config: LmConfig, seed: number): LmWeights {
  const weights = zerosLike(config);
  const rng = new RandomState(seed);
  const residualStd = 0.02 / Math.sqrt(2 * config.nLayers);
  for (const t of lmTensors(weights)) {
    if (t.shape.length === 1) {
      if (t.name.endsWith('.weight')) t.data.fill(1);
      continue;
    }
    const std = /\.(o_proj|down_proj)\.weight$/.test(t.name) ? residualStd : 0.02;
    const draws = rng.randn(t.shape[0], t.shape[1]).data;
    for (let i = 0; i < draws.length; i++) t.data[i] = std * draws[i];
  }
  return weights;
}
