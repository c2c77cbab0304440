import { RandomState, loraScale, type LoraScaling, type Matrix } from '@lora-rank/core';
import { createTrainer, regressionTask, type OptimizerConfig, type Trainer } from '@lora-rank/core/train';
import { highRankUpdate, lowRankUpdate } from '@lora-rank/core/experiments';

/** What the training lab sweeps: one request from the page. */
export interface LabConfig {
  task: 'style' | 'facts' | 'rank';
  /** True rank of the target when `task` is 'rank'. */
  targetRank: number;
  d: number;
  k: number;
  /** Adapter ranks, each in 1..min(d, k). */
  ranks: number[];
  alpha: number;
  lrSgd: number;
  lrAdam: number;
  steps: number;
  seed: number;
  /** Which optimizers to run, in display order; default both. */
  optimizers?: LabOptimizer[];
  /** SGD momentum in [0, 1); default 0. */
  momentum?: number;
  /** AdamW's decoupled weight decay, ≥ 0; default 0. */
  weightDecay?: number;
  /** LoRA+ ratio: B learns at `ratio·lr`, A at `lr`; default 1. */
  lrRatio?: number;
  /** Rows per step, 1..n (n = 2k); default n (full batch). */
  batchSize?: number;
}

export type LabOptimizer = 'sgd' | 'adam';

/** One run of the sweep. */
export interface LabRun {
  rank: number;
  scaling: LoraScaling;
  optimizer: LabOptimizer;
  gamma: number;
}

/** New metrics of one run: steps `firstStep .. firstStep + loss.length − 1` (1-based). */
export interface LabChunk {
  run: number;
  firstStep: number;
  /** Batch loss before each step (the whole data set's with full batches). */
  loss: Float64Array;
  gradNormA: Float64Array;
  gradNormB: Float64Array;
  deltaNorm: Float64Array;
  /** Loss on all rows after the chunk's last step. */
  lossAfter: number;
  /** Loss on all rows before step 1 minus after it: only in the chunk that holds step 1. */
  firstDrop?: number;
}

export const SCALINGS: readonly LoraScaling[] = ['standard', 'rslora'];
export const OPTIMIZERS: readonly LabOptimizer[] = ['sgd', 'adam'];

/**
 * The target update of a lab config, drawn from `RandomState(seed)`: the
 * original experiment's style (true rank 4, noise 0.01) or facts (all
 * directions, noise 0.01) generators, or an exact rank-`targetRank` target.
 */
export function labTarget(config: Pick<LabConfig, 'task' | 'targetRank' | 'd' | 'k' | 'seed'>): Matrix {
  const { task, d, k } = config;
  const rng = new RandomState(config.seed);
  if (task === 'facts') return highRankUpdate({ d, k, noise: 0.01, rng });
  const trueRank = task === 'style' ? Math.min(4, d, k) : Math.min(config.targetRank, d, k);
  return lowRankUpdate({ d, k, trueRank, noise: task === 'style' ? 0.01 : 0, rng });
}

/** The optimizers a config runs, in display order (SGD, then Adam); both when none is named. */
export function labOptimizers(config: Pick<LabConfig, 'optimizers'>): LabOptimizer[] {
  const chosen = OPTIMIZERS.filter((o) => config.optimizers?.includes(o) ?? true);
  return chosen.length > 0 ? chosen : [...OPTIMIZERS];
}

/** The optimizer settings of one run of a config. */
export function labOptimizerConfig(config: LabConfig, optimizer: LabOptimizer): OptimizerConfig {
  const lrRatio = config.lrRatio ?? 1;
  return optimizer === 'sgd'
    ? { type: 'sgd', lr: config.lrSgd, lrRatio, momentum: config.momentum ?? 0 }
    : { type: 'adam', lr: config.lrAdam, lrRatio, weightDecay: config.weightDecay ?? 0 };
}

/** The runs of a sweep, in the order their chunks are produced. */
export function labRuns(config: Pick<LabConfig, 'ranks' | 'alpha' | 'optimizers'>): LabRun[] {
  const runs: LabRun[] = [];
  for (const optimizer of labOptimizers(config)) {
    for (const scaling of SCALINGS) {
      for (const rank of config.ranks) runs.push({ rank, scaling, optimizer, gamma: loraScale(config.alpha, rank, scaling) });
    }
  }
  return runs;
}

/**
 * Trains every run of the sweep: ranks × {α/r, α/√r} × the chosen
 * optimizers, all on the same regression task (same inputs, same target,
 * same batch order) and every adapter initialised from the same seed, so
 * that runs differ only in what the chart compares. Runs advance
 * round-robin, `chunk` steps at a time, and the generator yields after each
 * round: the worker streams the chunks, and can stop between rounds.
 *
 * The first step's effect and the loss after each chunk are measured on all
 * rows, so that with mini-batches they are not one batch's noise.
 */
export function* labSweep(config: LabConfig, chunk = 10): Generator<LabChunk[], void, void> {
  const target = labTarget(config);
  // The inputs come from a seed of their own, so changing the target kind keeps the inputs.
  const task = regressionTask({ target, seed: config.seed + 1 > 2 ** 32 - 1 ? 0 : config.seed + 1 });
  const runs = labRuns(config);
  const trainers: Trainer[] = runs.map((run) =>
    createTrainer({
      task,
      rank: run.rank,
      alpha: config.alpha,
      scaling: run.scaling,
      seed: config.seed,
      batchSize: config.batchSize,
      optimizer: labOptimizerConfig(config, run.optimizer),
    }),
  );
  const before = trainers.map((trainer) => trainer.loss());
  for (let done = 0; done < config.steps; done += chunk) {
    const n = Math.min(chunk, config.steps - done);
    yield trainers.map((trainer, run): LabChunk => {
      if (done === 0) {
        // Step 1 alone first, to measure its effect on the whole data set.
        const first = trainer.run(1);
        const firstDrop = before[run]! - trainer.loss();
        const rest = trainer.run(n - 1);
        const cat = (a: Float64Array, b: Float64Array) => {
          const out = new Float64Array(a.length + b.length);
          out.set(a);
          out.set(b, a.length);
          return out;
        };
        return {
          run,
          firstStep: 1,
          loss: cat(first.loss, rest.loss),
          gradNormA: cat(first.gradNormA, rest.gradNormA),
          gradNormB: cat(first.gradNormB, rest.gradNormB),
          deltaNorm: cat(first.deltaNorm, rest.deltaNorm),
          lossAfter: trainer.loss(),
          firstDrop,
        };
      }
      const h = trainer.run(n);
      return {
        run,
        firstStep: h.firstStep,
        loss: h.loss,
        gradNormA: h.gradNormA,
        gradNormB: h.gradNormB,
        deltaNorm: h.deltaNorm,
        lossAfter: trainer.loss(),
      };
    });
  }
}

/** Everything the lab has measured so far, accumulated from chunks (page side). */
export interface LabData {
  runs: LabRun[];
  loss: number[][];
  gradNormA: number[][];
  gradNormB: number[][];
  deltaNorm: number[][];
  /** Per run: loss on all rows before step 1 minus after it (NaN until known). */
  firstDrop: number[];
  /** Per run: loss on all rows after the latest step received (NaN until known). */
  lossAfter: number[];
  /** Per run: the step `lossAfter` belongs to. */
  lossAfterStep: number[];
  steps: number;
}

/** An empty accumulator for a config. */
export function emptyLabData(config: Pick<LabConfig, 'ranks' | 'alpha' | 'steps' | 'optimizers'>): LabData {
  const runs = labRuns(config);
  const empty = () => runs.map((): number[] => []);
  const unknown = () => runs.map(() => Number.NaN);
  return {
    runs,
    loss: empty(),
    gradNormA: empty(),
    gradNormB: empty(),
    deltaNorm: empty(),
    firstDrop: unknown(),
    lossAfter: unknown(),
    lossAfterStep: runs.map(() => 0),
    steps: config.steps,
  };
}

/** Appends chunks to the accumulator (in place) and returns it. */
export function addChunks(data: LabData, chunks: LabChunk[]): LabData {
  for (const c of chunks) {
    for (const key of ['loss', 'gradNormA', 'gradNormB', 'deltaNorm'] as const) {
      const into = data[key][c.run]!;
      for (let i = 0; i < c.loss.length; i++) into[c.firstStep - 1 + i] = c[key][i]!;
    }
    if (c.firstDrop !== undefined) data.firstDrop[c.run] = c.firstDrop;
    // Chunks may arrive out of order: keep the loss of the latest step.
    const last = c.firstStep + c.loss.length - 1;
    if (last >= data.lossAfterStep[c.run]!) {
      data.lossAfterStep[c.run] = last;
      data.lossAfter[c.run] = c.lossAfter;
    }
  }
  return data;
}

/** Runs a whole sweep synchronously (build time, tests). */
export function runLab(config: LabConfig): LabData {
  const data = emptyLabData(config);
  for (const chunks of labSweep(config, config.steps)) addChunks(data, chunks);
  return data;
}
