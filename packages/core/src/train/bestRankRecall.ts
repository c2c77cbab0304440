import type { AssociationTask } from './associationTask.ts';
import { matrix } from '../linalg/matrix.ts';
import { type RecallMeasures, recallMeasures } from './recallMeasures.ts';
import { reducedRankRegression } from './reducedRankRegression.ts';
import type { TruncatedRecallRow } from './truncatedRecall.ts';

/**
 * The capacity experiment with the best rank-r update: for each rank r, the
 * update `W_r` of rank ≤ r whose recalled values `K·W_rᵀ` are nearest (in
 * ‖·‖_F) to the values V, i.e. the reduced-rank regression of values on keys
 * ({@link reducedRankRegression}), and its {@link RecallMeasures}.
 *
 * For orthonormal keys this is the SVD truncation of the least-squares
 * update ({@link truncatedRecall}); for other keys (random keys are only
 * nearly orthogonal, and more than k keys cannot be orthogonal) its relative
 * error is never higher and is usually lower at every rank below full. Its
 * recalled values at rank r are the rank-r truncation of the least-squares
 * recall `K·W*ᵀ`, so the relative error is
 * `sqrt((residual + Σ_{l>r} s_l²) / ‖V‖²)`: non-increasing in r.
 *
 * More keys than dimensions (N > k): no update can reproduce every value
 * any more; the best full-rank recall is the projection of V onto the
 * k-dimensional column space of K, and for random values its relative error
 * is about `sqrt(1 − k/N)` (exactly so in expectation for Gaussian values).
 * Retrieval among the N candidates can still succeed, since it only needs
 * each output nearer its own value than any other.
 *
 * Cost: one SVD of K and one of `K·W*ᵀ` (`N × d`), `N·r_max·d` to build the
 * outputs, and the measures (`N·M·d` per rank). A full grid r = 1..64 at
 * N = M = d = k = 64 takes about 0.07 s of CPU in Node (0.4 s at N = 256).
 *
 * @param ranks Ranks in 1..min(d, k), any order (results follow it).
 * @param threshold Cosine threshold of {@link recallMeasures}, default 0.9.
 * @throws RangeError for a rank outside 1..min(d, k).
 * @example
 * const facts = associationTask({ kind: 'facts', n: 64, d: 64, k: 64, seed: 42 });
 * const ranks = Array.from({ length: 64 }, (_, i) => i + 1); // full grid: thresholds to the rank
 * const best = bestRankRecall(facts, ranks);
 * rankThreshold(best, 'cosineShare', 0.9); // smallest rank from which ≥ 90 % of values are recalled
 */
export function bestRankRecall(task: AssociationTask, ranks: readonly number[], threshold = 0.9): TruncatedRecallRow[] {
  const keys = task.keys;
  const n = keys.rows;
  const d = task.values.cols;
  const max = Math.min(d, keys.cols);
  for (const r of ranks) {
    if (!Number.isInteger(r) || r < 1 || r > max) {
      throw new RangeError(`bestRankRecall: ranks must be integers in 1..min(d, k) = 1..${max}; received ${String(r)}`);
    }
  }
  const { s, u, directions } = reducedRankRegression(keys, task.values);
  const q = s.length;
  const U = u.data;
  const V = directions.data;
  const order = [...new Set(ranks)].sort((x, y) => x - y);
  const byRank = new Map<number, RecallMeasures>();
  const out = matrix(n, d);
  const P = out.data;
  let done = 0;
  for (const r of order) {
    // Add the rank-one terms s_l·u_l·v_lᵀ of the fitted recall, l = done..r−1.
    for (let l = done; l < Math.min(r, q); l++) {
      for (let i = 0; i < n; i++) {
        const z = s[l] * U[i * q + l];
        if (z === 0) continue;
        for (let j = 0; j < d; j++) P[i * d + j] += z * V[l * d + j];
      }
    }
    done = Math.max(done, Math.min(r, q));
    byRank.set(r, recallMeasures(task, out, threshold));
  }
  return ranks.map((rank) => ({ rank, ...(byRank.get(rank) as RecallMeasures) }));
}
