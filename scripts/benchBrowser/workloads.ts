// The kernel workloads of `npm run bench:browser`, shared by its Node side
// and its Chromium page (served with the types stripped), so both run the
// very same code on the very same matrices.

import { RandomState, matmul, randomizedSvd, type Matrix, type RandomizedSvdOptions } from '../../packages/core/src/index.ts';
import { gemm } from '../../packages/core/src/kernels/gemm.ts';
import {
  FINETUNE_DEFAULTS,
  createFinetuner,
  factsTask,
  initLm,
  pretrainConfig,
  pretrainWorld,
  styleTask,
} from '../../packages/core/src/lm/index.ts';

/** GEMM size: n × n times n × n. */
export const GEMM_N = 1024;

/** Randomized SVD: the top 64 of an RSVD_N × RSVD_N matrix. */
export const RSVD_N = 4096;

/** The core bench's fixed-iteration settings (`bench/kernelBench.ts`), so both benches can be read side by side. */
export const RSVD_FIXED: RandomizedSvdOptions = { rank: 64, powerIterations: 3 };

/** GFLOP/s of an n × n GEMM that took `ms`. */
export const gflops = (n: number, ms: number) => (2 * n ** 3) / ms / 1e6;

/** The GEMM operand: RandomState(n).randn(n, n), as doubles or floats. */
export function gemmOperand(n: number, single: boolean): Float64Array | Float32Array {
  const a = new RandomState(n).randn(n, n).data;
  return single ? Float32Array.from(a) : a;
}

/** C = A·B on this thread's kernels, for A `rows × n` and B `n × n` (row-major, both doubles or both floats). */
export function product(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  rows: number,
  n: number,
): Float64Array | Float32Array {
  const c = a instanceof Float32Array ? new Float32Array(rows * n) : new Float64Array(rows * n);
  gemm(rows, n, n, a, n, 1, b, n, 1, c, n, false);
  return c;
}

/** X·diag(0.97^j)·Y + noise, n × n: the fine-tune-like update of the core's kernel bench. */
export function decayingUpdate(n: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const k = 256;
  const x = rng.randn(n, k);
  const y = rng.randn(k, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x.data[i * k + j] *= 0.97 ** j / n;
  const a = matmul(x, y);
  const noise = rng.randn(n, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] += (1e-4 * noise.data[i]) / Math.sqrt(n);
  return a;
}

/** Milliseconds of one randomized SVD on this thread, with the accuracy it reached. */
export function timeRandomizedSvd(a: Matrix, options: RandomizedSvdOptions): { ms: number; accuracy: number; iterations: number } {
  const t0 = performance.now();
  const r = randomizedSvd(a, options);
  return { ms: performance.now() - t0, accuracy: r.accuracy, iterations: r.iterations };
}

/** What {@link timeFinetune} measured: milliseconds per step (median) and the run's extrapolated wall time. */
export interface FinetuneTiming {
  msPerStep: number;
  tokensPerSecond: number;
  /** Steps of the default run (FINETUNE_DEFAULTS) times the median step, in seconds. */
  runSeconds: number;
}

/**
 * The default fine-tuning run of `kind` (FINETUNE_DEFAULTS: its task, batch,
 * rank) in `mode` on this thread: 2 warm-up steps, then `steps` single steps
 * timed; the median step, extrapolated to the run's steps. The base is a
 * fresh model of the shipped shape (the time depends on the shape only).
 */
export function timeFinetune(kind: 'style' | 'facts', mode: 'lora' | 'full', steps: number): FinetuneTiming {
  const weights = initLm(pretrainConfig(), 0);
  const world = pretrainWorld();
  const d = FINETUNE_DEFAULTS[kind];
  const task =
    kind === 'style' ? styleTask(world, { people: FINETUNE_DEFAULTS.style.people }) : factsTask(world, { n: FINETUNE_DEFAULTS.facts.n });
  const trainer = createFinetuner({ weights, task, mode });
  trainer.run(2);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    trainer.step();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return { msPerStep: ms, tokensPerSecond: (1000 * d.batchSize * weights.config.context) / ms, runSeconds: (ms * d.steps) / 1000 };
}

/** The median of some timings. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[(s.length - 1) >> 1]!;
}
