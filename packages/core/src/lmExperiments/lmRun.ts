import { createFinetuner } from '../lm/createFinetuner.ts';
import { pretrainHeldout } from '../lm/createPretrainer.ts';
import { factsTask } from '../lm/factsTask.ts';
import { type LmAdapters, adapterTensors, mergeLmAdapters } from '../lm/lmAdapters.ts';
import type { LmTrainHistory } from '../lm/createLmTrainer.ts';
import { lmLoss } from '../lm/lmLoss.ts';
import { LM_MODULES, type LmModule, type LmWeights, lmTensors } from '../lm/lmWeights.ts';
import { recall } from '../lm/recall.ts';
import { styleScore } from '../lm/styleScore.ts';
import { styleTask } from '../lm/styleTask.ts';
import { sentenceSampler } from '../lm/textSampler.ts';
import type { World } from '../lm/world.ts';
import type { LoraScaling } from '../spectra/loraScale.ts';
import { type MatrixDeltaSpectrum, weightDeltaSpectra } from './weightDeltaSpectra.ts';

/** Which linear layers a LoRA run adapts: all six per block, or q, k, v, o only. */
export type LoraTargets = 'all' | 'attention';

/** The modules of a {@link LoraTargets} choice. */
export const TARGET_MODULES: Record<LoraTargets, readonly LmModule[]> = {
  all: LM_MODULES,
  attention: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
};

/** One fine-tuning run of an experiment: everything that determines it. */
export interface LmRunSpec {
  task: 'style' | 'facts';
  /** Style: people whose pirate sentences are trained on; facts: number of new facts. */
  size: number;
  mode: 'full' | 'lora';
  /** LoRA rank (ignored for full). */
  rank?: number;
  /** LoRA targets, default `'all'`. */
  targets?: LoraTargets;
  /** LoRA scaling, default `'standard'` (alpha/r). */
  scaling?: LoraScaling;
  /** LoRA alpha, default 16. */
  alpha?: number;
  /** AdamW learning rate (constant after the warmup). */
  lr: number;
  steps: number;
  batchSize: number;
  /** Warmup steps, default 10. */
  warmup?: number;
  /** Seed of the task (which people / which facts), of A's initialisation and (plus 1) of the batch order. */
  seed: number;
  /** Also measure the spectra of ΔW (every linear layer; for LoRA of the merged update). */
  spectra?: boolean;
}

/** What a run measured after its last step. */
export interface LmRunResult {
  spec: LmRunSpec;
  /** Trained parameters: LoRA factors' entries, or every tensor (full). */
  parameters: number;
  /** Mean batch loss over the last (up to) 10 steps. */
  trainLoss: number;
  /** Loss on the task's held-out sentences (style: other people's pirate sentences; facts: the facts in two untrained forms), a fixed batch. */
  heldoutLoss: number;
  /** Style: share of held-out people's completions in the pirate persona ({@link styleScore}); facts: NaN. */
  pirate: number;
  /** Style: share of those completions stating only true facts; facts: NaN. */
  truthful: number;
  /** Facts: share recalled exactly ({@link recall}); style: NaN. */
  recall: number;
  /** Facts: number recalled exactly; style: NaN. */
  recalled: number;
  /** Facts: exact recall through the untrained question forms; style: NaN. */
  heldoutRecall: number;
  /** The base corpus' held-out loss ({@link pretrainHeldout}) after the run: forgetting. */
  pretrainLoss: number;
  /** ΔW spectra, when asked for. */
  spectra?: MatrixDeltaSpectrum[];
}

/** Rows of 64 characters in the fixed held-out batch of a task, and its seed. */
const HELDOUT_ROWS = 32;
const HELDOUT_SEED = 12345;

/**
 * The task of a run spec: the style task with `size` training people or
 * the facts task with `size` facts, from the spec's seed. @internal
 */
export function specTask(world: World, spec: Pick<LmRunSpec, 'task' | 'size' | 'seed'>) {
  return spec.task === 'style'
    ? styleTask(world, { people: spec.size, seed: spec.seed })
    : factsTask(world, { n: spec.size, seed: spec.seed });
}

/**
 * Runs one fine-tuning run on a base model and measures it: the task's
 * held-out loss, style adoption and truth (style) or exact recall (facts),
 * the base corpus' held-out loss (forgetting) and optionally the spectra
 * of every weight update. Deterministic: the same spec gives the same
 * numbers. Pure apart from CPU time (a run of 100 steps × 16 × 64
 * characters is about a minute on a loaded 2-core machine): no I/O, so it
 * runs in Node and in a Web Worker alike.
 *
 * With `steps: 0` (and `mode: 'lora'`) it measures the base model itself
 * on the task: the baseline every run is compared with.
 *
 * @param base The base model (left untouched).
 * @param world The world the base model was trained on ({@link pretrainWorld}).
 * @throws RangeError for a spec the trainer rejects (bad rank, rate, ...).
 * @example
 * const r = lmRun(base, pretrainWorld(), { task: 'facts', size: 32, mode: 'lora', rank: 8, lr: 5e-3, steps: 100, batchSize: 16, seed: 0 });
 * r.recall; // share of the 32 facts recalled exactly
 */
export function lmRun(base: LmWeights, world: World, spec: LmRunSpec): LmRunResult {
  const steps = lmRunSteps(base, world, spec, Math.max(1, spec.steps));
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value.result;
  }
}

/** A finished {@link lmRunSteps}: the measurements, and the trained model to save. */
export interface LmRunOutcome {
  result: LmRunResult;
  /** The trained copy (full) or the frozen base (LoRA). */
  weights: LmWeights;
  /** The trained adapters (LoRA), or null. */
  adapters: LmAdapters | null;
}

/**
 * {@link lmRun} one chunk at a time, for a worker that streams a run: yields
 * the metrics of every `chunk` steps as they are trained, and returns the
 * same measurements as `lmRun` (bit for bit: the trainer takes the same
 * steps whatever the chunking) with the trained model.
 *
 * @example
 * const run = lmRunSteps(base, pretrainWorld(), spec, 5);
 * for (let next = run.next(); ; next = run.next()) {
 *   if (next.done) { save(next.value.adapters); break; }
 *   postMessage(next.value.loss);
 * }
 */
export function* lmRunSteps(base: LmWeights, world: World, spec: LmRunSpec, chunk = 5): Generator<LmTrainHistory, LmRunOutcome, void> {
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`lmRunSteps: chunk must be a positive integer; received ${chunk}`);
  const task = specTask(world, spec);
  const trainer = createFinetuner({
    weights: base,
    task,
    mode: spec.mode,
    lr: spec.lr,
    batchSize: spec.batchSize,
    warmup: spec.warmup ?? 10,
    seed: spec.seed + 1,
    lora:
      spec.mode === 'lora'
        ? {
            rank: spec.rank ?? 8,
            alpha: spec.alpha ?? 16,
            scaling: spec.scaling ?? 'standard',
            targets: TARGET_MODULES[spec.targets ?? 'all'],
            seed: spec.seed,
          }
        : undefined,
  });
  const losses = new Float64Array(spec.steps);
  for (let done = 0; done < spec.steps;) {
    const history = trainer.run(Math.min(chunk, spec.steps - done));
    losses.set(history.loss, done);
    done += history.loss.length;
    yield history;
  }
  const tail = losses.subarray(Math.max(0, spec.steps - 10));
  let trainLoss = tail.length > 0 ? 0 : NaN;
  for (const v of tail) trainLoss += v / tail.length;
  const { weights, adapters } = trainer;
  const heldout = sentenceSampler(task.heldout, { vocab: base.config.vocab, seed: HELDOUT_SEED }).next(HELDOUT_ROWS, base.config.context);
  const result: LmRunResult = {
    spec,
    parameters: adapters
      ? adapterTensors(adapters).reduce((n, t) => n + t.data.length, 0)
      : lmTensors(weights).reduce((n, t) => n + t.data.length, 0),
    trainLoss,
    heldoutLoss: lmLoss(weights, heldout, adapters),
    pirate: NaN,
    truthful: NaN,
    recall: NaN,
    recalled: NaN,
    heldoutRecall: NaN,
    pretrainLoss: lmLoss(weights, pretrainHeldout(), adapters),
  };
  if (task.kind === 'style') {
    const score = styleScore(weights, world, task.probes, adapters);
    result.pirate = score.pirate;
    result.truthful = score.true;
  } else {
    const r = recall(weights, task.recall, adapters);
    result.recall = r.accuracy;
    result.recalled = r.correct.filter(Boolean).length;
    result.heldoutRecall = recall(weights, task.heldoutRecall, adapters).accuracy;
  }
  if (spec.spectra) result.spectra = weightDeltaSpectra(base, adapters ? mergeLmAdapters(weights, adapters) : weights);
  return { result, weights, adapters };
}
