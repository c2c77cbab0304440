import { dot } from './gemmNT.ts';
import type { LoraAdapter } from './loraAdapter.ts';
import { type Matrix, matrix } from './matrix.ts';
import type { RegressionTask } from './regressionTask.ts';
import type { RetrievalTask } from './retrievalTask.ts';

/** A task a LoRA adapter can be trained on. */
export type TrainTask = RegressionTask | RetrievalTask;

/** Loss and gradients of a LoRA adapter on a batch. */
export interface LoraGradients {
  /** The loss on the batch (see {@link RegressionTask}, {@link RetrievalTask}). */
  loss: number;
  /** ∂L/∂A, `r × k`. */
  gradA: Matrix;
  /** ∂L/∂B, `d × r`. */
  gradB: Matrix;
}

/** Output dimension d of a task. @internal */
export function taskOutputDim(task: TrainTask): number {
  return task.kind === 'regression' ? task.y.cols : task.candidates.cols;
}

/**
 * Loss and gradients without allocation, for one adapter shape. Every step
 * works row by row of the batch, never forming a `d × k` product: with
 * `u_i = A·x_i` (r), `p_i = gamma·B·u_i` (d) and `g_i = ∂L/∂p_i` (d),
 * `∂L/∂B = gamma·Σ_i g_i·u_iᵀ` and `∂L/∂A = gamma·Σ_i (Bᵀ·g_i)·x_iᵀ`,
 * about `m·r·(3d + 2k)` multiply-adds per batch of m rows. B is kept
 * transposed (`r × d`) internally so that every inner loop runs along a
 * contiguous row. @internal
 */
export class GradientKernel {
  readonly #task: TrainTask;
  readonly #r: number;
  readonly #d: number;
  readonly #k: number;
  readonly #u: Float64Array;
  readonly #p: Float64Array;
  readonly #bt: Float64Array;
  readonly #gbt: Float64Array;
  readonly #z: Float64Array;
  readonly #half: Float64Array;

  constructor(task: TrainTask, rank: number) {
    this.#task = task;
    this.#r = rank;
    this.#d = taskOutputDim(task);
    this.#k = task.x.cols;
    this.#u = new Float64Array(rank);
    this.#p = new Float64Array(this.#d);
    this.#bt = new Float64Array(rank * this.#d);
    this.#gbt = new Float64Array(rank * this.#d);
    if (task.kind === 'retrieval') {
      const M = task.candidates.rows;
      const C = task.candidates.data;
      const d = this.#d;
      this.#z = new Float64Array(M);
      this.#half = new Float64Array(M);
      for (let c = 0; c < M; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += C[c * d + j] * C[c * d + j];
        this.#half[c] = s / 2;
      }
    } else {
      this.#z = new Float64Array(0);
      this.#half = new Float64Array(0);
    }
  }

  /**
   * Loss on the batch (`rows` indices into the task, or all n rows when
   * null), writing ∂L/∂A (`r × k`) into `ga` and ∂L/∂B (`d × r`) into `gb`
   * unless `lossOnly`.
   */
  compute(
    a: Float64Array,
    b: Float64Array,
    gamma: number,
    rows: Int32Array | null,
    ga: Float64Array,
    gb: Float64Array,
    lossOnly = false,
  ): number {
    const r = this.#r;
    const d = this.#d;
    const k = this.#k;
    const task = this.#task;
    const X = task.x.data;
    const m = rows === null ? task.x.rows : rows.length;
    const u = this.#u;
    const p = this.#p;
    const bt = this.#bt;
    const gbt = this.#gbt;
    for (let j = 0; j < d; j++) for (let l = 0; l < r; l++) bt[l * d + j] = b[j * r + l];
    ga.fill(0);
    gbt.fill(0);
    let loss = 0;
    const regression = task.kind === 'regression';
    const Y = regression ? task.y.data : null;
    const scaleMse = 2 / (m * d);
    for (let ii = 0; ii < m; ii++) {
      const i = rows === null ? ii : rows[ii];
      const xi = i * k;
      // u = A·x_i (dot products of contiguous rows), p = gamma·B·u.
      p.fill(0);
      for (let l = 0; l < r; l++) {
        const acc = dot(a, l * k, X, xi, k);
        u[l] = acc;
        const c = gamma * acc;
        if (c !== 0) {
          const bl = l * d;
          for (let j = 0; j < d; j++) p[j] += c * bt[bl + j];
        }
      }
      // p becomes g_i = ∂L/∂p_i.
      if (Y !== null) {
        const yi = i * d;
        for (let j = 0; j < d; j++) {
          const e = p[j] - Y[yi + j];
          loss += e * e;
          p[j] = scaleMse * e;
        }
      } else {
        loss += this.#softmaxHead(p, (task as RetrievalTask).labels[i], m, lossOnly);
      }
      if (lossOnly) continue;
      // ∂L/∂Bᵀ row l += u_l·g_i; ∂L/∂A row l += (b_l·g_i)·x_i.
      for (let l = 0; l < r; l++) {
        const bl = l * d;
        const ul = u[l];
        let v = 0;
        for (let j = 0; j < d; j++) {
          const g = p[j];
          gbt[bl + j] += ul * g;
          v += bt[bl + j] * g;
        }
        if (v !== 0) {
          const al = l * k;
          for (let q = 0; q < k; q++) ga[al + q] += v * X[xi + q];
        }
      }
    }
    if (lossOnly) return regression ? loss / (m * d) : loss / m;
    for (let i = 0; i < ga.length; i++) ga[i] *= gamma;
    for (let j = 0; j < d; j++) for (let l = 0; l < r; l++) gb[j * r + l] = gamma * gbt[l * d + j];
    return regression ? loss / (m * d) : loss / m;
  }

  /**
   * Cross-entropy of one row; overwrites `p` with ∂L/∂p for a batch of m.
   * logsumexp is shifted by the largest logit, so it never overflows.
   */
  #softmaxHead(p: Float64Array, label: number, m: number, lossOnly: boolean): number {
    const task = this.#task as RetrievalTask;
    const C = task.candidates.data;
    const M = task.candidates.rows;
    const d = this.#d;
    const tau = task.temperature;
    const z = this.#z;
    let zmax = -Infinity;
    for (let c = 0; c < M; c++) {
      const cc = c * d;
      let acc = 0;
      for (let j = 0; j < d; j++) acc += p[j] * C[cc + j];
      z[c] = (acc - this.#half[c]) / tau;
      if (z[c] > zmax) zmax = z[c];
    }
    let sum = 0;
    for (let c = 0; c < M; c++) {
      z[c] = Math.exp(z[c] - zmax);
      sum += z[c];
    }
    const loss = Math.log(sum) + zmax - (Math.log(z[label]) + zmax);
    if (lossOnly) return loss;
    p.fill(0);
    const w = 1 / (m * tau);
    for (let c = 0; c < M; c++) {
      const coef = w * (z[c] / sum - (c === label ? 1 : 0));
      const cc = c * d;
      for (let j = 0; j < d; j++) p[j] += coef * C[cc + j];
    }
    return loss;
  }
}

/**
 * The loss of a LoRA adapter on a task and its gradients with respect to A
 * and B, on all rows or on the batch `rows` (indices into the task's rows).
 * `Delta = gamma·B·A` is never formed (see the cost note in the source).
 *
 * @example
 * const task = regressionTask({ target, seed: 1 });
 * const adapter = loraAdapter({ d: target.rows, k: target.cols, rank: 4, alpha: 8, seed: 2 });
 * const { loss, gradA, gradB } = loraGradients(task, adapter);
 * // gradA is 0 while B = 0; gradB = gamma · (∂L/∂Delta) · Aᵀ
 */
export function loraGradients(task: TrainTask, adapter: LoraAdapter, rows?: ArrayLike<number>): LoraGradients {
  const { a, b, gamma, rank } = adapter;
  const d = taskOutputDim(task);
  const k = task.x.cols;
  if (a.rows !== rank || a.cols !== k || b.rows !== d || b.cols !== rank) {
    throw new RangeError(
      `loraGradients: adapter shapes do not match the task; received A ${a.rows}×${a.cols} and B ${b.rows}×${b.cols}, expected ${rank}×${k} and ${d}×${rank}`,
    );
  }
  const gradA = matrix(rank, k);
  const gradB = matrix(d, rank);
  const idx = rows === undefined ? null : Int32Array.from(rows);
  if (idx !== null) {
    for (const i of idx) {
      if (!(i >= 0 && i < task.x.rows)) {
        throw new RangeError(`loraGradients: row index ${i} is outside 0..${task.x.rows - 1}`);
      }
    }
  }
  const loss = new GradientKernel(task, rank).compute(a.data, b.data, gamma, idx, gradA.data, gradB.data);
  return { loss, gradA, gradB };
}

/**
 * The update's outputs for a batch of inputs: row i is `gamma·B·A·x_i`
 * (`m × d` for `x` `m × k`), computed as `(x·Aᵀ)·Bᵀ·gamma` without forming
 * `B·A`.
 *
 * @example
 * loraOutputs(adapter, facts.keys); // recalled values, one per key
 */
export function loraOutputs(adapter: LoraAdapter, x: Matrix): Matrix {
  const { a, b, gamma, rank: r } = adapter;
  const k = a.cols;
  const d = b.rows;
  if (x.cols !== k) {
    throw new RangeError(`loraOutputs: x has ${x.cols} columns; expected k = ${k}`);
  }
  const out = matrix(x.rows, d);
  const u = new Float64Array(r);
  const A = a.data;
  const B = b.data;
  const X = x.data;
  const P = out.data;
  for (let i = 0; i < x.rows; i++) {
    for (let l = 0; l < r; l++) {
      let acc = 0;
      for (let q = 0; q < k; q++) acc += A[l * k + q] * X[i * k + q];
      u[l] = gamma * acc;
    }
    for (let j = 0; j < d; j++) {
      let acc = 0;
      for (let l = 0; l < r; l++) acc += B[j * r + l] * u[l];
      P[i * d + j] = acc;
    }
  }
  return out;
}
