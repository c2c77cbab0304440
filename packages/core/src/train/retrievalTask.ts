import type { AssociationTask } from './associationTask.ts';
import { assertPositive } from './loraAdapter.ts';
import type { Matrix } from '../linalg/matrix.ts';
import { RandomState } from '../random/RandomState.ts';

/**
 * A retrieval task for a LoRA adapter: each input `x_i` should produce an
 * output `p_i = Delta·x_i` nearer to its own candidate `c_{labels[i]}` than
 * to any other. The loss is the cross-entropy of a softmax over negative
 * squared distances,
 * `z_ic = (p_i·c_c − ‖c_c‖²/2) / temperature` (= `−‖p_i − c_c‖²/(2·temperature)`
 * up to a term that does not depend on c), averaged over the batch:
 * `L = (1/m) Σ_i (logsumexp_c z_ic − z_i,labels[i])`. The frozen layer is
 * taken as 0: the associations live in the update alone.
 */
export interface RetrievalTask {
  /** Discriminates the task types accepted by {@link createTrainer}. */
  kind: 'retrieval';
  /** Inputs (keys), `n × k`. */
  x: Matrix;
  /** Candidates, `M × d`. */
  candidates: Matrix;
  /** Index of each input's own candidate, length n. */
  labels: Int32Array;
  /** Softmax temperature, > 0. */
  temperature: number;
  /** Seed of the mini-batch order. */
  shuffleSeed: number;
}

/** Options of {@link retrievalTask}. */
export interface RetrievalTaskOptions {
  /** Softmax temperature, a finite number > 0; default 0.1. */
  temperature?: number;
  /** Seed of the batch order, default 0. */
  seed?: number;
}

/**
 * The retrieval objective on an {@link AssociationTask} (its keys, candidates
 * and labels; arrays are shared, not copied).
 *
 * The default temperature 0.1 is a fixed choice, not tuned: with candidates
 * of norm ≈ 1 (as {@link associationTask} draws them) it makes the logits of
 * order 10 so the softmax can become confident; accuracy is an argmax and
 * does not depend on it.
 *
 * @throws RangeError for a non-positive temperature or a bad seed.
 * @example
 * const facts = associationTask({ kind: 'facts', n: 64, d: 64, k: 64, seed: 0 });
 * const task = retrievalTask(facts); // train with createTrainer({ task, ... })
 */
export function retrievalTask(association: AssociationTask, { temperature = 0.1, seed = 0 }: RetrievalTaskOptions = {}): RetrievalTask {
  assertPositive('retrievalTask', 'temperature', temperature);
  new RandomState(seed); // validates the seed
  return {
    kind: 'retrieval',
    x: association.keys,
    candidates: association.candidates,
    labels: association.labels,
    temperature,
    shuffleSeed: seed,
  };
}
