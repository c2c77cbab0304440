import { type Matrix, assertDimension, matrix } from '../linalg/matrix.ts';
import { RandomState } from '../random/RandomState.ts';

/**
 * Key → value associations for the capacity experiment: `n` keys in R^k,
 * each of which should be mapped to its value in R^d, and the candidate
 * values among which a recalled output is looked up.
 */
export interface AssociationTask {
  /** Keys, `n × k`, one per row. */
  keys: Matrix;
  /** The value each key should produce, `n × d`. */
  values: Matrix;
  /** Candidate values, `M × d`; row `labels[i]` equals `values` row i. */
  candidates: Matrix;
  /** For each key, the index of its own value among the candidates. */
  labels: Int32Array;
  /** The style task's fixed transform S (`d × k`), `values = keys·Sᵀ`. */
  transform?: Matrix;
}

/** Options of {@link associationTask}. */
export interface AssociationTaskOptions {
  /**
   * `'facts'`: independent random values (or labels); `'style'`: every
   * value is the same fixed low-rank transform of its key.
   */
  kind: 'facts' | 'style';
  /** Number of keys N, a positive integer. */
  n: number;
  /** Value dimension, a positive integer. */
  d: number;
  /** Key dimension, a positive integer. */
  k: number;
  /**
   * Facts only: the number M of labels. When given, each key maps to one of
   * M random label vectors (the rows of a fixed random output matrix), and
   * those M vectors are the candidates. Default: no labels, every key has
   * its own value and the N values are the candidates.
   */
  labels?: number;
  /** Style only: the rank s of the transform, 1..min(d, k); default 4. */
  styleRank?: number;
  /** Seed, an integer in 0..2^32 − 1. */
  seed: number;
}

/**
 * Random key → value associations, drawn from `rng = new RandomState(seed)`
 * in this order: keys `= rng.randn(n, k) / √k` (norm ≈ 1); then
 * - facts without labels: values `= rng.randn(n, d) / √d`, candidates =
 *   values, labels = 0..n−1;
 * - facts with M labels: the label matrix `E = rng.randn(M, d) / √d`, then
 *   `labels = floor(M · rng.randomSample(n))`, values = rows `E[labels]`,
 *   candidates = E;
 * - style: `G = rng.randn(d, s)`, `H = rng.randn(s, k)`,
 *   `S = G·H / √(s·d)` (rank s, values of norm ≈ 1), values = `keys·Sᵀ`,
 *   candidates = values.
 *
 * @throws RangeError for sizes that are not positive integers, labels with
 *   a style task, or a style rank outside 1..min(d, k).
 * @example
 * const facts = associationTask({ kind: 'facts', n: 32, d: 64, k: 64, seed: 0 });
 * const style = associationTask({ kind: 'style', n: 32, d: 64, k: 64, styleRank: 4, seed: 0 });
 */
export function associationTask({ kind, n, d, k, labels: m, styleRank = 4, seed }: AssociationTaskOptions): AssociationTask {
  const fn = 'associationTask';
  assertDimension(`${fn}: n`, n);
  assertDimension(`${fn}: d`, d);
  assertDimension(`${fn}: k`, k);
  const rng = new RandomState(seed);
  const keys = rng.randn(n, k);
  divideInPlace(keys, Math.sqrt(k));
  if (kind === 'facts') {
    if (m === undefined) {
      const values = rng.randn(n, d);
      divideInPlace(values, Math.sqrt(d));
      return { keys, values, candidates: values, labels: Int32Array.from({ length: n }, (_, i) => i) };
    }
    assertDimension(`${fn}: labels`, m);
    const e = rng.randn(m, d);
    divideInPlace(e, Math.sqrt(d));
    const u = rng.randomSample(n);
    const labels = new Int32Array(n);
    const values = matrix(n, d);
    for (let i = 0; i < n; i++) {
      labels[i] = Math.floor(m * u[i]);
      values.data.set(e.data.subarray(labels[i] * d, (labels[i] + 1) * d), i * d);
    }
    return { keys, values, candidates: e, labels };
  }
  if (kind !== 'style') {
    throw new RangeError(`${fn}: kind must be 'facts' or 'style'; received ${String(kind)}`);
  }
  if (m !== undefined) throw new RangeError(`${fn}: labels apply to kind 'facts' only; received labels = ${m}`);
  const s = styleRank;
  if (!Number.isInteger(s) || s < 1 || s > Math.min(d, k)) {
    throw new RangeError(`${fn}: styleRank must be an integer in 1..min(d, k) = 1..${Math.min(d, k)}; received ${String(s)}`);
  }
  const g = rng.randn(d, s).data;
  const h = rng.randn(s, k).data;
  const transform = matrix(d, k);
  const S = transform.data;
  const c = 1 / Math.sqrt(s * d);
  for (let i = 0; i < d; i++) {
    for (let l = 0; l < s; l++) {
      const gil = g[i * s + l] * c;
      for (let j = 0; j < k; j++) S[i * k + j] += gil * h[l * k + j];
    }
  }
  const values = matrix(n, d);
  const K = keys.data;
  const V = values.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += K[i * k + p] * S[j * k + p];
      V[i * d + j] = acc;
    }
  }
  return { keys, values, candidates: values, labels: Int32Array.from({ length: n }, (_, i) => i), transform };
}

/** Divides (not multiplies by the reciprocal) so the bits equal NumPy's `randn(...) / np.sqrt(k)`. */
function divideInPlace(a: Matrix, c: number): void {
  for (let i = 0; i < a.data.length; i++) a.data[i] /= c;
}
