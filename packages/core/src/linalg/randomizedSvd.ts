import { assertFinite } from './assertFinite.ts';
import { type Matrix, matrix } from './matrix.ts';
import { orthonormalize } from './orthonormalize.ts';
import { RandomState } from '../random/RandomState.ts';
import { arena } from '../kernels/arena.ts';
import { residentMatrix } from '../kernels/residentMatrix.ts';
import { svd } from './svd.ts';

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** How many of the largest singular values to return, a positive integer. */
  rank: number;
  /** Extra random directions beyond `rank` (default 10, HMT's recommendation p = 5–10). */
  oversample?: number;
  /**
   * A fixed number q of power (subspace) iterations, each a product with Aᵀ
   * and one with A, re-orthonormalized. Accuracy of σ_j improves like
   * (σ_{l+1}/σ_j)^(2q+1). When given (and `tolerance` is not), exactly q
   * iterations run, as in earlier versions; by default the iterations stop
   * by themselves (see `tolerance`).
   */
  powerIterations?: number;
  /**
   * Relative accuracy wanted for the returned values (default 1e-6): the
   * iterations stop when every value's estimated relative error is below it,
   * or when no value changed by more than it (relative) in the last
   * iteration, or after `maxIterations`.
   */
  tolerance?: number;
  /** The most power iterations the adaptive mode runs (default 12; `powerIterations` when both are given). */
  maxIterations?: number;
  /**
   * Precision of the power iterations' products (default `'float64'`).
   * `'float32'` runs them on the single-precision kernels (about twice as
   * fast, half the memory for the resident copy of A): right for data stored
   * as float32, float16 or bfloat16, whose entries carry at most 24
   * significant bits anyway. The final projection (Aᵀ·Q, whose small
   * factor gives the values) is in float64, so the values keep float64
   * accuracy up to what the float32 subspace captures: σ_j to about 1e-7
   * relative for σ_j ≳ 1e-3·σ₁, less (down to noise) for values near
   * 1e-7·σ₁ and below, whose directions float32 rounding blurs. The error
   * estimates report it: they come from float32 residuals (no float64
   * product to estimate them) and resolve errors down to about
   * 1e-7·σ₁/σ_j. When the run stops at `maxIterations` (or after a fixed
   * `powerIterations`), the last projection is done in float64 only and the
   * residuals are those of its values; when the estimates stop it earlier,
   * that iteration's float32 projection is followed by a float64 one and
   * the estimates add how far the float64 values fell below the float32
   * ones ({@link polishedErrors}).
   */
  precision?: 'float64' | 'float32';
  /** Seed of the Gaussian test matrix (a RandomState seed, default 0), or a RandomState to draw from. */
  seed?: number | RandomState;
}

/** What {@link randomizedSvd} returns. */
export interface RandomizedSvdResult {
  /** The top `min(rank, m, n)` singular values, descending. */
  s: Float64Array;
  /**
   * Estimated relative error of each value, |σ_j(A) − s_j| / s_j (0 when the
   * values come from a full SVD). From the residual r_j = A·v_j − s_j·u_j of
   * each Ritz pair: the smaller of ‖r_j‖/s_j (Weyl: some singular value of
   * A lies that close) and ‖r_j‖²/(2·gap_j), gap_j the distance of s_j² to
   * the neighbouring Ritz values squared (Kato–Temple, the sharper estimate
   * once s_j is separated). s_j never exceeds σ_j(A) (it is a projection),
   * so the true value lies in [s_j, s_j·(1 + errors_j)] when the estimate
   * holds. An estimate, not a guarantee: clusters of equal values and
   * neighbours beyond the computed ones are judged from the Ritz values.
   * Never below the rounding level over s_j (`10·√max(m, n)·2^-52·s_0 / s_j`).
   */
  errors: Float64Array;
  /**
   * The largest of `errors` over the values above the rounding level
   * (`10·√max(m, n)·2^-52·s_0`; smaller ones are numerically zero and their
   * relative error is meaningless): what to print as "σ accurate to x %".
   */
  accuracy: number;
  /** Power iterations done (0 for a full SVD). */
  iterations: number;
  /** Whether every estimated error is within `tolerance` (always true for a full SVD). */
  converged: boolean;
}

/**
 * A product the subspace iteration asks for: `A·x` (`op: 'A'`, x `cols × l`)
 * or `Aᵀ·x` (`op: 'At'`, x `rows × l`), row-major, in double or single
 * precision. @internal
 */
export interface ProductRequest {
  op: 'A' | 'At';
  x: Float64Array;
  l: number;
  single: boolean;
}

/** Resolved options. @internal */
export interface SubspaceSettings {
  rows: number;
  cols: number;
  l: number;
  keep: number;
  fixed: number | undefined;
  tolerance: number;
  maxIterations: number;
  single: boolean;
  omegaT: Float64Array;
}

const EPS = 2 ** -52;

/**
 * The largest singular values of a matrix by randomized subspace iteration
 * (Halko, Martinsson & Tropp 2011, "Finding structure with randomness",
 * Algorithms 4.3–4.4), with the accuracy it reached.
 *
 * Draws an `n × l` Gaussian Ω (l = rank + oversample), `Q = orth(A·Ω)`, then
 * repeats `Z = Aᵀ·Q = Q_z·R` (the singular values of R are those of QᵀA,
 * the current estimates) and `Q = orth(A·Q_z)`. The product A·Q_z also gives
 * each estimate's residual, hence an error estimate per value, and the
 * iterations stop once the estimates are within `tolerance` (or the values
 * stop moving). Orthonormalization is shifted CholeskyQR3 on the product
 * kernels. Cost O(m·n·l) per product, 2q + 3 products for q iterations (in float32, the
 * last projection in float64; one more, in float64, when the estimates stop the run before the cap).
 *
 * The values are lower bounds of the true ones and are not the whole
 * spectrum: compute `‖A‖_F` separately (`frobeniusNorm`) for exact energy
 * shares. When `l ≥ min(m, n)` the answer is the exact SVD's (errors 0).
 *
 * @param a An `m × n` matrix, not modified.
 * @param options `{ rank, oversample = 10, tolerance = 1e-6, maxIterations = 12,
 *   powerIterations, precision = 'float64', seed = 0 }`. The test matrix is
 *   drawn as `Ωᵀ = RandomState(seed).randn(l, n)`.
 * @returns `{ s, errors, accuracy, iterations, converged }`.
 * @throws RangeError for a bad option or a NaN or infinite entry of A.
 * @example
 * const a = lowRankUpdate({ d: 500, k: 400, trueRank: 20, noise: 0.01, rng: new RandomState(1) });
 * const { s, accuracy } = randomizedSvd(a, { rank: 8 });
 * s; // ≈ svd(a, { vectors: false }).s.slice(0, 8)
 * accuracy; // ≤ 1e-6: "σ accurate to 1e-4 %"
 */
export function randomizedSvd(a: Matrix, options: RandomizedSvdOptions): RandomizedSvdResult {
  const settings = subspaceSettings(a.rows, a.cols, options);
  assertFinite('randomizedSvd', a);
  if (settings.l === Math.min(a.rows, a.cols)) return exactResult(a, settings.keep);
  const resident = residentMatrix(a.data, a.rows, a.cols, settings.single);
  try {
    const ws = threadWorkspace;
    const steps = subspaceIteration(settings, ws);
    let next = steps.next();
    while (!next.done) {
      const { op, x, l, single } = next.value;
      const out = ws(op, (op === 'A' ? a.rows : a.cols) * l);
      next = steps.next(op === 'A' ? resident.times(x, l, single, out) : resident.transposeTimes(x, l, single, out));
    }
    return next.value;
  } finally {
    resident.release();
  }
}

/**
 * Buffers one subspace iteration at a time reuses, by name, grown as needed
 * and kept for the next call: fresh m × l arrays per step cost their first
 * touch every time (on the project's VMs, ~3 ms per MB: 0.1–0.2 s per
 * matrix of a checkpoint pair). Give each concurrent user its own. @internal
 */
export type SubspaceWorkspace = (name: 'omega' | 'q' | 'z' | 'A' | 'At', length: number) => Float64Array;

/** A new {@link SubspaceWorkspace}. @internal */
export function subspaceWorkspace(): SubspaceWorkspace {
  const buffers: Partial<Record<string, Float64Array>> = {};
  return (name, length) => {
    let b = buffers[name];
    if (b === undefined || b.length < length) b = buffers[name] = new Float64Array(length);
    return b.length === length ? b : b.subarray(0, length);
  };
}

/** The workspace of {@link randomizedSvd}, which runs to the end synchronously: one call at a time. */
const threadWorkspace = subspaceWorkspace();

/** The full SVD's top values, when the sketch would be as large as the matrix. @internal */
export function exactResult(a: Matrix, keep: number): RandomizedSvdResult {
  return { s: svd(a, { vectors: false }).s.slice(0, keep), errors: new Float64Array(keep), accuracy: 0, iterations: 0, converged: true };
}

/** Validates the options and draws Ωᵀ. @internal */
export function subspaceSettings(rows: number, cols: number, options: RandomizedSvdOptions): SubspaceSettings {
  const { rank, oversample = 10, powerIterations, seed = 0, precision = 'float64' } = options;
  if (!Number.isInteger(rank) || rank < 1) {
    throw new RangeError(`randomizedSvd: rank must be a positive integer; received ${String(rank)}`);
  }
  if (!Number.isInteger(oversample) || oversample < 0) {
    throw new RangeError(`randomizedSvd: oversample must be a non-negative integer; received ${String(oversample)}`);
  }
  if (powerIterations !== undefined && (!Number.isInteger(powerIterations) || powerIterations < 0)) {
    throw new RangeError(`randomizedSvd: powerIterations must be a non-negative integer; received ${String(powerIterations)}`);
  }
  const tolerance = options.tolerance ?? 1e-6;
  if (!(tolerance > 0 && tolerance < 1)) {
    throw new RangeError(`randomizedSvd: tolerance must be in (0, 1); received ${String(options.tolerance)}`);
  }
  const maxIterations = options.maxIterations ?? powerIterations ?? 12;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`randomizedSvd: maxIterations must be a non-negative integer; received ${String(options.maxIterations)}`);
  }
  if (precision !== 'float64' && precision !== 'float32') {
    throw new RangeError(`randomizedSvd: precision must be 'float64' or 'float32'; received ${String(precision)}`);
  }
  const p = Math.min(rows, cols);
  const l = Math.min(rank + oversample, p);
  const fixed = powerIterations !== undefined && options.tolerance === undefined ? powerIterations : undefined;
  const rng = seed instanceof RandomState ? seed : new RandomState(seed);
  const omegaT = l === p ? new Float64Array(0) : rng.randn(l, cols).data;
  return { rows, cols, l, keep: Math.min(rank, p), fixed, tolerance, maxIterations, single: precision === 'float32', omegaT };
}

/**
 * The subspace iteration as a generator of products, so that the same
 * steps run on a matrix in this thread (`randomizedSvd`) or spread over
 * workers that each hold a block of rows (`createKernelPool`). @internal
 */
export function* subspaceIteration(
  s: SubspaceSettings,
  ws: SubspaceWorkspace = subspaceWorkspace(),
): Generator<ProductRequest, RandomizedSvdResult, Float64Array> {
  const { rows: m, cols: n, l, keep } = s;
  // Buffers: Q (m × l) lives through an iteration and is overwritten by the
  // next one's; Q_z (n × l) only until its product comes back; a product's
  // result is consumed before the next product of its kind is asked for
  // (the caller may write results into ws('A' | 'At', …)).
  const qBuf = ws('q', m * l);
  const zBuf = ws('z', n * l);
  // Ω (n × l) from its transpose, drawn l × n.
  const omega = ws('omega', n * l);
  for (let t = 0; t < l; t++) for (let j = 0; j < n; j++) omega[j * l + t] = s.omegaT[t * n + j];
  const q = orthonormalize(yield { op: 'A', x: omega, l, single: s.single }, m, l, qBuf).q;
  let previous: Float64Array | undefined;
  const single = s.single;
  for (let iteration = 0; ; iteration++) {
    // The iteration that ends the run whatever its estimates say (the cap, or a fixed count's last).
    const capped = s.fixed !== undefined ? iteration >= s.fixed : iteration >= s.maxIterations;
    // In float32 its projection is asked for in float64 at once: its values are the answer, and
    // projecting in float32 first would cost one product more (a tenth of a capped run).
    const z = orthonormalize(yield { op: 'At', x: q, l, single: single && !capped }, n, l, zBuf);
    const ritz = svd(matrix(l, l, z.r)); // R = U_R·Σ·V_Rᵀ: QᵀA = Zᵀ = V_R·Σ·(Q_z·U_R)ᵀ
    const values = ritz.s;
    const y = yield { op: 'A', x: z.q, l, single }; // A·Q_z
    // With a fixed number of iterations only the last one's estimates are used: skip the others'.
    const estimate = s.fixed === undefined || capped;
    const errors = estimate
      ? errorEstimates(y, q, ritz.u.data, ritz.vt.data, values, m, l, keep, roundingLevel(values[0], m, n))
      : undefined;

    let change = Infinity;
    if (previous !== undefined) {
      change = 0;
      for (let j = 0; j < keep; j++)
        if (!negligible(values, j, m, n)) change = Math.max(change, Math.abs(values[j] - previous[j]) / values[j]);
    }
    let converged = errors !== undefined;
    for (let j = 0; j < keep && converged; j++) if (!(errors![j] <= s.tolerance) && !negligible(values, j, m, n)) converged = false;
    const done = capped || (s.fixed === undefined && (converged || change <= s.tolerance));
    if (done) {
      if (single && !capped) {
        // The values from the last subspace projected in double precision, QᵀA = (Aᵀ·Q)ᵀ in float64.
        // Their errors come from this iteration's float32 residuals (see polishedErrors), not from a
        // second float64 product A·Q_z, which cost as much as four float32 ones (a sixth of the whole).
        const z64 = orthonormalize(yield { op: 'At', x: q, l, single: false }, n, l, zBuf);
        const values64 = svd(matrix(l, l, z64.r), { vectors: false }).s;
        return result(
          values64,
          polishedErrors(errors!, values, values64, keep, roundingLevel(values64[0], m, n)),
          keep,
          iteration,
          s.tolerance,
          m,
          n,
        );
      }
      return result(values, errors!, keep, iteration, s.tolerance, m, n);
    }
    previous = values;
    orthonormalize(y, m, l, qBuf); // the next Q, over the last (no longer needed)
  }
}

/**
 * The estimated relative errors of the float64 values `s64` of the last
 * subspace, from the float32 estimates `errors32` of its float32 values
 * `s32` (the same Q, the projection done in float32). The residual estimate
 * says some σ(A) lies within errors32_j·s32_j of s32_j; s64_j is the exact
 * projection's value, a lower bound of σ_j up to float64 rounding, so
 * σ_j − s64_j ≤ errors32_j·s32_j + (s32_j − s64_j). Never below
 * `floor / s64_j` ({@link roundingLevel}). The float32 residuals resolve
 * errors down to about 1e-7·σ₁/s_j (their rounding), far below the
 * tolerances the float32 mode is for. @internal
 */
export function polishedErrors(errors32: Float64Array, s32: Float64Array, s64: Float64Array, keep: number, floor: number): Float64Array {
  const errors = new Float64Array(keep);
  for (let j = 0; j < keep; j++) {
    const sj = s64[j];
    const bound = errors32[j] * s32[j] + Math.max(0, s32[j] - sj);
    if (sj === 0) errors[j] = bound === 0 ? 0 : Infinity;
    else errors[j] = Math.max(bound / sj, floor / sj);
  }
  return errors;
}

function result(
  values: Float64Array,
  errors: Float64Array,
  keep: number,
  iterations: number,
  tolerance: number,
  m: number,
  n: number,
): RandomizedSvdResult {
  let accuracy = 0;
  for (let j = 0; j < keep; j++) if (!negligible(values, j, m, n)) accuracy = Math.max(accuracy, errors[j]);
  return { s: values.slice(0, keep), errors, accuracy, iterations, converged: accuracy <= tolerance };
}

/**
 * The rounding level of the values of an m × n matrix whose largest value is
 * `s0`: 10·√max(m, n)·ε·s0, what the products and the small SVD may err by,
 * absolute (and what two correct computations, a randomized and a full SVD,
 * were seen to differ by: up to ~100·ε·s0 at 300 × 220). @internal
 */
export function roundingLevel(s0: number, m: number, n: number): number {
  return 10 * Math.sqrt(Math.max(m, n)) * EPS * s0;
}

/** A value at the rounding level of the largest one: its relative error is meaningless. */
function negligible(values: Float64Array, j: number, m: number, n: number): boolean {
  return values[j] <= roundingLevel(values[0], m, n);
}

/**
 * Relative error estimates of the first `keep` Ritz values from the
 * residuals r_j = A·v_j − σ_j·u_j, with A·v_j = (A·Q_z)·U_R[:, j] and
 * u_j = Q·V_R[:, j] (see {@link RandomizedSvdResult.errors}).
 */
function errorEstimates(
  aqz: Float64Array,
  q: Float64Array,
  uR: Float64Array,
  vtR: Float64Array,
  values: Float64Array,
  m: number,
  l: number,
  keep: number,
  floor: number,
): Float64Array {
  // One workspace (in the kernels' memory: no fresh m × keep arrays per
  // iteration): A·Q_z and Q (m × l each), U_R[:, 0:keep] and V_R[:, 0:keep]
  // (l × keep each), then A·v_j and u_j (m × keep each).
  const AQZ = 0;
  const Q = m * l;
  const UC = 2 * m * l;
  const VC = UC + l * keep;
  const AV = VC + l * keep;
  const UU = AV + m * keep;
  const ar = arena(UU + m * keep);
  const F = ar.data;
  try {
    F.set(aqz.subarray(0, m * l), AQZ);
    F.set(q.subarray(0, m * l), Q);
    for (let i = 0; i < l; i++) {
      for (let j = 0; j < keep; j++) {
        F[UC + i * keep + j] = uR[i * l + j];
        F[VC + i * keep + j] = vtR[j * l + i];
      }
    }
    ar.gemm(m, keep, l, AQZ, l, 1, UC, keep, 1, AV, keep);
    ar.gemm(m, keep, l, Q, l, 1, VC, keep, 1, UU, keep);
    return residualErrors(F.subarray(AV, AV + m * keep), F.subarray(UU, UU + m * keep), values, m, l, keep, floor);
  } finally {
    ar.release();
  }
}

/** The estimates from A·v_j (`av`) and u_j (`u`), m × keep each (see {@link errorEstimates}). */
function residualErrors(
  av: Float64Array,
  u: Float64Array,
  values: Float64Array,
  m: number,
  l: number,
  keep: number,
  floor: number,
): Float64Array {
  const errors = new Float64Array(keep);
  for (let j = 0; j < keep; j++) {
    const sj = values[j];
    let rr = 0;
    for (let i = 0; i < m; i++) {
      const r = av[i * keep + j] - sj * u[i * keep + j];
      rr += r * r;
    }
    const rho = Math.sqrt(rr);
    if (sj === 0) {
      errors[j] = rho === 0 ? 0 : Infinity;
      continue;
    }
    let gap = Infinity;
    if (j > 0) gap = values[j - 1] ** 2 - sj ** 2;
    gap = j + 1 < l ? Math.min(gap, sj ** 2 - values[j + 1] ** 2) : 0;
    // Never below the rounding level (an estimate cannot resolve less).
    errors[j] = Math.max(Math.min(rho / sj, gap > 0 ? rr / (2 * gap) : Infinity), floor / sj);
  }
  return errors;
}
