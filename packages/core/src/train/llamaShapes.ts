/**
 * The shape of a Llama-style decoder (the fields of a Hugging Face
 * `config.json` that decide its parameter count).
 */
export interface LlamaShape {
  /** Display name, e.g. `'Llama-3.1-8B'`. */
  name: string;
  /** `hidden_size`. */
  hiddenSize: number;
  /** `intermediate_size` (the MLP's inner width). */
  intermediateSize: number;
  /** `num_hidden_layers`. */
  numLayers: number;
  /** `num_attention_heads`. */
  numHeads: number;
  /** `num_key_value_heads` (grouped-query attention when below numHeads). */
  numKvHeads: number;
  /** `head_dim` (hidden_size / num_attention_heads in these models). */
  headDim: number;
  /** `vocab_size`. */
  vocabSize: number;
  /** `tie_word_embeddings`: the output head shares the embedding matrix. */
  tieWordEmbeddings: boolean;
}

/**
 * Published shapes of three Llama 3 models, from their Hugging Face
 * `config.json` files. The meta-llama repositories are gated; the values
 * were read from copies whose `_name_or_path` names the original (checked
 * in this project's search corpus, 2025):
 * - meta-llama/Llama-3.2-1B: huggingface.co/ariG23498/layer-skip-v0/blob/main/config.json
 *   (hidden 2048, intermediate 8192, 16 layers, 32 heads, 8 KV heads,
 *   head_dim 64, vocab 128256, tied embeddings; the same in
 *   huggingface.co/Emm9625/Llama-3.2-1B-chatml, a duplicate of unsloth/Llama-3.2-1B);
 * - meta-llama/Llama-3.1-8B: huggingface.co/NbAiLab/nb-llama-3.1-8B/blob/main/config.json
 *   (4096, 14336, 32 layers, 32 heads, 8 KV heads, head_dim 128, vocab 128256, untied);
 * - meta-llama/Meta-Llama-3.1-70B-Instruct: huggingface.co/mattshumer/Reflection-70B-Draft
 *   config.json (8192, 28672, 80 layers, 64 heads, 8 KV heads, vocab 128256, untied;
 *   head_dim 128 = 8192/64, as listed in the Llama-3.3-70B config, which has the same shape).
 * Their parameter counts come out at 1.24 B, 8.03 B and 70.6 B
 * ({@link loraParameterCount}), the sizes Meta publishes.
 */
export const LLAMA_SHAPES: Readonly<Record<'1B' | '8B' | '70B', LlamaShape>> = {
  '1B': {
    name: 'Llama-3.2-1B',
    hiddenSize: 2048,
    intermediateSize: 8192,
    numLayers: 16,
    numHeads: 32,
    numKvHeads: 8,
    headDim: 64,
    vocabSize: 128256,
    tieWordEmbeddings: true,
  },
  '8B': {
    name: 'Llama-3.1-8B',
    hiddenSize: 4096,
    intermediateSize: 14336,
    numLayers: 32,
    numHeads: 32,
    numKvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tieWordEmbeddings: false,
  },
  '70B': {
    name: 'Llama-3.1-70B',
    hiddenSize: 8192,
    intermediateSize: 28672,
    numLayers: 80,
    numHeads: 64,
    numKvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tieWordEmbeddings: false,
  },
};
