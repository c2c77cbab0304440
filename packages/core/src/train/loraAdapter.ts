import { loraScale, type LoraScaling } from '../spectra/loraScale.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { RandomState } from '../random/RandomState.ts';

/**
 * How the down-projection `A` of a LoRA adapter is initialised:
 * - `'kaiming-uniform'`: PEFT's default (`init_lora_weights=True`),
 *   `kaiming_uniform_(A, a=√5)`, which for an `r × k` weight is uniform in
 *   ±1/√k (gain √(2/(1+5)) = 1/√3, bound √3·gain/√k). Variance 1/(3k),
 *   independent of the rank.
 * - `'gaussian'`: normal with mean 0 and standard deviation `initStd`,
 *   whose default 1/r is PEFT's `init_lora_weights="gaussian"`
 *   (`nn.init.normal_(A, std=1/r)`). That variance depends on the rank, so
 *   rsLoRA's argument (A of rank-independent variance) does not hold for it;
 *   pass `initStd: 1 / Math.sqrt(3 * k)` for a Gaussian with the uniform
 *   default's variance.
 */
export type LoraInit = 'kaiming-uniform' | 'gaussian';

/** Options of {@link loraAdapter}. */
export interface LoraAdapterOptions {
  /** Output dimension (rows of the frozen layer), a positive integer. */
  d: number;
  /** Input dimension (columns of the frozen layer), a positive integer. */
  k: number;
  /** Adapter rank, an integer in 1..min(d, k). */
  rank: number;
  /** `lora_alpha`, a finite number > 0. */
  alpha: number;
  /** `'standard'` (gamma = alpha/r, default) or `'rslora'` (alpha/√r). */
  scaling?: LoraScaling;
  /** Initialisation of A, default `'kaiming-uniform'`. */
  init?: LoraInit;
  /** Standard deviation for `init: 'gaussian'`; default 1/r as in PEFT. */
  initStd?: number;
  /** Seed of the random stream that draws A, an integer in 0..2^32 − 1. */
  seed: number;
}

/**
 * A LoRA adapter `Delta = gamma · B · A` with `B` `d × r` and `A` `r × k`,
 * both row-major. `y = (W0 + Delta)·x` for a frozen `d × k` layer `W0`.
 */
export interface LoraAdapter {
  /** Down-projection, `r × k`. */
  a: Matrix;
  /** Up-projection, `d × r`. */
  b: Matrix;
  /** The scale factor gamma = alpha/r or alpha/√r. */
  gamma: number;
  /** The rank r. */
  rank: number;
}

/** Throws a RangeError unless `rank` is an integer in 1..min(d, k). @internal */
export function assertRank(fn: string, rank: number, d: number, k: number): void {
  const max = Math.min(d, k);
  if (!Number.isInteger(rank) || rank < 1 || rank > max) {
    throw new RangeError(`${fn}: rank must be an integer in 1..min(d, k) = 1..${max}; received ${String(rank)}`);
  }
}

/** Throws a RangeError unless `x` is a finite number > 0. @internal */
export function assertPositive(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || !(x > 0 && x < Infinity)) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0; received ${String(x)}`);
  }
}

/**
 * A freshly initialised LoRA adapter as PEFT creates it: `B = 0` (so
 * `Delta = 0` at the start) and `A` random, drawn from
 * `new RandomState(seed)` as its first `r·k` values in row-major order
 * (`uniform(−1/√k, 1/√k, r·k)`, or `initStd · randn(r, k)`). Row l of A
 * depends only on the seed, not on r, so with one seed the adapter of rank
 * r uses the first r rows of the adapter of any larger rank.
 *
 * @throws RangeError for a rank outside 1..min(d, k), a non-positive or
 *   non-finite alpha or initStd, an unknown init or scaling, or a bad seed.
 * @example
 * const { a, b, gamma } = loraAdapter({ d: 64, k: 32, rank: 8, alpha: 16, seed: 0 });
 * gamma; // 2 = 16 / 8
 * [a.rows, a.cols, b.rows, b.cols]; // [8, 32, 64, 8]
 */
export function loraAdapter({
  d,
  k,
  rank,
  alpha,
  scaling = 'standard',
  init = 'kaiming-uniform',
  initStd,
  seed,
}: LoraAdapterOptions): LoraAdapter {
  const fn = 'loraAdapter';
  assertRank(fn, rank, d, k);
  assertPositive(fn, 'alpha', alpha);
  const gamma = loraScale(alpha, rank, scaling);
  const rng = new RandomState(seed);
  let a: Matrix;
  if (init === 'kaiming-uniform') {
    const bound = 1 / Math.sqrt(k);
    a = matrix(rank, k, rng.uniform(-bound, bound, rank * k));
  } else if (init === 'gaussian') {
    const std = initStd ?? 1 / rank;
    assertPositive(fn, 'initStd', std);
    a = rng.randn(rank, k);
    for (let i = 0; i < a.data.length; i++) a.data[i] *= std;
  } else {
    throw new RangeError(`${fn}: init must be 'kaiming-uniform' or 'gaussian'; received ${String(init)}`);
  }
  return { a, b: matrix(d, rank), gamma, rank };
}
