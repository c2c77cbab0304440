import type { AssociationTask } from './associationTask.ts';
import type { Matrix } from '../linalg/matrix.ts';

/** How well outputs recall the values of an {@link AssociationTask}. */
export interface RecallMeasures {
  /** `‖P − V‖_F / ‖V‖_F` over all keys (0 = exact recall). */
  relativeError: number;
  /** Share of keys whose output has cosine similarity ≥ the threshold with its value. */
  cosineShare: number;
  /**
   * Share of keys whose output is strictly nearer (Euclidean) to their own
   * candidate than to every other candidate; a tie counts as a miss.
   */
  retrievalAccuracy: number;
}

/**
 * Recall measures of outputs `P` (`n × d`, row i recalled for key i)
 * against the task's values and candidates. Nearest is decided on
 * `p·c − ‖c‖²/2`, which orders candidates as `−‖p − c‖²/2` does. A zero
 * output has cosine 0. Costs `n·M·d` for M candidates.
 *
 * @param threshold Cosine similarity counted as recalled, default 0.9.
 * @throws RangeError if P's shape differs from the values'.
 * @example
 * recallMeasures(facts, trainer.outputs(facts.keys));
 * // { relativeError: 0.62, cosineShare: 0.3, retrievalAccuracy: 1 } (for example)
 */
export function recallMeasures(task: AssociationTask, outputs: Matrix, threshold = 0.9): RecallMeasures {
  const { values, candidates, labels } = task;
  const n = values.rows;
  const d = values.cols;
  if (outputs.rows !== n || outputs.cols !== d) {
    throw new RangeError(`recallMeasures: outputs are ${outputs.rows}×${outputs.cols}; expected ${n}×${d}, one row per key`);
  }
  const P = outputs.data;
  const V = values.data;
  const C = candidates.data;
  const M = candidates.rows;
  const half = new Float64Array(M);
  for (let c = 0; c < M; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += C[c * d + j] ** 2;
    half[c] = s / 2;
  }
  let errSq = 0;
  let valSq = 0;
  let cosHits = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let pv = 0;
    let pp = 0;
    let vv = 0;
    for (let j = 0; j < d; j++) {
      const p = P[o + j];
      const v = V[o + j];
      errSq += (p - v) ** 2;
      pv += p * v;
      pp += p * p;
      vv += v * v;
    }
    valSq += vv;
    if (pp > 0 && vv > 0 && pv / Math.sqrt(pp * vv) >= threshold) cosHits++;
    const own = labels[i];
    let ownScore = 0;
    for (let j = 0; j < d; j++) ownScore += P[o + j] * C[own * d + j];
    ownScore -= half[own];
    let best = true;
    for (let c = 0; c < M && best; c++) {
      if (c === own) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += P[o + j] * C[c * d + j];
      if (s - half[c] >= ownScore) best = false;
    }
    if (best) found++;
  }
  return {
    relativeError: Math.sqrt(errSq / valSq),
    cosineShare: cosHits / n,
    retrievalAccuracy: found / n,
  };
}
