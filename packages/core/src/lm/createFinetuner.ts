import { createLmTrainer, type LmTrainer } from './createLmTrainer.ts';
import type { FactsTask } from './factsTask.ts';
import type { LmAdaptersOptions } from './lmAdapters.ts';
import type { LmWeights } from './lmWeights.ts';
import type { StyleTask } from './styleTask.ts';
import { sentenceSampler } from './textSampler.ts';

/**
 * The default fine-tuning runs on the shipped base model, per task: task
 * size, steps, batch, AdamW learning rate for LoRA and for full
 * fine-tuning, warmup, and LoRA rank and alpha (PEFT: r = 8; alpha 16,
 * all six linear layers, α/r). Constant learning rate after the warmup,
 * clipping at 1, no weight decay. Calibrated on the shipped model
 * (`public/models/base`, seed 0, batch order seed 1) for the fewest
 * tokens that clearly learn each task; measured (Node 22, 1 Dec 2026):
 *
 * - **style** (32 training people, 80 × 16 × 64 = 82k tokens; 8 people
 *   overfit: the train loss fell below the corpus' entropy by step 40 and
 *   the held-out loss rose again): LoRA r = 8 at 2e-3 reaches a held-out
 *   loss of 0.360 nats per character on the other 32 people's pirate
 *   sentences (untrained 2.085), full fine-tuning at 3e-4 0.373; 78 % (LoRA) and 91 % (full) of greedy
 *   completions for held-out people are in the persona (0 untrained).
 *   Only 28 % of them state true facts (the base model's plain sentences:
 *   about 50 %): the persona costs this small model some recall.
 * - **facts** (n = 32, 100 × 16 × 64 = 102k tokens): LoRA r = 8 at 5e-3
 *   recalls 100 % (32 of 32) exactly, full fine-tuning at 1e-3 97 %
 *   (125 steps: 100 %). At batch 8 (half the tokens) LoRA needs about 125
 *   steps for 91 %.
 *
 * LoRA's best rate is 5–7× full fine-tuning's here (LoRA Without Regret
 * found about 10× on large models). Both tasks cost the base corpus:
 * its held-out loss (0.374 untrained) rose to about 0.62 (style) and 1.5–1.6
 * (facts) for LoRA and full alike.
 */
export const FINETUNE_DEFAULTS = {
  style: { people: 32, steps: 80, batchSize: 16, warmup: 10, rank: 8, alpha: 16, loraLr: 2e-3, fullLr: 3e-4 },
  facts: { n: 32, steps: 100, batchSize: 16, warmup: 10, rank: 8, alpha: 16, loraLr: 5e-3, fullLr: 1e-3 },
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
