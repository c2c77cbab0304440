import { createLmTrainer, type LmTrainer } from './createLmTrainer.ts';
import type { FactsTask } from './factsTask.ts';
import type { LmAdaptersOptions } from './lmAdapters.ts';
import type { LmWeights } from './lmWeights.ts';
import type { StyleTask } from './styleTask.ts';
import { sentenceSampler } from './textSampler.ts';

/**
 * The proposed default fine-tuning runs on the shipped base model, per
 * task: task size, steps, batch, AdamW learning rate for LoRA and for full
 * fine-tuning (about 10× lower, as LoRA Without Regret found the optimal
 * LoRA rate to be about 10× full fine-tuning's), warmup, and LoRA rank and
 * alpha (PEFT: r = 8; alpha 16). Constant learning rate after the warmup,
 * clipping at 1, no weight decay.
 */
export const FINETUNE_DEFAULTS = {
  style: { people: 8, steps: 150, batchSize: 16, warmup: 10, rank: 8, alpha: 16, loraLr: 2e-3, fullLr: 2e-4 },
  facts: { n: 32, steps: 300, batchSize: 16, warmup: 10, rank: 8, alpha: 16, loraLr: 2e-3, fullLr: 2e-4 },
} as const;

/** Options of {@link createFinetuner}: anything not given takes {@link FINETUNE_DEFAULTS} of the task. */
export interface FinetuneOptions {
  /** The base model (left untouched). */
  weights: LmWeights;
  /** What to learn: {@link styleTask} or {@link factsTask}. */
  task: StyleTask | FactsTask;
  mode: 'full' | 'lora';
  /** Sequences per step; default the task's. */
  batchSize?: number;
  /** Learning rate; default the task's `loraLr` or `fullLr`. */
  lr?: number;
  /** Warmup steps; default 10. */
  warmup?: number;
  /** LoRA settings; default rank 8, alpha 16, all six modules, alpha/r, seed 0. */
  lora?: Partial<LmAdaptersOptions>;
  /** Seed of the batch order; default 1. */
  seed?: number;
}

/**
 * A trainer for a fine-tuning task on the base model: batches from the
 * task's training sentences ({@link sentenceSampler}), AdamW at a constant
 * rate after a short warmup, LoRA or full. What a worker of the next
 * article section runs: `run(10)` per chunk, post, repeat.
 *
 * @example
 * const task = factsTask(pretrainWorld(), { n: 32 });
 * const trainer = createFinetuner({ weights: base, task, mode: 'lora', lora: { rank: 4 } });
 * trainer.run(FINETUNE_DEFAULTS.facts.steps);
 * recall(base, task.recall, trainer.adapters).accuracy;
 */
export function createFinetuner(options: FinetuneOptions): LmTrainer {
  const d = FINETUNE_DEFAULTS[options.task.kind];
  const { weights, task, mode } = options;
  return createLmTrainer({
    weights,
    mode,
    lora: { rank: d.rank, alpha: d.alpha, seed: 0, ...options.lora },
    data: sentenceSampler(task.train, { vocab: weights.config.vocab, seed: options.seed ?? 1 }),
    batchSize: options.batchSize ?? d.batchSize,
    optimizer: { lr: options.lr ?? (mode === 'lora' ? d.loraLr : d.fullLr) },
    schedule: { type: 'constant', warmup: options.warmup ?? d.warmup },
  });
}
