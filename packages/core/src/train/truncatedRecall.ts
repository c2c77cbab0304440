import type { AssociationTask } from './associationTask.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { type RecallMeasures, recallMeasures } from './recallMeasures.ts';
import { svd } from '../linalg/svd.ts';

/**
 * The minimum-norm least-squares update `W* = argmin ‖W·Kᵀ − Vᵀ‖_F` for keys
 * `K` (`n × k`) and values `V` (`n × d`): `W* = Vᵀ·(Kᵀ)⁺`, `d × k`. When the
 * n keys are linearly independent (n ≤ k) it recalls every value exactly.
 * The pseudo-inverse comes from the SVD `K = U·diag(s)·Wᵀ`, dropping
 * singular values ≤ `max(n, k)·s_1·2^-52` (NumPy's `pinv`/`matrix_rank`
 * tolerance), as `W* = Vᵀ·U·diag(1/s)·Wᵀ`.
 *
 * @example
 * const w = leastSquaresUpdate(facts.keys, facts.values); // 64 × 64 for d = k = 64
 */
export function leastSquaresUpdate(keys: Matrix, values: Matrix): Matrix {
  if (keys.rows !== values.rows) {
    throw new RangeError(`leastSquaresUpdate: keys and values must have one row per key; received ${keys.rows} and ${values.rows} rows`);
  }
  const n = keys.rows;
  const k = keys.cols;
  const d = values.cols;
  const { u, s, vt } = svd(keys);
  const p = s.length;
  const tol = Math.max(n, k) * s[0] * 2 ** -52;
  const V = values.data;
  const U = u.data;
  const Wt = vt.data;
  const out = matrix(d, k);
  const O = out.data;
  // c = Vᵀ·U_l / s_l for each kept l, then O += c·(row l of Wᵀ).
  const c = new Float64Array(d);
  for (let l = 0; l < p; l++) {
    if (!(s[l] > tol)) break;
    c.fill(0);
    for (let i = 0; i < n; i++) {
      const uil = U[i * p + l] / s[l];
      for (let j = 0; j < d; j++) c[j] += V[i * d + j] * uil;
    }
    for (let j = 0; j < d; j++) {
      const cj = c[j];
      for (let q = 0; q < k; q++) O[j * k + q] += cj * Wt[l * k + q];
    }
  }
  return out;
}

/** {@link RecallMeasures} of the best rank-r truncation, for one r. */
export interface TruncatedRecallRow extends RecallMeasures {
  /** The rank r of the truncation. */
  rank: number;
}

/**
 * The capacity experiment's "best rank-r update": the SVD truncation `W_r`
 * of the least-squares full update {@link leastSquaresUpdate}, and how well
 * it recalls the values (`outputs = K·W_rᵀ`), for each requested rank.
 *
 * Note what this is and is not: Eckart–Young makes `W_r` the rank-r matrix
 * nearest to `W*`; it is also the best rank-r fit of the recalled values
 * when the keys are orthonormal (`K·Kᵀ = I`), but for other keys the
 * best rank-r fit of the data (reduced-rank regression) can recall slightly
 * better. For n orthonormal keys and orthogonal values of equal norm,
 * `W*` has n equal singular values and the relative error is exactly
 * `sqrt(1 − r/n)` for r ≤ n.
 *
 * Outputs for all ranks are built incrementally, one rank-one term
 * `s_l·(K·v_l)·u_lᵀ` at a time, so the whole curve costs one SVD of `W*`
 * plus `n·r_max·(k + d)` and the measures (`n·M·d` per rank).
 *
 * @param ranks Ranks in 1..min(d, k), any order (results follow it).
 * @param threshold Cosine threshold of {@link recallMeasures}, default 0.9.
 * @throws RangeError for a rank outside 1..min(d, k).
 * @example
 * truncatedRecall(facts, [1, 2, 4, 8, 16, 32, 64]);
 * // [{ rank: 1, relativeError: 0.99, cosineShare: 0, retrievalAccuracy: 0.05 }, ...] (for example)
 */
export function truncatedRecall(task: AssociationTask, ranks: readonly number[], threshold = 0.9): TruncatedRecallRow[] {
  const keys = task.keys;
  const n = keys.rows;
  const k = keys.cols;
  const d = task.values.cols;
  const max = Math.min(d, k);
  for (const r of ranks) {
    if (!Number.isInteger(r) || r < 1 || r > max) {
      throw new RangeError(`truncatedRecall: ranks must be integers in 1..min(d, k) = 1..${max}; received ${String(r)}`);
    }
  }
  const w = leastSquaresUpdate(keys, task.values);
  const { u, s, vt } = svd(w);
  const q = s.length;
  const K = keys.data;
  const U = u.data;
  const Vt = vt.data;
  const order = [...new Set(ranks)].sort((x, y) => x - y);
  const byRank = new Map<number, RecallMeasures>();
  const out = matrix(n, d);
  const P = out.data;
  let done = 0;
  for (const r of order) {
    for (let l = done; l < r; l++) {
      for (let i = 0; i < n; i++) {
        let z = 0;
        for (let j = 0; j < k; j++) z += K[i * k + j] * Vt[l * k + j];
        z *= s[l];
        if (z === 0) continue;
        for (let j = 0; j < d; j++) P[i * d + j] += z * U[j * q + l];
      }
    }
    done = r;
    byRank.set(r, recallMeasures(task, out, threshold));
  }
  return ranks.map((rank) => ({ rank, ...(byRank.get(rank) as RecallMeasures) }));
}
