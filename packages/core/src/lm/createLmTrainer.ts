import { adamStep, type AdamHyper } from '../train/adamStep.ts';
import { clipGradNorm } from '../train/clipGradNorm.ts';
import { assertSchedule, type LrSchedule, scheduledLr } from '../train/lrSchedule.ts';
import { assertPositive } from '../train/loraAdapter.ts';
import { type LmAdapters, type LmAdaptersOptions, adapterTensors, adapterZerosLike, createLmAdapters } from './lmAdapters.ts';
import { LmEngine } from './LmEngine.ts';
import { type LmBatch, assertBatch } from './lmLoss.ts';
import { type LmWeights, cloneLm, lmTensors, zerosLike } from './lmWeights.ts';
import type { TextSampler } from './textSampler.ts';

/** AdamW settings of {@link createLmTrainer}; PyTorch's defaults except `lr`. */
export interface LmOptimizerConfig {
  /** Base learning rate (before the schedule), finite and > 0. */
  lr: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  eps?: number;
  /**
   * Decoupled weight decay, default 0. Applied to matrices and embeddings
   * (and LoRA factors), never to LayerNorm scales and shifts (as nanoGPT).
   */
  weightDecay?: number;
}

/** Configuration of {@link createLmTrainer}. */
export interface LmTrainerConfig {
  /** The starting model. Full training works on a copy; LoRA leaves it untouched (frozen). */
  weights: LmWeights;
  /** `'full'`: every tensor learns (fine-tuning, or pretraining from {@link initLm}); `'lora'`: only adapters. */
  mode: 'full' | 'lora';
  /** The adapters' settings, required for `mode: 'lora'` (see {@link createLmAdapters}). */
  lora?: LmAdaptersOptions;
  /** Where batches come from ({@link corpusSampler}, {@link sentenceSampler}). */
  data: TextSampler;
  /** Sequences per step, a positive integer. */
  batchSize: number;
  /** Tokens per sequence, 1..context; default the context. */
  length?: number;
  /** AdamW. */
  optimizer: LmOptimizerConfig;
  /** Learning-rate schedule; default constant. */
  schedule?: LrSchedule;
  /** Clip the global gradient norm to this (> 0); default 1. Infinity disables clipping. */
  clip?: number;
}

/** What one step measured. */
export interface LmStepMetrics {
  /** 1 for the first step. */
  step: number;
  /** Mean cross-entropy of the step's batch, before the update (nats per token). */
  loss: number;
  /** Global norm of the gradient, before clipping. */
  gradNorm: number;
  /** The learning rate used. */
  lr: number;
}

/**
 * The metrics of consecutive steps as parallel arrays (entry s is step
 * `firstStep + s`), to post from a worker with their buffers transferred.
 */
export interface LmTrainHistory {
  firstStep: number;
  /** Batch loss before each step's update. */
  loss: Float64Array<ArrayBuffer>;
  /** Global gradient norm before clipping. */
  gradNorm: Float64Array<ArrayBuffer>;
  /** Learning rate of each step. */
  lr: Float64Array<ArrayBuffer>;
}

/** A model or adapters being trained step by step (see {@link createLmTrainer}). */
export interface LmTrainer {
  readonly mode: 'full' | 'lora';
  /** Steps taken so far. */
  readonly stepCount: number;
  /** The model: live trained copy (full), or the frozen base (LoRA). Do not modify. */
  readonly weights: LmWeights;
  /** The live adapters (LoRA), or null. */
  readonly adapters: LmAdapters | null;
  /** One step on the next batch. */
  step(): LmStepMetrics;
  /** `nSteps` steps (an integer ≥ 0) and their metrics. */
  run(nSteps: number): LmTrainHistory;
  /** The loss of a batch at the current parameters (no step taken). */
  evaluate(batch: LmBatch): number;
}

/**
 * Creates a trainer that advances only when asked, for a Web Worker: run a
 * chunk of steps, post the metrics (transferable typed arrays), check for
 * cancellation, run the next chunk.
 *
 * Each step draws `batchSize` sequences from `data`, computes the loss and
 * gradients by backpropagation (of every tensor, or of the adapters only),
 * clips them by global norm, and applies AdamW at the scheduled rate. All
 * buffers are allocated once. Deterministic: the same config (and sampler
 * seed) gives the same bits.
 *
 * @throws RangeError for a missing or bad `lora` setting (rank out of
 *   range, unknown target), a bad learning rate, betas, eps, weight decay,
 *   schedule, clip, batch size or length.
 * @example
 * const trainer = createLmTrainer({
 *   weights: base, mode: 'lora', lora: { rank: 8, alpha: 16, targets: ['q_proj', 'v_proj'], seed: 0 },
 *   data: sentenceSampler(task.train, { vocab: base.config.vocab, seed: 1 }),
 *   batchSize: 16, optimizer: { lr: 1e-3 }, schedule: { type: 'constant', warmup: 10 },
 * });
 * const h = trainer.run(20);
 * postMessage(h, [h.loss.buffer, h.gradNorm.buffer, h.lr.buffer]);
 */
export function createLmTrainer(config: LmTrainerConfig): LmTrainer {
  const fn = 'createLmTrainer';
  const { mode, data } = config;
  if (mode !== 'full' && mode !== 'lora') throw new RangeError(`${fn}: mode must be 'full' or 'lora'; received ${String(mode)}`);
  const base = config.weights;
  const { context } = base.config;
  const batchSize = config.batchSize;
  const length = config.length ?? context;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`${fn}: batchSize must be a positive integer; received ${String(batchSize)}`);
  if (!Number.isInteger(length) || length < 1 || length > context) {
    throw new RangeError(`${fn}: length must be an integer in 1..${context} (the context); received ${String(length)}`);
  }
  const o = config.optimizer;
  if (o === null || typeof o !== 'object') throw new RangeError(`${fn}: optimizer must be an object { lr, ... }; received ${String(o)}`);
  assertPositive(fn, 'lr', o.lr);
  const hyper: AdamHyper = { beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999, eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0 };
  for (const k of ['beta1', 'beta2'] as const) {
    if (!(hyper[k] >= 0 && hyper[k] < 1)) throw new RangeError(`${fn}: ${k} must be a number in [0, 1); received ${String(hyper[k])}`);
  }
  assertPositive(fn, 'eps', hyper.eps);
  if (!(hyper.weightDecay >= 0 && hyper.weightDecay < Infinity)) {
    throw new RangeError(`${fn}: weightDecay must be a finite number >= 0; received ${String(hyper.weightDecay)}`);
  }
  const schedule: LrSchedule = config.schedule ?? { type: 'constant' };
  assertSchedule(fn, schedule);
  const clip = config.clip ?? 1;
  if (typeof clip !== 'number' || !(clip > 0))
    throw new RangeError(`${fn}: clip must be a number > 0 (Infinity: no clipping); received ${String(clip)}`);

  let weights: LmWeights;
  let adapters: LmAdapters | null = null;
  let params: Float64Array[];
  let grads: Float64Array[];
  let decays: boolean[];
  let gradModel: LmWeights | null = null;
  let gradAdapters: LmAdapters | null = null;
  if (mode === 'full') {
    weights = cloneLm(base);
    gradModel = zerosLike(base.config);
    const ts = lmTensors(weights);
    params = ts.map((t) => t.data);
    decays = ts.map((t) => t.decay);
    grads = lmTensors(gradModel).map((t) => t.data);
  } else {
    if (config.lora === undefined) throw new RangeError(`${fn}: mode 'lora' needs lora: { rank, alpha, targets?, seed }`);
    weights = base;
    adapters = createLmAdapters(base.config, config.lora);
    gradAdapters = adapterZerosLike(adapters);
    params = adapterTensors(adapters).map((t) => t.data);
    decays = params.map(() => true);
    grads = adapterTensors(gradAdapters).map((t) => t.data);
  }
  const first = params.map((p) => new Float64Array(p.length));
  const second = params.map((p) => new Float64Array(p.length));
  const noDecay: AdamHyper = { ...hyper, weightDecay: 0 };
  const engine = new LmEngine(base.config, batchSize, length);
  let steps = 0;

  function step(): LmStepMetrics {
    const batch = data.next(batchSize, length);
    // A sampler built for another vocabulary would index past the embeddings.
    assertBatch('LmTrainer.step', base.config, batch, true);
    const loss = engine.forward(weights, batch.tokens, batch.targets, adapters);
    engine.backward(gradModel, gradAdapters);
    const gradNorm = clipGradNorm(grads, clip);
    steps++;
    const lr = scheduledLr(o.lr, schedule, steps);
    for (let i = 0; i < params.length; i++) adamStep(params[i], grads[i], first[i], second[i], lr, steps, decays[i] ? hyper : noDecay);
    return { step: steps, loss, gradNorm, lr };
  }

  return {
    mode,
    get stepCount() {
      return steps;
    },
    weights,
    adapters,
    step,
    run(nSteps: number): LmTrainHistory {
      if (!Number.isInteger(nSteps) || nSteps < 0)
        throw new RangeError(`LmTrainer.run: nSteps must be an integer >= 0; received ${String(nSteps)}`);
      const h: LmTrainHistory = {
        firstStep: steps + 1,
        loss: new Float64Array(nSteps),
        gradNorm: new Float64Array(nSteps),
        lr: new Float64Array(nSteps),
      };
      for (let s = 0; s < nSteps; s++) {
        const m = step();
        h.loss[s] = m.loss;
        h.gradNorm[s] = m.gradNorm;
        h.lr[s] = m.lr;
      }
      return h;
    },
    evaluate(batch: LmBatch): number {
      assertBatch('LmTrainer.evaluate', base.config, batch, true);
      return new LmEngine(base.config, batch.batch, batch.length).forward(weights, batch.tokens, batch.targets, adapters);
    },
  };
}
