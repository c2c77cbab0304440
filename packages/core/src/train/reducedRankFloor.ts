import { reducedRankRegression } from './reducedRankRegression.ts';
import type { RegressionTask } from './regressionTask.ts';

/**
 * The lowest loss any update of rank ≤ r can reach on a regression task,
 * for every r = 0..min(d, k) at once: entry r of the result is
 * `min over rank(Delta) ≤ r of L(Delta)`, with the task's own loss
 * `L(Delta) = (1/(n·d)) Σ_i ‖Delta·x_i − y_i‖²` (see {@link regressionTask}).
 * Entry 0 is the loss at Delta = 0. No LoRA training run of rank r can end
 * below entry r, whatever its scale gamma, learning rate or optimizer
 * (without weight decay, a run that converges reaches it).
 *
 * Why (for y_i = T·x_i, Σ = xᵀx/n): `L(Delta) = (1/d)·‖(Delta − T)·Σ^{1/2}‖_F²`,
 * and as Delta ranges over rank-r matrices, `Delta·Σ^{1/2}` ranges over the
 * rank-≤r matrices whose rows lie in range(Σ), a set that contains the
 * Eckart–Young truncation of `T·Σ^{1/2}` (its rows lie in range(Σ) too); so
 * `floor(r) = (1/d)·Σ_{i>r} σ_i(T·Σ^{1/2})²`, which is the truncation of T
 * itself only when Σ = I. A singular Σ (n < k, collinear inputs) needs no
 * special case.
 *
 * Computed without forming Σ^{1/2}: `σ_i(T·Σ^{1/2}) = σ_i(x·Tᵀ)/√n`, the
 * singular values of the outputs (of their projection onto the column space
 * of x for general data, plus the unfittable residual), from
 * {@link reducedRankRegression}. Tails are summed from the smallest value
 * up, so small floors keep their relative accuracy; for a task built from a
 * target the full-rank floor is 0 up to rounding (~1e-16 of entry 0).
 *
 * @returns Float64Array of length `min(d, k) + 1`, non-increasing in r.
 * @example
 * const task = regressionTask({ target, seed: 1 }); // n = 2k Gaussian inputs
 * const floor = reducedRankFloor(task);
 * floor[16]; // lowest loss a rank-16 adapter can reach on this task
 */
export function reducedRankFloor(task: RegressionTask): Float64Array {
  const { x, y } = task;
  const n = x.rows;
  const d = y.cols;
  const maxRank = Math.min(d, x.cols);
  const { s, residual } = reducedRankRegression(x, y);
  const out = new Float64Array(maxRank + 1);
  const scale = 1 / (n * d);
  // tail[r] = Σ_{l ≥ r} s_l², accumulated from the smallest value.
  let tail = 0;
  for (let l = s.length - 1; l >= 0; l--) {
    tail += s[l] * s[l];
    if (l <= maxRank) out[l] = (residual + tail) * scale;
  }
  for (let r = s.length; r <= maxRank; r++) out[r] = residual * scale;
  return out;
}
