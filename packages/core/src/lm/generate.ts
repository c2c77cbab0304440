import { encode } from './encode.ts';
import { type LmAdapters, mergeLmAdapters } from './lmAdapters.ts';
import { LmDecoder } from './LmDecoder.ts';
import type { LmWeights } from './lmWeights.ts';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Most characters generated per prompt; default: until the context is full. */
  maxTokens?: number;
  /** Generation of a prompt stops after this character (included); default '.'; '' never stops. */
  stop?: string;
  /** LoRA adapters, merged into a copy of the weights first. */
  adapters?: LmAdapters | null;
}

/**
 * Greedy completions: for each prompt, the most likely next character
 * (ties: the lowest id), appended and fed back, until the stop character,
 * `maxTokens` characters or the end of the context. All prompts advance
 * together through one key/value cache, so the cost is one small product
 * per position for all of them.
 *
 * @returns The generated continuations (without the prompts).
 * @throws RangeError for a prompt that is empty, longer than the context,
 *   or has a character outside the vocabulary (naming it).
 * @example
 * generate(weights, ['talen is ', 'where does kato live? in ']); // ['a baker in arvel.', 'galen.']
 */
export function generate(weights: LmWeights, prompts: readonly string[], options: GenerateOptions = {}): string[] {
  const { vocab, context } = weights.config;
  const stop = options.stop ?? '.';
  const maxTokens = options.maxTokens ?? context;
  if (!Number.isInteger(maxTokens) || maxTokens < 0) {
    throw new RangeError(`generate: maxTokens must be an integer >= 0; received ${String(maxTokens)}`);
  }
  const ids = prompts.map((p, i) => {
    if (p.length === 0) throw new RangeError(`generate: prompt ${i} is empty; give at least one character`);
    if (p.length > context) throw new RangeError(`generate: prompt ${i} has ${p.length} characters, more than the context of ${context}`);
    return Array.from(encode(vocab, p));
  });
  if (prompts.length === 0) return [];
  const model = options.adapters ? mergeLmAdapters(weights, options.adapters) : weights;
  const decoder = new LmDecoder(model, prompts.length);
  const out = prompts.map(() => '');
  const done = prompts.map(() => maxTokens === 0);
  const V = vocab.length;
  const longest = Math.max(...ids.map((x) => x.length));
  const feed = new Int32Array(prompts.length);
  for (let t = 0; t < context; t++) {
    if (t >= longest && done.every(Boolean)) break;
    for (let s = 0; s < prompts.length; s++) feed[s] = ids[s][t] ?? 0;
    const logits = decoder.step(feed);
    for (let s = 0; s < prompts.length; s++) {
      // A stream's own tokens start after its prompt; until then it is fed its prompt.
      if (done[s] || t + 1 < ids[s].length) continue;
      let best = 0;
      for (let j = 1; j < V; j++) if (logits[s * V + j] > logits[s * V + best]) best = j;
      ids[s].push(best);
      out[s] += vocab[best];
      if (out[s].length >= maxTokens || vocab[best] === stop) done[s] = true;
    }
    if (done.every(Boolean)) break;
  }
  return out;
}
