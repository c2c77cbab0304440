import type { Matrix } from '../linalg/matrix.ts';
import { encode } from './encode.ts';
import { type LmAdapters, adapterZerosLike } from './lmAdapters.ts';
import type { LmConfig } from './lmConfig.ts';
import { LmEngine } from './LmEngine.ts';
import { type LmWeights, zerosLike } from './lmWeights.ts';

/**
 * A batch of `batch` sequences of `length` tokens, row-major: sequence b is
 * `tokens[b·length .. (b+1)·length)`. `targets` has the same layout; entry
 * i is the id expected after `tokens[0..i]` of its sequence, or −1 for no
 * target (not counted in the loss).
 */
export interface LmBatch {
  tokens: Int32Array;
  targets: Int32Array;
  batch: number;
  length: number;
}

/**
 * Throws a RangeError unless `batch` fits the model: positive sizes, length
 * at most the context, arrays of batch·length ids inside the vocabulary,
 * targets inside it or −1. @internal
 */
export function assertBatch(fn: string, config: LmConfig, b: LmBatch, needTargets: boolean): void {
  const { batch, length, tokens, targets } = b;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${fn}: batch must be a positive integer; received ${String(batch)}`);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`${fn}: length must be a positive integer; received ${String(length)}`);
  if (length > config.context) {
    throw new RangeError(`${fn}: sequences of length ${length} are longer than the model's context of ${config.context} tokens`);
  }
  const v = config.vocab.length;
  if (!(tokens instanceof Int32Array) || tokens.length !== batch * length) {
    throw new RangeError(`${fn}: tokens must be an Int32Array of batch·length = ${batch * length} ids`);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] < 0 || tokens[i] >= v)
      throw new RangeError(`${fn}: token id ${tokens[i]} at index ${i} is outside the vocabulary 0..${v - 1}`);
  }
  if (!needTargets) return;
  if (!(targets instanceof Int32Array) || targets.length !== batch * length) {
    throw new RangeError(`${fn}: targets must be an Int32Array of batch·length = ${batch * length} ids`);
  }
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] < -1 || targets[i] >= v) throw new RangeError(`${fn}: target ${targets[i]} at index ${i} is outside −1..${v - 1}`);
  }
}

/**
 * A batch from texts of equal length L + 1: tokens are the first L
 * characters of each, targets the last L (each character predicts the next).
 *
 * @throws RangeError for texts of different lengths, shorter than 2, or with
 *   characters outside the vocabulary (naming the character).
 * @example
 * const b = textBatch(config.vocab, ['ada lives in arvel.', 'bo is a baker here.']);
 * lmLoss(weights, b);
 */
export function textBatch(vocab: string, texts: readonly string[]): LmBatch {
  if (texts.length === 0) throw new RangeError('textBatch: no texts');
  const len = texts[0].length;
  if (len < 2) throw new RangeError(`textBatch: texts must have at least 2 characters; received ${JSON.stringify(texts[0])}`);
  const length = len - 1;
  const tokens = new Int32Array(texts.length * length);
  const targets = new Int32Array(texts.length * length);
  texts.forEach((t, b) => {
    if (t.length !== len) throw new RangeError(`textBatch: text ${b} has ${t.length} characters, text 0 has ${len}; all must be equal`);
    const ids = encode(vocab, t);
    tokens.set(ids.subarray(0, length), b * length);
    targets.set(ids.subarray(1), b * length);
  });
  return { tokens, targets, batch: texts.length, length };
}

/**
 * The logits of every position, `(batch·length) × V` (row b·length + t
 * scores the token after position t of sequence b), optionally with LoRA
 * adapters applied (unmerged).
 *
 * @throws RangeError for a batch that does not fit the model (see {@link LmBatch}).
 * @example
 * const logits = lmLogits(weights, { tokens: encode(vocab, 'ada is a'), batch: 1, length: 8 });
 */
export function lmLogits(
  weights: LmWeights,
  batch: Pick<LmBatch, 'tokens' | 'batch' | 'length'>,
  adapters: LmAdapters | null = null,
): Matrix {
  assertBatch('lmLogits', weights.config, { ...batch, targets: new Int32Array(0) }, false);
  const engine = new LmEngine(weights.config, batch.batch, batch.length);
  engine.forward(weights, batch.tokens, null, adapters);
  return { rows: engine.rows, cols: weights.config.vocab.length, data: engine.logits.slice() };
}

/**
 * The mean next-character cross-entropy (nats per predicted token) over the
 * batch's targets ≥ 0, with optional adapters.
 *
 * @throws RangeError for a batch that does not fit the model.
 * @example
 * lmLoss(weights, textBatch(vocab, sentences)); // ≈ ln(V) for a fresh model
 */
export function lmLoss(weights: LmWeights, batch: LmBatch, adapters: LmAdapters | null = null): number {
  assertBatch('lmLoss', weights.config, batch, true);
  return new LmEngine(weights.config, batch.batch, batch.length).forward(weights, batch.tokens, batch.targets, adapters);
}

/** What {@link lmGradients} returns. */
export interface LmGradients {
  loss: number;
  /** ∂L/∂θ for every base tensor (null when `base` was false). */
  grads: LmWeights | null;
  /** ∂L/∂A and ∂L/∂B of every adapter (null without adapters). */
  adapterGrads: LmAdapters | null;
}

/**
 * The loss and its gradients by backpropagation: of every base tensor
 * (full fine-tuning; `base`, default true unless adapters are given) and of
 * the adapters' factors (when `adapters` is given). Allocates its buffers
 * per call: a trainer keeps one engine instead (see {@link createLmTrainer}).
 *
 * @throws RangeError for a batch that does not fit the model.
 * @example
 * const { loss, grads } = lmGradients(weights, batch);
 * const { adapterGrads } = lmGradients(weights, batch, { adapters });
 */
export function lmGradients(
  weights: LmWeights,
  batch: LmBatch,
  options: { adapters?: LmAdapters | null; base?: boolean } = {},
): LmGradients {
  assertBatch('lmGradients', weights.config, batch, true);
  const adapters = options.adapters ?? null;
  const base = options.base ?? adapters === null;
  const engine = new LmEngine(weights.config, batch.batch, batch.length);
  const loss = engine.forward(weights, batch.tokens, batch.targets, adapters);
  const grads = base ? zerosLike(weights.config) : null;
  const adapterGrads = adapters ? adapterZerosLike(adapters) : null;
  engine.backward(grads, adapterGrads);
  return { loss, grads, adapterGrads };
}
