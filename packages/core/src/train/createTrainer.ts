import { type Optimizer, type OptimizerConfig, createOptimizer, resolveOptimizer } from './createOptimizer.ts';
import { norm2 } from '../linalg/frobeniusNorm.ts';
import { type LoraAdapter, type LoraAdapterOptions, assertRank, loraAdapter } from './loraAdapter.ts';
import { SMALL_PRODUCT, gemmNT } from '../linalg/gemmNT.ts';
import { gemm } from '../kernels/gemm.ts';
import { transpose } from '../linalg/transpose.ts';
import { GramKernel } from './gramKernel.ts';
import { GradientKernel, type TrainTask, loraOutputs, taskOutputDim } from './loraGradients.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { RandomState } from '../random/RandomState.ts';

/**
 * Configuration of {@link createTrainer}: the adapter's options (rank,
 * alpha, scaling, init, initStd, seed; d and k come from the task) and the
 * training's.
 */
export interface TrainerConfig extends Omit<LoraAdapterOptions, 'd' | 'k'> {
  /** What to fit: {@link regressionTask} or {@link retrievalTask}. */
  task: TrainTask;
  /** The optimizer and its learning rate(s). */
  optimizer: OptimizerConfig;
  /** Rows per step, 1..n; default n (full batch). */
  batchSize?: number;
  /**
   * Start from these factors instead of drawing them (copied; its rank
   * must equal `rank`, its gamma is recomputed from alpha and scaling).
   */
  initial?: Pick<LoraAdapter, 'a' | 'b'>;
}

/** What one training step measured. */
export interface StepMetrics {
  /** The step's number, 1 for the first step. */
  step: number;
  /** The batch loss at the parameters before this step's update. */
  loss: number;
  /** ‖∂L/∂A‖_F of that batch. */
  gradNormA: number;
  /** ‖∂L/∂B‖_F of that batch. */
  gradNormB: number;
  /** ‖gamma·B·A‖_F after the update. */
  deltaNorm: number;
}

/**
 * The metrics of consecutive steps as parallel arrays (entry s is step
 * `firstStep + s`), cheap to transfer from a Web Worker
 * (`postMessage(h, [h.loss.buffer, ...])`).
 */
export interface TrainHistory {
  /** Number of the first step in the arrays. */
  firstStep: number;
  /** Batch loss before each step's update (see {@link StepMetrics}). */
  loss: Float64Array;
  /** ‖∂L/∂A‖_F of each step's batch. */
  gradNormA: Float64Array;
  /** ‖∂L/∂B‖_F of each step's batch. */
  gradNormB: Float64Array;
  /** ‖gamma·B·A‖_F after each step. */
  deltaNorm: Float64Array;
}

/** A LoRA adapter being trained one step at a time (see {@link createTrainer}). */
export interface Trainer {
  /** The scale factor gamma. */
  readonly gamma: number;
  /** The rank r. */
  readonly rank: number;
  /** Steps taken so far. */
  readonly stepCount: number;
  /** The current factors, live: read them, do not modify them. */
  readonly adapter: LoraAdapter;
  /** One optimizer step on the next batch. */
  step(): StepMetrics;
  /** `nSteps` steps (an integer ≥ 0); their metrics. */
  run(nSteps: number): TrainHistory;
  /** The loss on all n rows at the current parameters (no step taken). */
  loss(): number;
  /** The current update `gamma·B·A`, `d × k` (formed on request). */
  delta(): Matrix;
  /** The update's outputs `gamma·B·A·x_i` for the rows of `x` (`m × k`). */
  outputs(x: Matrix): Matrix;
}

/**
 * Creates a trainer of a LoRA adapter on a task: a step-by-step runner for a
 * Web Worker, which can stream metrics after each `run(n)` chunk and stop
 * between chunks (nothing runs in the background).
 *
 * Each step takes the next batch, computes the loss and the gradients of A
 * and B ({@link loraGradients}), then updates both with the optimizer (A
 * with `lr`, B with `lr·lrRatio`). Full batch uses all rows in order. With
 * `batchSize < n`, every epoch visits a fresh permutation of the rows in
 * consecutive batches (the last one smaller when batchSize does not divide
 * n, as PyTorch's DataLoader with `drop_last=False`). The permutation is a
 * Fisher–Yates shuffle from `new RandomState(task.shuffleSeed)`: for each
 * epoch, `u = randomSample(n − 1)`, start from 0..n−1, and for i = n−1 down
 * to 1 swap entries i and `floor(u[n−1−i]·(i+1))`. So the batch order
 * depends on the task, not on the adapter: every rank sees the same batches.
 *
 * Deterministic: the same config gives the same bits.
 *
 * @throws RangeError for a rank outside 1..min(d, k), a non-positive
 *   alpha, a bad optimizer setting (e.g. lr ≤ 0 or NaN), a batch size
 *   outside 1..n or initial factors of the wrong shape.
 * @example
 * const target = lowRankUpdate({ d: 64, k: 64, trueRank: 4, noise: 0, rng: new RandomState(0) });
 * const task = regressionTask({ target, seed: 1 });
 * const trainer = createTrainer({ task, rank: 8, alpha: 8, scaling: 'rslora', seed: 2,
 *   optimizer: { type: 'adam', lr: 1e-2 } });
 * const first = trainer.run(50); // first.loss[0] is the loss at the start
 * trainer.loss(); // full-data loss after 50 steps
 */
export function createTrainer(config: TrainerConfig): Trainer {
  const fn = 'createTrainer';
  const { task, rank, alpha, scaling = 'standard', init, initStd, seed, optimizer, initial } = config;
  const d = taskOutputDim(task);
  const k = task.x.cols;
  const n = task.x.rows;
  assertRank(fn, rank, d, k);
  const opt = resolveOptimizer(fn, optimizer);
  const batchSize = config.batchSize ?? n;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new RangeError(`${fn}: batchSize must be an integer in 1..n = 1..${n}; received ${String(batchSize)}`);
  }
  const adapter = loraAdapter({ d, k, rank, alpha, scaling, init, initStd, seed });
  if (initial !== undefined) {
    const { a, b } = initial;
    if (a.rows !== rank || a.cols !== k || b.rows !== d || b.cols !== rank) {
      throw new RangeError(
        `${fn}: initial factors have the wrong shape; received A ${a.rows}×${a.cols} and B ${b.rows}×${b.cols}, expected ${rank}×${k} and ${d}×${rank}`,
      );
    }
    adapter.a.data.set(a.data);
    adapter.b.data.set(b.data);
  }
  const { a, b, gamma } = adapter;
  // Full-batch regression runs on the task's moments (cost independent of
  // n); mini-batches and the retrieval loss go row by row.
  const kernel = task.kind === 'regression' && batchSize === n ? new GramKernel(task, rank) : new GradientKernel(task, rank);
  const ga = new Float64Array(rank * k);
  const gb = new Float64Array(d * rank);
  const optim: Optimizer = createOptimizer(opt, [a.data.length, b.data.length]);
  const lrs = [opt.lr, opt.lr * opt.lrRatio];
  const shuffle = batchSize < n ? new RandomState(task.shuffleSeed) : null;
  const perm = new Int32Array(n);
  let cursor = n; // position in the current epoch's permutation
  let steps = 0;

  function nextBatch(): Int32Array | null {
    if (shuffle === null) return null;
    if (cursor >= n) {
      const u = shuffle.randomSample(n - 1);
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i >= 1; i--) {
        const j = Math.floor(u[n - 1 - i] * (i + 1));
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      cursor = 0;
    }
    const end = Math.min(cursor + batchSize, n);
    const rows = perm.subarray(cursor, end);
    cursor = end;
    return rows;
  }

  function step(): StepMetrics {
    const rows = nextBatch();
    const loss = kernel.compute(a.data, b.data, gamma, rows, ga, gb);
    const gradNormA = norm2(ga);
    const gradNormB = norm2(gb);
    optim.step([a.data, b.data], [ga, gb], lrs);
    steps++;
    return { step: steps, loss, gradNormA, gradNormB, deltaNorm: deltaNorm(adapter) };
  }

  return {
    gamma,
    rank,
    get stepCount() {
      return steps;
    },
    adapter,
    step,
    run(nSteps: number): TrainHistory {
      if (!Number.isInteger(nSteps) || nSteps < 0) {
        throw new RangeError(`Trainer.run: nSteps must be an integer >= 0; received ${String(nSteps)}`);
      }
      const h: TrainHistory = {
        firstStep: steps + 1,
        loss: new Float64Array(nSteps),
        gradNormA: new Float64Array(nSteps),
        gradNormB: new Float64Array(nSteps),
        deltaNorm: new Float64Array(nSteps),
      };
      for (let s = 0; s < nSteps; s++) {
        const m = step();
        h.loss[s] = m.loss;
        h.gradNormA[s] = m.gradNormA;
        h.gradNormB[s] = m.gradNormB;
        h.deltaNorm[s] = m.deltaNorm;
      }
      return h;
    },
    loss() {
      return kernel.compute(a.data, b.data, gamma, null, ga, gb, true);
    },
    delta() {
      const out = matrix(d, k);
      const A = a.data;
      const B = b.data;
      const D = out.data;
      for (let i = 0; i < d; i++) {
        for (let l = 0; l < rank; l++) {
          const c = gamma * B[i * rank + l];
          if (c === 0) continue;
          for (let j = 0; j < k; j++) D[i * k + j] += c * A[l * k + j];
        }
      }
      return out;
    },
    outputs(x: Matrix) {
      return loraOutputs(adapter, x);
    },
  };
}

/** The two r × r Gram matrices of {@link deltaNorm}, kept between calls (one per step of every run). */
let grams = new Float64Array(0);

/**
 * ‖gamma·B·A‖_F without forming B·A: ‖B·A‖_F² = Σ_lm (BᵀB)_lm·(A·Aᵀ)_lm,
 * r²·(d + k) work instead of d·r·k, both Gram matrices on the product
 * kernels (in plain loops this was the training lab's largest cost, more
 * than the gradients). Rounding can push a tiny true value below 0, hence
 * the clamp. @internal
 */
export function deltaNorm({ a, b, gamma, rank: r }: LoraAdapter): number {
  const k = a.cols;
  const d = b.rows;
  if (grams.length < 2 * r * r) grams = new Float64Array(2 * r * r);
  const btb = grams.subarray(0, r * r);
  const aat = grams.subarray(r * r, 2 * r * r);
  // BᵀB: B (d × r, row-major) read as its transpose on the left (row stride 1, column stride r).
  if (r * r * d >= SMALL_PRODUCT) gemm(r, r, d, b.data, 1, r, b.data, r, 1, btb, r, false);
  else {
    const bt = transpose(b).data;
    gemmNT(bt, bt, btb, r, r, d);
  }
  gemmNT(a.data, a.data, aat, r, r, k);
  let sum = 0;
  for (let i = 0; i < r * r; i++) sum += btb[i] * aat[i];
  return Math.abs(gamma) * Math.sqrt(Math.max(sum, 0));
}
