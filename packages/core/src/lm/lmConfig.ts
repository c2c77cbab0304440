/**
 * The shape of a character-level GPT-style decoder: its vocabulary (one
 * token per character), context length and layer sizes. Plain data, so it
 * round-trips through JSON (see {@link lmConfigToJson}).
 */
export interface LmConfig {
  /** The characters, one per token: token id i is `vocab[i]`. No repeats. */
  vocab: string;
  /** Longest sequence the model reads (learned positions 0..context − 1). */
  context: number;
  /** Width of the residual stream, d. */
  dModel: number;
  /** Number of transformer blocks. */
  nLayers: number;
  /** Attention heads per block; must divide `dModel`. */
  nHeads: number;
  /** Hidden width of the MLP (up_proj is `dMlp × dModel`); default 4·dModel. */
  dMlp: number;
}

/** What {@link lmConfig} accepts: everything but `dMlp` is required. */
export type LmConfigOptions = Omit<LmConfig, 'dMlp'> & { dMlp?: number };

/** LayerNorm's epsilon, PyTorch's default (and GPT-2's `layer_norm_epsilon`). */
export const LAYER_NORM_EPS = 1e-5;

function positiveInteger(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) {
    throw new RangeError(`lmConfig: ${name} must be a positive integer; received ${String(x)}`);
  }
  return x;
}

/**
 * Validates the shape of a model and fills in `dMlp` (4·dModel).
 *
 * @throws RangeError naming the field: a vocabulary that is empty or repeats
 *   a character, a size that is not a positive integer, or `nHeads` that does
 *   not divide `dModel`.
 * @example
 * const config = lmConfig({ vocab: ' abc.', context: 64, dModel: 64, nLayers: 4, nHeads: 4 });
 * config.dMlp; // 256
 */
export function lmConfig(options: LmConfigOptions): LmConfig {
  if (options === null || typeof options !== 'object') {
    throw new RangeError(`lmConfig: expected an object { vocab, context, dModel, nLayers, nHeads }; received ${String(options)}`);
  }
  const { vocab } = options;
  if (typeof vocab !== 'string' || vocab.length === 0) {
    throw new RangeError(`lmConfig: vocab must be a non-empty string of distinct characters; received ${JSON.stringify(vocab)}`);
  }
  const chars = [...vocab];
  if (chars.length !== vocab.length) {
    throw new RangeError('lmConfig: vocab must hold characters of one UTF-16 unit each (no surrogate pairs)');
  }
  const seen = new Set<string>();
  for (const c of chars) {
    if (seen.has(c)) throw new RangeError(`lmConfig: vocab repeats the character ${JSON.stringify(c)}`);
    seen.add(c);
  }
  const context = positiveInteger('context', options.context);
  const dModel = positiveInteger('dModel', options.dModel);
  const nLayers = positiveInteger('nLayers', options.nLayers);
  const nHeads = positiveInteger('nHeads', options.nHeads);
  if (dModel % nHeads !== 0) {
    throw new RangeError(`lmConfig: nHeads (${nHeads}) must divide dModel (${dModel})`);
  }
  const dMlp = positiveInteger('dMlp', options.dMlp ?? 4 * dModel);
  return { vocab, context, dModel, nLayers, nHeads, dMlp };
}

/**
 * The number of trainable numbers in a model of this shape: embeddings
 * `(V + context)·d`, per block `4·d² + 2·d·dMlp` in the linear layers (no
 * biases) and `4·d` in two LayerNorms, a final LayerNorm `2·d` and an untied
 * output head `V·d`.
 *
 * @example
 * parameterCount(lmConfig({ vocab: 'ab', context: 4, dModel: 8, nLayers: 1, nHeads: 2 })); // 8·(2+4) + 4·64 + 2·8·32 + 32 + 16 + 16 = 880
 */
export function parameterCount(config: LmConfig): number {
  const { vocab, context, dModel: d, nLayers, dMlp } = config;
  const v = vocab.length;
  return (v + context) * d + nLayers * (4 * d * d + 2 * d * dMlp + 4 * d) + 2 * d + v * d;
}

/**
 * The config as a JSON object with GPT-2's key names (as in a Hugging Face
 * `config.json`), plus the vocabulary: `{ model_type, vocab, n_positions,
 * n_embd, n_layer, n_head, n_inner, activation_function: 'gelu_new',
 * layer_norm_epsilon, tie_word_embeddings: false, bias: false }`.
 *
 * @example
 * JSON.stringify(lmConfigToJson(config), null, 2); // written beside the weights as config.json
 */
export function lmConfigToJson(config: LmConfig): Record<string, unknown> {
  return {
    model_type: 'lora-rank-char-gpt',
    vocab: config.vocab,
    n_positions: config.context,
    n_embd: config.dModel,
    n_layer: config.nLayers,
    n_head: config.nHeads,
    n_inner: config.dMlp,
    activation_function: 'gelu_new',
    layer_norm_epsilon: LAYER_NORM_EPS,
    tie_word_embeddings: false,
    bias: false,
  };
}

/**
 * Reads a config written by {@link lmConfigToJson} (text or parsed JSON).
 *
 * @throws RangeError naming the missing or invalid field.
 * @example
 * const config = lmConfigFromJson(await (await fetch('models/base/config.json')).text());
 */
export function lmConfigFromJson(json: string | Record<string, unknown>): LmConfig {
  let c: unknown = json;
  if (typeof json === 'string') {
    try {
      c = JSON.parse(json);
    } catch (e) {
      throw new RangeError(`lmConfigFromJson: not valid JSON (${(e as Error).message})`, { cause: e });
    }
  }
  if (c === null || typeof c !== 'object' || Array.isArray(c)) {
    throw new RangeError('lmConfigFromJson: expected a JSON object with vocab, n_positions, n_embd, n_layer, n_head');
  }
  const o = c as Record<string, unknown>;
  for (const key of ['vocab', 'n_positions', 'n_embd', 'n_layer', 'n_head']) {
    if (!(key in o)) throw new RangeError(`lmConfigFromJson: the field "${key}" is missing`);
  }
  if (o.tie_word_embeddings === true) {
    throw new RangeError('lmConfigFromJson: tie_word_embeddings is true; this model has an untied output head');
  }
  return lmConfig({
    vocab: o.vocab as string,
    context: o.n_positions as number,
    dModel: o.n_embd as number,
    nLayers: o.n_layer as number,
    nHeads: o.n_head as number,
    dMlp: (o.n_inner ?? undefined) as number | undefined,
  });
}
