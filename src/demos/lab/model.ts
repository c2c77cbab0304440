import { RandomState, frobeniusNorm, loraScale, matmul, type LoraScaling, type Matrix } from '@lora-rank/core';
import {
  createTrainer,
  firstStepLaw,
  reducedRankFloor,
  regressionTask,
  rsloraAsLoraPlus,
  type LoraAdapter,
  type OptimizerConfig,
  type RegressionTask,
  type Trainer,
  type TrainerConfig,
  type TrainHistory,
} from '@lora-rank/core/train';
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
  /** Adam's eps; default 1e-8 (PyTorch's). */
  adamEps?: number;
  /**
   * Also train, for each rank, the LoRA+ twin of the Adam α/√r run (α/r with
   * B's learning rate × √r, see {@link twinConfig}); default false. Runs only
   * with Adam and weight decay 0 (see {@link twinBlocker}).
   */
  twins?: boolean;
  /**
   * Measure the first-step laws ({@link labLaw}); default true. The page
   * passes false when it already holds the laws of the same {@link lawKey}
   * (they do not depend on the learning rates, steps or the other settings).
   */
  measureLaws?: boolean;
}

export type LabOptimizer = 'sgd' | 'adam';

/** One run of the sweep. */
export interface LabRun {
  rank: number;
  scaling: LoraScaling;
  optimizer: LabOptimizer;
  gamma: number;
  /**
   * A LoRA+ twin: the α/r Adam run with B's learning rate × √r that should
   * follow the α/√r Adam run of the same rank step for step.
   */
  twin?: boolean;
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
  /**
   * Twin runs only: after each step, ‖ΔW_twin − ΔW‖_F / ‖ΔW‖_F against the
   * α/√r Adam run of the same rank ({@link deltaGap}).
   */
  twinGap?: Float64Array;
}

/**
 * The first-step law of one (optimizer, scaling), measured at a probe
 * learning rate over several seeds of A ({@link labLaw}). Plain arrays, so it
 * travels from the build to the page as JSON.
 */
export interface LabLaw {
  optimizer: LabOptimizer;
  scaling: LoraScaling;
  ranks: number[];
  /** Seeds of A: the lab's seed and the next ones. */
  seeds: number[];
  /** The probe learning rate: the start rate halved until the step is linear in it. */
  probeLr: number;
  /** How far from linear the probe's drops are: max |q(η)/q(η/2) − 1| with q = drop/η. */
  linearity: number;
  /** `perSeed[s][i]`: loss drop of the first step ÷ probe rate, seed s, rank i (all rows). */
  perSeed: number[][];
  /** Mean and sample standard deviation over seeds, per rank. */
  mean: number[];
  sd: number[];
  /** Slope of log(drop) on log(r) fitted per seed from r = {@link LAW_FROM_RANK}: mean ± sd; and the slope of the mean curve. */
  slope: { mean: number; sd: number; ofMean: number; ranks: number[] };
  predictedSlope: number;
}

/** What one round of a sweep sends: the chunks of every run, and what was measured besides. */
export interface LabUpdate {
  chunks: LabChunk[];
  /** `floor[r]`: the lowest loss any rank-r update reaches on this task ({@link reducedRankFloor}). Sent once, first. */
  floor?: number[];
  /** First-step laws measured since the last update. */
  laws?: LabLaw[];
}

export const SCALINGS: readonly LoraScaling[] = ['standard', 'rslora'];
export const OPTIMIZERS: readonly LabOptimizer[] = ['sgd', 'adam'];

/** Seeds of A over which the first-step law is measured. */
export const LAW_SEEDS = 8;
/**
 * Smallest rank in the first-step slope fit. At rank r one seed's drop is a
 * sum of r independent terms (one per row of A), and the log of such a sum
 * is biased low by about CV²/(2r) (Jensen), most at r = 1: from r = 2 the
 * largest bias is halved (see `slopeOverSeeds` in the core).
 */
export const LAW_FROM_RANK = 2;
/**
 * Where the probe search starts (the lab's default training rates): fixed,
 * so the law does not move with the learning-rate sliders.
 */
export const LAW_START_LR: Record<LabOptimizer, number> = { sgd: 0.2, adam: 0.005 };

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
  if (optimizer === 'sgd') return { type: 'sgd', lr: config.lrSgd, lrRatio, momentum: config.momentum ?? 0 };
  const adam: OptimizerConfig = { type: 'adam', lr: config.lrAdam, lrRatio, weightDecay: config.weightDecay ?? 0 };
  return config.adamEps === undefined ? adam : { ...adam, eps: config.adamEps };
}

/**
 * Why a config cannot run the LoRA+ twins, or '' when it can: the
 * equivalence is Adam's (SGD's steps scale with the gradient) and needs no
 * weight decay (decoupled decay would shrink B and its √r-larger twin at
 * different rates).
 */
export function twinBlocker(config: Pick<LabConfig, 'optimizers' | 'weightDecay'>): string {
  if (!labOptimizers(config).includes('adam')) return 'The LoRA+ twin is an Adam run: turn Adam on to see it.';
  if ((config.weightDecay ?? 0) !== 0)
    return 'The LoRA+ twin needs AdamW weight decay 0: decay shrinks B and its √r-larger twin at different rates.';
  return '';
}

/** The runs of a sweep, in the order their chunks are produced; the LoRA+ twins, if any, last. */
export function labRuns(config: Pick<LabConfig, 'ranks' | 'alpha' | 'optimizers' | 'twins' | 'weightDecay'>): LabRun[] {
  const runs: LabRun[] = [];
  for (const optimizer of labOptimizers(config)) {
    for (const scaling of SCALINGS) {
      for (const rank of config.ranks) runs.push({ rank, scaling, optimizer, gamma: loraScale(config.alpha, rank, scaling) });
    }
  }
  if (config.twins && twinBlocker(config) === '') {
    for (const rank of config.ranks)
      runs.push({ rank, scaling: 'standard', optimizer: 'adam', gamma: loraScale(config.alpha, rank, 'standard'), twin: true });
  }
  return runs;
}

/** Index of the run a twin follows (Adam, α/√r, same rank), or −1 for a run that is not a twin. */
export function twinPartner(runs: readonly LabRun[], i: number): number {
  const run = runs[i]!;
  if (!run.twin) return -1;
  return runs.findIndex((r) => !r.twin && r.optimizer === 'adam' && r.scaling === 'rslora' && r.rank === run.rank);
}

/**
 * The regression task of a config: its target ({@link labTarget}) seen
 * through 2k Gaussian inputs from seed + 1, so that changing the target kind
 * keeps the inputs. Every run, the floor and the first-step laws use it.
 */
export function labTask(config: Pick<LabConfig, 'task' | 'targetRank' | 'd' | 'k' | 'seed'>): RegressionTask {
  return regressionTask({ target: labTarget(config), seed: config.seed + 1 > 2 ** 32 - 1 ? 0 : config.seed + 1 });
}

/** The trainer settings of one run (a twin's are derived from its α/√r partner's by `rsloraAsLoraPlus`). */
export function labTrainerConfig(config: LabConfig, task: RegressionTask, run: LabRun): TrainerConfig {
  const base: TrainerConfig = {
    task,
    rank: run.rank,
    alpha: config.alpha,
    scaling: run.twin ? 'rslora' : run.scaling,
    seed: config.seed,
    batchSize: config.batchSize,
    optimizer: labOptimizerConfig(config, run.optimizer),
  };
  return run.twin ? rsloraAsLoraPlus(base) : base;
}

/**
 * `‖ΔW_p − ΔW_q‖_F`, for two adapters of the same shape, without the
 * cancellation of subtracting two formed products: with X = γ_p·B_p − γ_q·B_q
 * and E = A_p − A_q (both formed entry by entry, so small differences keep
 * their relative accuracy), ΔW_p − ΔW_q = X·A_p + γ_q·B_q·E = [X, γ_q·B_q]·[A_p; E].
 * Cost: one d × 2r × k product.
 */
export function deltaGap(p: LoraAdapter, q: LoraAdapter): number {
  const r = p.rank;
  const d = p.b.rows;
  const k = p.a.cols;
  const left = new Float64Array(d * 2 * r);
  for (let i = 0; i < d; i++) {
    for (let l = 0; l < r; l++) {
      const bq = q.b.data[i * r + l]!;
      left[i * 2 * r + l] = p.gamma * p.b.data[i * r + l]! - q.gamma * bq;
      left[i * 2 * r + r + l] = q.gamma * bq;
    }
  }
  const right = new Float64Array(2 * r * k);
  right.set(p.a.data);
  for (let j = 0; j < r * k; j++) right[r * k + j] = p.a.data[j]! - q.a.data[j]!;
  return frobeniusNorm(matmul({ rows: d, cols: 2 * r, data: left }, { rows: 2 * r, cols: k, data: right }));
}

/**
 * What the first-step laws of a config depend on, as a string: two configs
 * with the same key have the same laws (the probe search starts from fixed
 * rates, {@link LAW_START_LR}, and uses the plain optimizers).
 */
export function lawKey(config: LabConfig): string {
  const { task, targetRank, d, k, seed, alpha, ranks, adamEps } = config;
  return JSON.stringify([task, task === 'rank' ? targetRank : 0, d, k, seed, alpha, ranks, adamEps ?? 1e-8, labOptimizers(config)]);
}

/** The lowest loss a rank-r update can reach on the lab's task, for r = 0..min(d, k) ({@link reducedRankFloor}). */
export function labFloor(task: RegressionTask): number[] {
  return Array.from(reducedRankFloor(task));
}

/** The seeds of A the first-step law uses: the lab's seed and the next ones (wrapping at 2³²). */
export function lawSeeds(seed: number, count = LAW_SEEDS): number[] {
  return Array.from({ length: count }, (_, i) => (seed + i) % 2 ** 32);
}

/**
 * The first-step law of one optimizer and scaling on the lab's task, as the
 * theory states it: the loss drop of one full-batch step from B = 0, at a
 * probe learning rate small enough that the drop is linear in it (the
 * first-order decrease), for each of the config's ranks and
 * {@link LAW_SEEDS} seeds of A, with the slope of log(drop) on log(r)
 * fitted per seed from r = {@link LAW_FROM_RANK} (`firstStepLaw` in the
 * core). The optimizer is the plain one (no momentum, decay or LoRA+ ratio,
 * none of which changes how the first step depends on rank), with the
 * config's Adam eps. Null with fewer than two ranks ≥ 2.
 */
export function labLaw(config: LabConfig, task: RegressionTask, optimizer: LabOptimizer, scaling: LoraScaling): LabLaw | null {
  if (config.ranks.filter((r) => r >= LAW_FROM_RANK).length < 2) return null;
  const start: OptimizerConfig =
    optimizer === 'sgd'
      ? { type: 'sgd', lr: LAW_START_LR.sgd }
      : { type: 'adam', lr: LAW_START_LR.adam, ...(config.adamEps === undefined ? {} : { eps: config.adamEps }) };
  const law = firstStepLaw({
    task,
    ranks: config.ranks,
    seeds: lawSeeds(config.seed),
    alpha: config.alpha,
    scaling,
    optimizer: start,
    fromRank: LAW_FROM_RANK,
  });
  const perSeed = law.drops.map((row) => Array.from(row, (drop) => drop / law.probeLr));
  const n = perSeed.length;
  const mean = law.ranks.map((_, i) => perSeed.reduce((a, row) => a + row[i]! / n, 0));
  const sd = law.ranks.map((_, i) => (n > 1 ? Math.sqrt(perSeed.reduce((a, row) => a + (row[i]! - mean[i]!) ** 2, 0) / (n - 1)) : 0));
  return {
    optimizer,
    scaling,
    ranks: law.ranks,
    seeds: law.seeds,
    probeLr: law.probeLr,
    linearity: law.linearity,
    perSeed,
    mean,
    sd,
    slope: { mean: law.slope.mean, sd: law.slope.sd, ofMean: law.slope.ofMean, ranks: law.slope.ranks },
    predictedSlope: law.predictedSlope,
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Two consecutive histories of one run as one. */
function joinHistories(a: TrainHistory, b: TrainHistory): TrainHistory {
  return {
    firstStep: a.firstStep,
    loss: concat(a.loss, b.loss),
    gradNormA: concat(a.gradNormA, b.gradNormA),
    gradNormB: concat(a.gradNormB, b.gradNormB),
    deltaNorm: concat(a.deltaNorm, b.deltaNorm),
  };
}

/** `n` steps of a run and of its twin in lockstep, with the relative ΔW gap after each step. */
function runPair(p: Trainer, q: Trainer, n: number): { p: TrainHistory; q: TrainHistory; gap: Float64Array } {
  let hp = p.run(0);
  let hq = q.run(0);
  const gap = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const sp = p.run(1);
    hp = joinHistories(hp, sp);
    hq = joinHistories(hq, q.run(1));
    const norm = sp.deltaNorm[0]!;
    gap[s] = norm > 0 ? deltaGap(p.adapter, q.adapter) / norm : 0;
  }
  return { p: hp, q: hq, gap };
}

/**
 * Trains every run of the sweep: ranks × {α/r, α/√r} × the chosen
 * optimizers (and the LoRA+ twins, if asked), all on the same regression
 * task (same inputs, same target, same batch order) and every adapter
 * initialised from the same seed, so that runs differ only in what the
 * chart compares. Runs advance round-robin, `chunk` steps at a time, and the
 * generator yields after each round: the worker streams the chunks, and can
 * stop between rounds. A twin advances in lockstep with its α/√r partner, so
 * their updates are compared after every step.
 *
 * Besides the runs: the first update carries the task's floor (the best
 * rank-r fit of its loss, cheap), and after each of the first rounds one
 * (optimizer, scaling)'s first-step law is measured (a few hundred ms each
 * at d = k = 64) and sent with the next update, so training starts at once.
 *
 * The first step's effect and the loss after each chunk are measured on all
 * rows, so that with mini-batches they are not one batch's noise.
 */
export function* labSweep(config: LabConfig, chunk = 10): Generator<LabUpdate, void, void> {
  const task = labTask(config);
  yield { chunks: [], floor: labFloor(task) };
  const runs = labRuns(config);
  const trainers: Trainer[] = runs.map((run) => createTrainer(labTrainerConfig(config, task, run)));
  const twinOf = runs.map((_, i) => runs.findIndex((__, j) => twinPartner(runs, j) === i));
  const lawsToDo = config.measureLaws === false ? [] : labOptimizers(config).flatMap((o) => SCALINGS.map((s) => [o, s] as const));
  let laws: LabLaw[] = [];
  const before = trainers.map((trainer) => trainer.loss());
  for (let done = 0; done < config.steps; done += chunk) {
    const n = Math.min(chunk, config.steps - done);
    const chunks: LabChunk[] = [];
    const emit = (run: number, h: TrainHistory, extra: Partial<LabChunk> = {}) => {
      chunks.push({
        run,
        firstStep: h.firstStep,
        loss: h.loss,
        gradNormA: h.gradNormA,
        gradNormB: h.gradNormB,
        deltaNorm: h.deltaNorm,
        lossAfter: trainers[run]!.loss(),
        ...extra,
      });
    };
    trainers.forEach((trainer, run) => {
      if (runs[run]!.twin) return; // advanced with its partner
      const t = twinOf[run]!;
      const partner = t < 0 ? null : trainers[t]!;
      const advance = (m: number): { p: TrainHistory; q: TrainHistory | null; gap: Float64Array | null } =>
        partner ? runPair(trainer, partner, m) : { p: trainer.run(m), q: null, gap: null };
      // Step 1 alone first, to measure its effect on the whole data set.
      let part = advance(done === 0 ? 1 : n);
      const firstDrop = done === 0 ? before[run]! - trainer.loss() : undefined;
      const twinDrop = done === 0 && partner ? before[t]! - partner.loss() : undefined;
      if (done === 0) {
        const rest = advance(n - 1);
        part = {
          p: joinHistories(part.p, rest.p),
          q: part.q && rest.q ? joinHistories(part.q, rest.q) : null,
          gap: part.gap && rest.gap ? concat(part.gap, rest.gap) : null,
        };
      }
      emit(run, part.p, firstDrop === undefined ? {} : { firstDrop });
      if (part.q && part.gap) emit(t, part.q, { twinGap: part.gap, ...(twinDrop === undefined ? {} : { firstDrop: twinDrop }) });
    });
    yield { chunks, laws: laws.length > 0 ? laws : undefined };
    laws = [];
    const next = lawsToDo.shift();
    if (next) {
      const law = labLaw(config, task, next[0], next[1]);
      if (law) laws.push(law);
    }
  }
  // Laws still to measure when the sweep had fewer rounds than laws.
  for (const [o, s] of lawsToDo) {
    const law = labLaw(config, task, o, s);
    if (law) laws.push(law);
  }
  if (laws.length > 0) yield { chunks: [], laws };
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
  /** Per run: the relative ΔW gap to its α/√r partner after each step (twins only; empty otherwise). */
  twinGap: number[][];
  /** `floor[r]` for r = 0..min(d, k), once known ({@link labFloor}). */
  floor: number[] | null;
  /** The first-step laws measured so far, in the lab's series order once complete. */
  laws: LabLaw[];
  steps: number;
}

/** An empty accumulator for a config. */
export function emptyLabData(config: Pick<LabConfig, 'ranks' | 'alpha' | 'steps' | 'optimizers' | 'twins' | 'weightDecay'>): LabData {
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
    twinGap: empty(),
    floor: null,
    laws: [],
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
    if (c.twinGap) {
      const into = data.twinGap[c.run]!;
      for (let i = 0; i < c.twinGap.length; i++) into[c.firstStep - 1 + i] = c.twinGap[i]!;
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

/** Adds one update of a sweep (its chunks, floor and laws) to the accumulator, in place, and returns it. */
export function addUpdate(data: LabData, update: LabUpdate): LabData {
  addChunks(data, update.chunks);
  if (update.floor) data.floor = update.floor;
  for (const law of update.laws ?? []) {
    data.laws = [...data.laws.filter((l) => l.optimizer !== law.optimizer || l.scaling !== law.scaling), law];
  }
  return data;
}

/** Runs a whole sweep synchronously (build time, tests). */
export function runLab(config: LabConfig): LabData {
  const data = emptyLabData(config);
  for (const update of labSweep(config, config.steps)) addUpdate(data, update);
  return data;
}
