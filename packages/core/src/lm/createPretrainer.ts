import { createLmTrainer, type LmTrainer, type LmOptimizerConfig } from './createLmTrainer.ts';
import type { LmBatch } from './lmLoss.ts';
import { type LmConfig, lmConfig } from './lmConfig.ts';
import { initLm } from './lmWeights.ts';
import { CORPUS_VOCAB } from './templates.ts';
import { corpusSampler } from './textSampler.ts';
import type { LrSchedule } from '../train/lrSchedule.ts';
import { type World, type WorldOptions, createWorld } from './world.ts';

/**
 * Everything that defines the shipped base model: its world, shape, seeds
 * and training run. `npm run pretrain` trains exactly this; the site and
 * the fine-tuning tasks rebuild the same world from `world`.
 */
export const PRETRAIN = {
  /** The world the corpus describes (`createWorld(PRETRAIN.world)`). */
  world: { seed: 0, people: 64 } as Required<WorldOptions>,
  /** The model: 4 blocks of width 64 with 4 heads of 16, MLP 256, context 64 (205,824 parameters). */
  model: { vocab: CORPUS_VOCAB, context: 64, dModel: 64, nLayers: 4, nHeads: 4 },
  /** Seed of the initial weights ({@link initLm}). */
  initSeed: 0,
  /** Seed of the training batches ({@link corpusSampler}, train split). */
  dataSeed: 1,
  /** Sequences of 64 characters per step. */
  batchSize: 16,
  /** Optimizer steps. */
  steps: 1200,
  /** AdamW as nanoGPT's small character model: beta2 0.99, weight decay 0.1 on matrices. */
  optimizer: { lr: 3e-3, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1 } as LmOptimizerConfig,
  /** Linear warmup over 50 steps, cosine decay to 0.1·lr at the last step. */
  warmup: 50,
  /** Global gradient-norm clipping. */
  clip: 1,
  /** The held-out batch: 64 rows of 64 characters of held-out (person, template) pairs, drawn with this seed. */
  heldout: { seed: 12345, rows: 64 },
} as const;

/**
 * The shipped model's shape, validated.
 *
 * @example
 * parameterCount(pretrainConfig()); // 205824
 */
export function pretrainConfig(): LmConfig {
  return lmConfig(PRETRAIN.model);
}

/**
 * The world of the shipped model (`createWorld(PRETRAIN.world)`): what the
 * fine-tuning tasks must be built from.
 *
 * @example
 * const task = styleTask(pretrainWorld(), { people: 8 });
 */
export function pretrainWorld(): World {
  return createWorld(PRETRAIN.world);
}

/**
 * The pretraining run of the shipped model, ready to step: a fresh model
 * from {@link PRETRAIN}'s seed, full training on the world's train split.
 * `steps` shortens the cosine schedule (for a trial run); by default the
 * committed run's.
 *
 * @example
 * const trainer = createPretrainer();
 * trainer.run(10); // the first 10 steps of `npm run pretrain`, bit for bit
 */
export function createPretrainer(options: { steps?: number } = {}): LmTrainer {
  const steps = options.steps ?? PRETRAIN.steps;
  const config = pretrainConfig();
  const schedule: LrSchedule = { type: 'cosine', warmup: PRETRAIN.warmup, total: steps, minRatio: 0.1 };
  return createLmTrainer({
    weights: initLm(config, PRETRAIN.initSeed),
    mode: 'full',
    data: corpusSampler(pretrainWorld(), { vocab: config.vocab, seed: PRETRAIN.dataSeed }),
    batchSize: PRETRAIN.batchSize,
    optimizer: PRETRAIN.optimizer,
    schedule,
    clip: PRETRAIN.clip,
  });
}

/**
 * The fixed held-out batch on which the shipped model's loss is reported
 * (64 rows of 64 characters of held-out (person, template) pairs); also the
 * measure of forgetting after a fine-tune.
 *
 * @example
 * lmLoss(base, pretrainHeldout()); // the documented held-out loss
 */
export function pretrainHeldout(): LmBatch {
  const config = pretrainConfig();
  return corpusSampler(pretrainWorld(), { vocab: config.vocab, seed: PRETRAIN.heldout.seed, split: 'heldout' }).next(
    PRETRAIN.heldout.rows,
    config.context,
  );
}
