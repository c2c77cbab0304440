import { dot, gemmNT, transposeInto } from '../linalg/gemmNT.ts';
import type { LoraAdapter } from './loraAdapter.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
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
 * Loss and gradients of a batch, as a few dense products that never form a
 * `d × k` matrix: with the batch's inputs `X_b` (`m × k`),
 * `U = X_b·Aᵀ` (`m × r`), outputs `P = gamma·U·Bᵀ` (`m × d`), `G = ∂L/∂P`,
 * `∂L/∂B = gamma·Gᵀ·U` and `∂L/∂A = gamma·(G·B)ᵀ·X_b`: about
 * `m·r·(3d + 2k)` multiply-adds (plus `2·m·M·d` for the retrieval loss's
 * M candidates). Every product runs as X·Yᵀ of contiguous rows
 * ({@link gemmNT}) after cheap transposes. Buffers grow to the largest batch
 * seen and are reused. @internal
 */
export class GradientKernel {
  readonly #task: TrainTask;
  readonly #r: number;
  readonly #d: number;
  readonly #k: number;
  readonly #bt: Float64Array; // Bᵀ, r × d
  readonly #half: Float64Array; // ‖c‖²/2 per candidate
  readonly #ct: Float64Array; // candidatesᵀ, d × M
  #xt: Float64Array | null = null; // Xᵀ of the full batch, k × n, made once
  #cap = 0;
  #xb = new Float64Array(0); // X_b, m × k (mini-batch only)
  #xbt = new Float64Array(0); // X_bᵀ, k × m (mini-batch only)
  #u = new Float64Array(0); // U, m × r
  #ut = new Float64Array(0); // Uᵀ, r × m
  #p = new Float64Array(0); // P, then G, m × d
  #pt = new Float64Array(0); // Gᵀ, d × m
  #v = new Float64Array(0); // G·B, m × r
  #vt = new Float64Array(0); // (G·B)ᵀ, r × m
  #z = new Float64Array(0); // logits, then ∂L/∂logits, m × M

  constructor(task: TrainTask, rank: number) {
    this.#task = task;
    this.#r = rank;
    this.#d = taskOutputDim(task);
    this.#k = task.x.cols;
    this.#bt = new Float64Array(rank * this.#d);
    if (task.kind === 'retrieval') {
      const M = task.candidates.rows;
      const d = this.#d;
      const C = task.candidates.data;
      this.#half = new Float64Array(M);
      for (let c = 0; c < M; c++) this.#half[c] = dot(C, c * d, C, c * d, d) / 2;
      this.#ct = new Float64Array(d * M);
      transposeInto(C, M, d, this.#ct);
    } else {
      this.#half = new Float64Array(0);
      this.#ct = new Float64Array(0);
    }
  }

  #reserve(m: number): void {
    if (m <= this.#cap) return;
    const r = this.#r;
    const d = this.#d;
    const k = this.#k;
    this.#cap = m;
    this.#xb = new Float64Array(m * k);
    this.#xbt = new Float64Array(m * k);
    this.#u = new Float64Array(m * r);
    this.#ut = new Float64Array(m * r);
    this.#p = new Float64Array(m * d);
    this.#pt = new Float64Array(m * d);
    this.#v = new Float64Array(m * r);
    this.#vt = new Float64Array(m * r);
    this.#z = this.#task.kind === 'retrieval' ? new Float64Array(m * this.#task.candidates.rows) : this.#z;
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
    this.#reserve(m);
    let xb = X;
    if (rows !== null) {
      xb = this.#xb;
      for (let i = 0; i < m; i++) xb.set(X.subarray(rows[i] * k, rows[i] * k + k), i * k);
    }
    const U = this.#u;
    const P = this.#p;
    gemmNT(xb, a, U, m, r, k);
    gemmNT(U, b, P, m, d, r);
    for (let i = 0; i < m * d; i++) P[i] *= gamma;
    const loss = task.kind === 'regression' ? this.#mseHead(rows, m) : this.#softmaxHead(rows, m, lossOnly);
    if (lossOnly) return loss;
    // P now holds G = ∂L/∂P.
    const Bt = this.#bt;
    const V = this.#v;
    transposeInto(b, d, r, Bt);
    gemmNT(P, Bt, V, m, r, d); // V = G·B
    transposeInto(P, m, d, this.#pt);
    transposeInto(U, m, r, this.#ut);
    gemmNT(this.#pt, this.#ut, gb, d, r, m); // Gᵀ·U
    transposeInto(V, m, r, this.#vt);
    let xbt: Float64Array;
    if (rows === null) {
      if (this.#xt === null) {
        this.#xt = new Float64Array(m * k);
        transposeInto(X, m, k, this.#xt);
      }
      xbt = this.#xt;
    } else {
      xbt = this.#xbt;
      transposeInto(xb, m, k, xbt);
    }
    gemmNT(this.#vt, xbt, ga, r, k, m); // (G·B)ᵀ·X_b
    for (let i = 0; i < gb.length; i++) gb[i] *= gamma;
    for (let i = 0; i < ga.length; i++) ga[i] *= gamma;
    return loss;
  }

  /** Mean squared error; overwrites P with ∂L/∂P = 2·(P − Y_b)/(m·d). */
  #mseHead(rows: Int32Array | null, m: number): number {
    const d = this.#d;
    const P = this.#p;
    const Y = (this.#task as RegressionTask).y.data;
    const c = 2 / (m * d);
    let loss = 0;
    for (let ii = 0; ii < m; ii++) {
      const yi = (rows === null ? ii : rows[ii]) * d;
      const pi = ii * d;
      for (let j = 0; j < d; j++) {
        const e = P[pi + j] - Y[yi + j];
        loss += e * e;
        P[pi + j] = c * e;
      }
    }
    return loss / (m * d);
  }

  /**
   * Cross-entropy over candidates; overwrites P with ∂L/∂P unless lossOnly.
   * logsumexp is shifted by each row's largest logit, so it never overflows.
   */
  #softmaxHead(rows: Int32Array | null, m: number, lossOnly: boolean): number {
    const task = this.#task as RetrievalTask;
    const C = task.candidates.data;
    const M = task.candidates.rows;
    const d = this.#d;
    const tau = task.temperature;
    const P = this.#p;
    const Z = this.#z;
    const half = this.#half;
    gemmNT(P, C, Z, m, M, d);
    let loss = 0;
    const w = 1 / (m * tau);
    for (let ii = 0; ii < m; ii++) {
      const label = task.labels[rows === null ? ii : rows[ii]];
      const zi = ii * M;
      let zmax = -Infinity;
      for (let c = 0; c < M; c++) {
        const z = (Z[zi + c] - half[c]) / tau;
        Z[zi + c] = z;
        if (z > zmax) zmax = z;
      }
      // Shifted logit of the label, kept before exponentiation so that a
      // hopeless label gives a large finite loss rather than −log(0).
      const zLabel = Z[zi + label] - zmax;
      let sum = 0;
      for (let c = 0; c < M; c++) {
        const e = Math.exp(Z[zi + c] - zmax);
        Z[zi + c] = e;
        sum += e;
      }
      loss += Math.log(sum) - zLabel;
      if (lossOnly) continue;
      for (let c = 0; c < M; c++) Z[zi + c] = w * (Z[zi + c] / sum - (c === label ? 1 : 0));
    }
    if (!lossOnly) gemmNT(Z, this.#ct, P, m, d, M); // ∂L/∂P = ∂L/∂Z · C
    return loss / m;
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
