import type { LlamaShape } from './llamaShapes.ts';

/** The linear layers of a Llama decoder block, by their PEFT module names. */
export type TargetModule = 'q_proj' | 'k_proj' | 'v_proj' | 'o_proj' | 'gate_proj' | 'up_proj' | 'down_proj';

/** Every linear layer of a block, in the order of the block. */
export const TARGET_MODULES: readonly TargetModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

/** What a LoRA configuration adds to a Llama-style model. */
export interface LoraParameterCount {
  /** The modules adapted in every layer (all seven for `'all-linear'`). */
  modules: TargetModule[];
  /** Adapter parameters per module and layer, `r·(in + out)`. */
  byModule: Partial<Record<TargetModule, number>>;
  /** Adapter parameters in one layer. */
  perLayer: number;
  /** Adapter parameters in the whole model. */
  total: number;
  /** Parameters of the base model (embeddings, blocks, norms, output head unless tied). */
  modelParameters: number;
  /** `total / modelParameters`. */
  share: number;
}

/**
 * The number of trainable parameters of a LoRA adapter of rank r on a
 * Llama-style model: each adapted linear layer `in → out` gets `A` (`r × in`)
 * and `B` (`out × r`), `r·(in + out)` parameters, in every layer. Shapes:
 * q_proj and o_proj are `hidden ↔ numHeads·headDim`, k_proj and v_proj
 * `hidden → numKvHeads·headDim` (grouped-query attention makes them narrow),
 * gate_proj and up_proj `hidden → intermediate`, down_proj
 * `intermediate → hidden`.
 *
 * `'all-linear'` is PEFT's shorthand: every linear layer except the output
 * head (PEFT's `_maybe_include_all_linear_layers` in
 * `peft/tuners/tuners_utils.py` removes `get_output_embeddings()`), i.e. the
 * seven modules of every block. PEFT's default for Llama when no targets are
 * given is `['q_proj', 'v_proj']`.
 *
 * @param shape A model shape, e.g. `LLAMA_SHAPES['8B']`.
 * @param rank The rank r, a positive integer.
 * @param targets Module names, or `'all-linear'`.
 * @throws RangeError for a bad rank, an unknown module or no modules.
 * @example
 * loraParameterCount(LLAMA_SHAPES['8B'], 1, 'all-linear').total; // 2 621 440 (rank 1 on every linear layer)
 * loraParameterCount(LLAMA_SHAPES['8B'], 16, ['q_proj', 'v_proj']).total; // 6 815 744
 */
export function loraParameterCount(shape: LlamaShape, rank: number, targets: readonly TargetModule[] | 'all-linear'): LoraParameterCount {
  const fn = 'loraParameterCount';
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`${fn}: rank must be a positive integer; received ${String(rank)}`);
  const modules = targets === 'all-linear' ? [...TARGET_MODULES] : TARGET_MODULES.filter((m) => targets.includes(m));
  if (targets !== 'all-linear') {
    for (const t of targets) {
      if (!TARGET_MODULES.includes(t)) {
        throw new RangeError(`${fn}: unknown target module '${String(t)}'; expected one of ${TARGET_MODULES.join(', ')} or 'all-linear'`);
      }
    }
  }
  if (modules.length === 0) throw new RangeError(`${fn}: no target modules; received an empty list`);
  const shapes = moduleShapes(shape);
  const byModule: Partial<Record<TargetModule, number>> = {};
  let perLayer = 0;
  for (const m of modules) {
    const [inDim, outDim] = shapes[m];
    byModule[m] = rank * (inDim + outDim);
    perLayer += rank * (inDim + outDim);
  }
  const total = perLayer * shape.numLayers;
  const modelParameters = llamaParameters(shape);
  return { modules, byModule, perLayer, total, modelParameters, share: total / modelParameters };
}

/** `[in, out]` of each linear layer of a block. */
function moduleShapes(s: LlamaShape): Record<TargetModule, [number, number]> {
  const q = s.numHeads * s.headDim;
  const kv = s.numKvHeads * s.headDim;
  return {
    q_proj: [s.hiddenSize, q],
    k_proj: [s.hiddenSize, kv],
    v_proj: [s.hiddenSize, kv],
    o_proj: [q, s.hiddenSize],
    gate_proj: [s.hiddenSize, s.intermediateSize],
    up_proj: [s.hiddenSize, s.intermediateSize],
    down_proj: [s.intermediateSize, s.hiddenSize],
  };
}

/** Base parameters: embeddings, per block the seven weights and two RMSNorms, the final norm, the head unless tied (no biases). */
function llamaParameters(s: LlamaShape): number {
  const shapes = moduleShapes(s);
  let block = 2 * s.hiddenSize;
  for (const m of TARGET_MODULES) block += shapes[m][0] * shapes[m][1];
  const embed = s.vocabSize * s.hiddenSize;
  return embed + s.numLayers * block + s.hiddenSize + (s.tieWordEmbeddings ? 0 : embed);
}
