import {
  RandomState,
  createTrainer,
  highRankUpdate,
  loraScale,
  lowRankUpdate,
  regressionTask,
  type LoraScaling,
  type Matrix,
  type Trainer,
} from '@lora-rank/core';

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
  loss: Float64Array;
  gradNormA: Float64Array;
  gradNormB: Float64Array;
  deltaNorm: Float64Array;
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

/** The runs of a sweep, in the order their chunks are produced. */
export function labRuns(config: Pick<LabConfig, 'ranks' | 'alpha'>): LabRun[] {
  const runs: LabRun[] = [];
  for (const optimizer of OPTIMIZERS) {
    for (const scaling of SCALINGS) {
      for (const rank of config.ranks) runs.push({ rank, scaling, optimizer, gamma: loraScale(config.alpha, rank, scaling) });
    }
  }
  return runs;
}

/**
 * Trains every run of the sweep: ranks × {α/r, α/√r} × {SGD, Adam}, all on
 * the same regression task (same inputs, same target) and every adapter
 * initialised from the same seed, so that runs differ only in what the
 * chart compares. Runs advance round-robin, `chunk` steps at a time, and
 * the generator yields after each round: the worker streams the chunks, and
 * can stop between rounds.
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
      optimizer: run.optimizer === 'sgd' ? { type: 'sgd', lr: config.lrSgd } : { type: 'adam', lr: config.lrAdam },
    }),
  );
  for (let done = 0; done < config.steps; done += chunk) {
    const n = Math.min(chunk, config.steps - done);
    yield trainers.map((trainer, run) => {
      const h = trainer.run(n);
      return { run, firstStep: h.firstStep, loss: h.loss, gradNormA: h.gradNormA, gradNormB: h.gradNormB, deltaNorm: h.deltaNorm };
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
  steps: number;
}

/** An empty accumulator for a config. */
export function emptyLabData(config: Pick<LabConfig, 'ranks' | 'alpha' | 'steps'>): LabData {
  const runs = labRuns(config);
  return { runs, loss: runs.map(() => []), gradNormA: runs.map(() => []), gradNormB: runs.map(() => []), deltaNorm: runs.map(() => []), steps: config.steps };
}

/** Appends chunks to the accumulator (in place) and returns it. */
export function addChunks(data: LabData, chunks: LabChunk[]): LabData {
  for (const c of chunks) {
    for (const key of ['loss', 'gradNormA', 'gradNormB', 'deltaNorm'] as const) {
      const into = data[key][c.run]!;
      for (let i = 0; i < c.loss.length; i++) into[c.firstStep - 1 + i] = c[key][i]!;
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
