import {
  FINETUNE_DEFAULTS,
  moduleName,
  pretrainWorld,
  recall,
  saveLm,
  saveLmAdapters,
  worldProbes,
  type LmModule,
  type LmTrainHistory,
  type LmWeights,
} from '@lora-rank/core/lm';
import { lmRun, lmRunSteps, runKey, type LmRunResult as CoreRunResult, type LmRunSpec } from '@lora-rank/core/lm-experiments';

/** LoRA ranks the panel offers: powers of two up to the model's width, 64. */
export const LM_RANKS = ['1', '2', '4', '8', '16', '32', '64'] as const;
/** Learning rates the panel offers; `default` is the task's rate for LoRA or full fine-tuning. */
export const LM_LEARNING_RATES = ['default', '1e-4', '3e-4', '1e-3', '2e-3', '5e-3', '1e-2', '2e-2'] as const;
/** Training lengths the panel offers; `default` is the task's. */
export const LM_STEPS = ['default', '20', '40', '80', '100', '150', '200', '300', '400'] as const;
/** Steps per message from the worker: a few tenths of a second of training, so the curve grows smoothly. */
export const CHUNK_STEPS = 5;

/** One fine-tuning run of the shipped base model, as the panel asks for it. */
export interface LmRunConfig {
  task: 'style' | 'facts';
  /** New facts (facts task only). */
  n: number;
  mode: 'lora' | 'full';
  rank: number;
  scaling: 'standard' | 'rslora';
  /** Adapted layers: all six linear layers of each block, or the four attention projections. */
  targets: 'all' | 'attention';
  lr: number;
  steps: number;
  /** Seed of the task (which people or facts), of LoRA's A and (plus 1) of the batch order. */
  seed: number;
}

/** What the panel's state asks for, with `default` resolved from the task's defaults. */
export function lmRunConfig(state: {
  task: 'style' | 'facts';
  n: number;
  mode: 'lora' | 'full';
  rank: string;
  scaling: 'standard' | 'rslora';
  targets: 'all' | 'attention';
  lr: string;
  steps: string;
  seed: number;
}): LmRunConfig {
  const d = FINETUNE_DEFAULTS[state.task];
  return {
    task: state.task,
    n: state.n,
    mode: state.mode,
    rank: Number(state.rank),
    scaling: state.scaling,
    targets: state.targets,
    lr: state.lr === 'default' ? (state.mode === 'lora' ? d.loraLr : d.fullLr) : Number(state.lr),
    steps: state.steps === 'default' ? d.steps : Number(state.steps),
    seed: state.seed,
  };
}

/**
 * The core's run spec of a panel config: the experiments' own procedure
 * (`lmRun`), so a panel run and a committed run of the same spec are the
 * same computation. The style task trains on the default number of people;
 * batch size, warmup and alpha are the task's defaults.
 */
export function lmRunSpec(config: LmRunConfig): LmRunSpec {
  const d = FINETUNE_DEFAULTS[config.task];
  return {
    task: config.task,
    size: config.task === 'style' ? FINETUNE_DEFAULTS.style.people : config.n,
    mode: config.mode,
    ...(config.mode === 'lora' ? { rank: config.rank, targets: config.targets, scaling: config.scaling, alpha: d.alpha } : {}),
    lr: config.lr,
    steps: config.steps,
    batchSize: d.batchSize,
    warmup: d.warmup,
    seed: config.seed,
    spectra: true,
  };
}

/** The spectrum summary of one weight matrix's update ΔW (full: W − W₀; LoRA: the merged γ·B·A). */
export interface MatrixUpdate {
  /** Hugging Face name without `.weight`, e.g. `model.layers.0.self_attn.q_proj`. */
  name: string;
  layer: number;
  module: LmModule;
  /** Smallest rank holding 90 % and 99 % of ‖ΔW‖²_F. */
  rank90: number;
  rank99: number;
  effectiveRank: number;
  stableRank: number;
  frobenius: number;
}

/** The scores the panel shows, of the base model (`before`) and of the fine-tuned one (`after`). */
export interface LmScores {
  /** Loss per character on a fixed batch of the task's held-out sentences. */
  heldoutLoss: number;
  /** Style: share of held-out people's completions in the pirate persona; facts: share of the trained facts recalled exactly. */
  measure: number;
  /** Loss per character on the base corpus' held-out batch (plain sentences; after the style task it rises by construction). */
  pretrainLoss: number;
  /** Share of the base world's facts (204 probes) recalled exactly: what fine-tuning forgets. */
  world: number;
}

/** A finished run: the core's measurements, the panel's scores, the update's spectra, and the files to download. */
export interface LmRunResult {
  config: LmRunConfig;
  /** The core's run key: the committed results are looked up by it. */
  key: string;
  /** The core's measurements (what the committed results hold for the same key). */
  measured: Omit<CoreRunResult, 'spectra' | 'spec'>;
  before: LmScores;
  after: LmScores;
  /** Adapted (or, for a full fine-tune, all linear) matrices' update spectra; matrices a LoRA run did not adapt are left out. */
  updates: MatrixUpdate[];
  /** Trainable parameters: the adapters', or every weight's. */
  trainable: number;
  /** Safetensors and its JSON (adapter_config.json for LoRA, config.json for a full fine-tune). */
  files: { model: Uint8Array; config: string; modelName: string; configName: string };
}

/** One message of a run: a chunk of training losses, or the finished result. */
export type LmRunMessage = { kind: 'chunk'; firstStep: number; loss: Float64Array } | { kind: 'result'; result: LmRunResult };

function taskMeasure(r: CoreRunResult): number {
  return r.spec.task === 'style' ? r.pirate : r.recall;
}

/** Base scores already computed, per base model and task (they do not depend on what is trained). */
const baseCache = new WeakMap<LmWeights, Map<string, LmScores>>();

/**
 * The base model's scores on a config's task: the core's run with no step
 * (its measurements of the untrained model), plus the world's facts. They
 * depend only on the task (kind, size, seed), so each is computed once per
 * base model: a second run of the same task in the panel skips seconds of
 * greedy generation.
 */
export function baseScores(base: LmWeights, config: LmRunConfig): LmScores {
  const spec = lmRunSpec(config);
  const key = `${spec.task}:${spec.size}:${spec.seed}`;
  let cache = baseCache.get(base);
  if (!cache) baseCache.set(base, (cache = new Map()));
  const known = cache.get(key);
  if (known) return known;
  const scores = computeBaseScores(base, spec);
  cache.set(key, scores);
  return scores;
}

function computeBaseScores(base: LmWeights, spec: LmRunSpec): LmScores {
  const world = pretrainWorld();
  const r = lmRun(base, world, { ...spec, mode: 'lora', rank: 1, steps: 0, spectra: false });
  return {
    heldoutLoss: r.heldoutLoss,
    measure: taskMeasure(r),
    pretrainLoss: r.pretrainLoss,
    world: recall(base, worldProbes(world)).accuracy,
  };
}

/**
 * One fine-tuning run, as a generator: a chunk of training losses every
 * {@link CHUNK_STEPS} steps, then the result. The training and the
 * measurements are the core's `lmRunSteps`, the procedure of the committed
 * experiments; the panel adds the base model's scores, the world's facts
 * recalled, and the checkpoint files. Pure and deterministic: the worker and
 * the tests run the same code, and the same config gives the same bits.
 */
export function* lmPanelRun(base: LmWeights, config: LmRunConfig): Generator<LmRunMessage, void, void> {
  const world = pretrainWorld();
  const before = baseScores(base, config);
  const spec = lmRunSpec(config);
  const steps = lmRunSteps(base, world, spec, CHUNK_STEPS);
  let next = steps.next();
  while (!next.done) {
    const h: LmTrainHistory = next.value;
    yield { kind: 'chunk', firstStep: h.firstStep, loss: h.loss };
    next = steps.next();
  }
  const { result, weights, adapters } = next.value;
  const lora = adapters !== null;
  const files = lora ? saveLmAdapters(adapters) : saveLm(weights);
  const { spectra = [], spec: _spec, ...measured } = result;
  const updates = spectra
    .filter((m) => m.frobenius > 0)
    .map((m) => ({
      name: moduleName(m.layer, m.module),
      layer: m.layer,
      module: m.module,
      rank90: m.rank90,
      rank99: m.rank99,
      effectiveRank: m.effectiveRank,
      stableRank: m.stableRank,
      frobenius: m.frobenius,
    }));
  yield {
    kind: 'result',
    result: {
      config,
      key: runKey(spec),
      measured,
      before,
      after: {
        heldoutLoss: result.heldoutLoss,
        measure: taskMeasure(result),
        pretrainLoss: result.pretrainLoss,
        world: recall(weights, worldProbes(world), adapters).accuracy,
      },
      updates,
      trainable: result.parameters,
      files: {
        model: files.model,
        config: files.config,
        modelName: lora ? 'adapter_model.safetensors' : 'model.safetensors',
        configName: lora ? 'adapter_config.json' : 'config.json',
      },
    },
  };
}
