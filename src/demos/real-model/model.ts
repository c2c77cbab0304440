import { adapterSpectrum, effectiveRank, matrix, rankFor, stableRank, svd } from '@lora-rank/core';
import {
  FINETUNE_DEFAULTS,
  LM_MODULES,
  createFinetuner,
  factsTask,
  lmLoss,
  moduleName,
  moduleShape,
  parameterCount,
  pretrainHeldout,
  pretrainWorld,
  recall,
  saveLm,
  saveLmAdapters,
  sentenceSampler,
  styleScore,
  styleTask,
  worldProbes,
  type FactsTask,
  type LmAdapters,
  type LmModule,
  type LmTrainer,
  type LmWeights,
  type StyleTask,
} from '@lora-rank/core/lm';

/** LoRA ranks the panel offers: powers of two up to the model's width, 64. */
export const LM_RANKS = ['1', '2', '4', '8', '16', '32', '64'] as const;
/** Learning rates the panel offers; `default` is the task's rate for LoRA or full fine-tuning. */
export const LM_LEARNING_RATES = ['default', '1e-4', '2e-4', '5e-4', '1e-3', '2e-3', '5e-3', '1e-2'] as const;
/** Training lengths the panel offers; `default` is the task's. */
export const LM_STEPS = ['default', '25', '50', '100', '150', '200', '300', '400', '600'] as const;
/** The attention projections, the "attention only" choice of adapted layers. */
export const ATTENTION_MODULES: readonly LmModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
/** Steps per message from the worker: about a quarter of a second of training, so curves grow smoothly. */
export const CHUNK_STEPS = 5;
/** Sequences of the held-out batches the run is scored on (64 characters each). */
export const EVAL_ROWS = 64;
/** Seed of the held-out batch of a task's held-out sentences (fixed, so every run is scored on the same text). */
export const EVAL_SEED = 12345;

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
  /** Seed of the batch order and of LoRA's A. */
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

/** The spectrum of one weight matrix's update ΔW (full: W − W₀; LoRA: γ·B·A). */
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
  /** Singular values, largest first. */
  s: Float64Array;
}

/** How well the run did, on the task and on the base corpus. */
export interface LmRunScores {
  /** Loss per character on a fixed batch of the task's held-out sentences, before and after. */
  taskLossBefore: number;
  taskLossAfter: number;
  /** Style: share of completions for held-out people in the pirate persona, before and after. */
  pirateBefore?: number;
  pirateAfter?: number;
  /** Facts: share of the trained facts recalled exactly, before and after. */
  recallBefore?: number;
  recallAfter?: number;
  /**
   * Loss per character on the base corpus' held-out batch (plain sentences),
   * before and after. After the style task it rises by construction: the
   * model now expects the persona.
   */
  corpusLossBefore: number;
  corpusLossAfter: number;
  /** Share of the base world's facts (204 probes) recalled exactly, before and after: what fine-tuning forgets. */
  worldBefore: number;
  worldAfter: number;
}

/** A finished run: scores, the update's spectra, and the files to download. */
export interface LmRunResult {
  config: LmRunConfig;
  scores: LmRunScores;
  updates: MatrixUpdate[];
  /** Trainable parameters: the adapters', or every weight's. */
  trainable: number;
  /** Safetensors and its JSON (adapter_config.json for LoRA, config.json for a full fine-tune). */
  files: { model: Uint8Array; config: string; modelName: string; configName: string };
}

/** One message of a run: a chunk of training losses, or the finished result. */
export type LmRunMessage = { kind: 'chunk'; firstStep: number; loss: Float64Array } | { kind: 'result'; result: LmRunResult };

/** The task a config names, built from the base model's own world. */
export function lmTask(config: Pick<LmRunConfig, 'task' | 'n'>): StyleTask | FactsTask {
  const world = pretrainWorld();
  return config.task === 'style' ? styleTask(world, { people: FINETUNE_DEFAULTS.style.people }) : factsTask(world, { n: config.n });
}

function taskLoss(weights: LmWeights, task: StyleTask | FactsTask, adapters: LmAdapters | null): number {
  const batch = sentenceSampler(task.heldout.length > 0 ? task.heldout : task.train, { vocab: weights.config.vocab, seed: EVAL_SEED }).next(
    EVAL_ROWS,
    weights.config.context,
  );
  return lmLoss(weights, batch, adapters);
}

interface Score {
  loss: number;
  corpus: number;
  world: number;
  /** The task's own measure: the pirate share (style) or exact recall (facts). */
  measure: number;
}

function scoreOf(weights: LmWeights, task: StyleTask | FactsTask, adapters: LmAdapters | null): Score {
  const loss = taskLoss(weights, task, adapters);
  const corpus = lmLoss(weights, pretrainHeldout(), adapters);
  const world = recall(weights, worldProbes(pretrainWorld()), adapters).accuracy;
  const measure =
    task.kind === 'style'
      ? styleScore(weights, pretrainWorld(), task.probes, adapters).pirate
      : recall(weights, task.recall, adapters).accuracy;
  return { loss, corpus, world, measure };
}

function spectrumOf(name: string, layer: number, module: LmModule, s: Float64Array, frobenius: number): MatrixUpdate {
  const zero = frobenius === 0;
  return {
    name,
    layer,
    module,
    rank90: zero ? 0 : rankFor(s, 0.9),
    rank99: zero ? 0 : rankFor(s, 0.99),
    effectiveRank: zero ? 0 : effectiveRank(s),
    stableRank: zero ? 0 : stableRank(s),
    frobenius,
    s,
  };
}

/**
 * The spectrum of every trained matrix's update: for a full fine-tune, each
 * linear layer's W − W₀ (its exact SVD); for LoRA, each adapted layer's γ·B·A
 * (from the factors, without forming the product).
 */
export function updateSpectra(base: LmWeights, trainer: Pick<LmTrainer, 'mode' | 'weights' | 'adapters'>): MatrixUpdate[] {
  const out: MatrixUpdate[] = [];
  base.layers.forEach((layer, l) => {
    for (const module of LM_MODULES) {
      const name = moduleName(l, module);
      if (trainer.mode === 'lora') {
        const a = trainer.adapters?.layers[l]?.[module];
        if (!a) continue;
        const { s, frobenius } = adapterSpectrum(a.b, a.a, a.gamma);
        out.push(spectrumOf(name, l, module, s, frobenius));
      } else {
        const [rows, cols] = moduleShape(base.config, module);
        const tuned = trainer.weights.layers[l][module];
        const delta = new Float64Array(rows * cols);
        for (let i = 0; i < delta.length; i++) delta[i] = tuned[i] - layer[module][i];
        const { s } = svd(matrix(rows, cols, delta), { vectors: false });
        let f = 0;
        for (const x of delta) f += x * x;
        out.push(spectrumOf(name, l, module, s, Math.sqrt(f)));
      }
    }
  });
  return out;
}

/** Builds the trainer a config asks for on the base model. */
export function lmTrainer(base: LmWeights, config: LmRunConfig, task: StyleTask | FactsTask): LmTrainer {
  const d = FINETUNE_DEFAULTS[config.task];
  return createFinetuner({
    weights: base,
    task,
    mode: config.mode,
    lr: config.lr,
    seed: config.seed,
    lora: {
      rank: config.rank,
      alpha: d.alpha,
      scaling: config.scaling,
      targets: config.targets === 'all' ? LM_MODULES : ATTENTION_MODULES,
      seed: config.seed,
    },
  });
}

/**
 * One fine-tuning run, as a generator: a chunk of training losses every
 * {@link CHUNK_STEPS} steps, then the result (scores before and after, the
 * update's spectra, the checkpoint files). Pure and deterministic: the
 * worker, the build and the tests run the same code, and the same config
 * gives the same bits.
 */
export function* lmRun(base: LmWeights, config: LmRunConfig): Generator<LmRunMessage, void, void> {
  const task = lmTask(config);
  const before = scoreOf(base, task, null);
  const trainer = lmTrainer(base, config, task);
  for (let done = 0; done < config.steps;) {
    const n = Math.min(CHUNK_STEPS, config.steps - done);
    const h = trainer.run(n);
    yield { kind: 'chunk', firstStep: h.firstStep, loss: h.loss };
    done += n;
  }
  const after = scoreOf(trainer.weights, task, trainer.adapters);
  const updates = updateSpectra(base, trainer);
  const lora = trainer.mode === 'lora';
  const files = lora ? saveLmAdapters(trainer.adapters!) : saveLm(trainer.weights);
  const trainable = lora
    ? updates.reduce((sum, u) => {
        const [rows, cols] = moduleShape(base.config, u.module);
        return sum + config.rank * (rows + cols);
      }, 0)
    : parameterCount(base.config);
  yield {
    kind: 'result',
    result: {
      config,
      trainable,
      scores: {
        taskLossBefore: before.loss,
        taskLossAfter: after.loss,
        corpusLossBefore: before.corpus,
        corpusLossAfter: after.corpus,
        worldBefore: before.world,
        worldAfter: after.world,
        ...(task.kind === 'style'
          ? { pirateBefore: before.measure, pirateAfter: after.measure }
          : { recallBefore: before.measure, recallAfter: after.measure }),
      },
      updates,
      files: {
        model: files.model,
        config: files.config,
        modelName: lora ? 'adapter_model.safetensors' : 'model.safetensors',
        configName: lora ? 'adapter_config.json' : 'config.json',
      },
    },
  };
}
