import { gemmNT, transposeInto } from '../linalg/gemmNT.ts';
import type { RegressionTask } from './regressionTask.ts';

/** Sufficient statistics of a regression task's full batch. @internal */
interface Moments {
  /** Σ = XᵀX/n, `k × k`. */
  sigma: Float64Array;
  /** C = YᵀX/n, `d × k`. */
  cross: Float64Array;
  /** Cᵀ, `k × d`, so that Bᵀ·C is a product of contiguous rows. */
  crossT: Float64Array;
  /** ‖Y‖²/(n·d). */
  c0: number;
}

// One set of moments per task, shared by every trainer of a sweep.
const cache = new WeakMap<RegressionTask, Moments>();

function moments(task: RegressionTask): Moments {
  const hit = cache.get(task);
  if (hit !== undefined) return hit;
  const { x, y } = task;
  const n = x.rows;
  const k = x.cols;
  const d = y.cols;
  const X = x.data;
  const Y = y.data;
  const sigma = new Float64Array(k * k);
  const cross = new Float64Array(d * k);
  let c0 = 0;
  // Sums of outer products, row by row: Σ += x_i x_iᵀ, C += y_i x_iᵀ.
  for (let i = 0; i < n; i++) {
    const xi = i * k;
    for (let p = 0; p < k; p++) {
      const v = X[xi + p];
      if (v === 0) continue;
      const sp = p * k;
      for (let q = 0; q < k; q++) sigma[sp + q] += v * X[xi + q];
    }
    const yi = i * d;
    for (let j = 0; j < d; j++) {
      const v = Y[yi + j];
      c0 += v * v;
      if (v === 0) continue;
      const cj = j * k;
      for (let q = 0; q < k; q++) cross[cj + q] += v * X[xi + q];
    }
  }
  for (let i = 0; i < sigma.length; i++) sigma[i] /= n;
  for (let i = 0; i < cross.length; i++) cross[i] /= n;
  const crossT = new Float64Array(k * d);
  for (let j = 0; j < d; j++) for (let q = 0; q < k; q++) crossT[q * d + j] = cross[j * k + q];
  const m = { sigma, cross, crossT, c0: c0 / (n * d) };
  cache.set(task, m);
  return m;
}

/**
 * Full-batch regression loss and gradients from the task's moments, at a
 * cost independent of n. With Delta = gamma·B·A, Σ = XᵀX/n and C = YᵀX/n,
 * `L = c0 + (gamma²·⟨A·Σ·Aᵀ, BᵀB⟩ − 2·gamma·⟨B, C·Aᵀ⟩) / d`,
 * `∂L/∂B = (2·gamma/d)·(gamma·B·(A·Σ·Aᵀ) − C·Aᵀ)` and
 * `∂L/∂A = (2·gamma/d)·(gamma·(BᵀB)·(A·Σ) − Bᵀ·C)`: about
 * `r·k² + 2·d·r·k + r²·(2d + 2k)` multiply-adds, against `n·r·(3d + 2k)`
 * row by row. The loss is a difference of terms of size c0, so its absolute
 * rounding error is about 1e-16·c0 (clamped at 0): losses below ~1e-13 of
 * the initial loss are rounding noise. @internal
 */
export class GramKernel {
  readonly #m: Moments;
  readonly #r: number;
  readonly #d: number;
  readonly #k: number;
  readonly #s: Float64Array; // A·Σ, r × k
  readonly #q: Float64Array; // A·Σ·Aᵀ, r × r
  readonly #h: Float64Array; // C·Aᵀ, d × r
  readonly #g: Float64Array; // BᵀB, r × r
  readonly #bt: Float64Array; // Bᵀ, r × d
  readonly #btc: Float64Array; // Bᵀ·C, r × k
  readonly #st: Float64Array; // Sᵀ, k × r

  constructor(task: RegressionTask, rank: number) {
    this.#m = moments(task);
    this.#r = rank;
    this.#d = task.y.cols;
    this.#k = task.x.cols;
    this.#s = new Float64Array(rank * this.#k);
    this.#q = new Float64Array(rank * rank);
    this.#h = new Float64Array(this.#d * rank);
    this.#g = new Float64Array(rank * rank);
    this.#bt = new Float64Array(rank * this.#d);
    this.#btc = new Float64Array(rank * this.#k);
    this.#st = new Float64Array(rank * this.#k);
  }

  /** Same contract as GradientKernel.compute; always the full batch (rows is ignored). */
  compute(
    a: Float64Array,
    b: Float64Array,
    gamma: number,
    _rows: Int32Array | null,
    ga: Float64Array,
    gb: Float64Array,
    lossOnly = false,
  ): number {
    const r = this.#r;
    const d = this.#d;
    const k = this.#k;
    const { sigma, cross, crossT, c0 } = this.#m;
    const S = this.#s;
    const Q = this.#q;
    const H = this.#h;
    const G = this.#g;
    const Bt = this.#bt;
    const St = this.#st;
    const BtC = this.#btc;
    // Σ and Q are symmetric, so every product below is X·Yᵀ of contiguous
    // rows (gemmNT), after at most a cheap transpose.
    gemmNT(a, sigma, S, r, k, k); // S = A·Σ
    gemmNT(S, a, Q, r, r, k); // Q = A·Σ·Aᵀ
    gemmNT(cross, a, H, d, r, k); // H = C·Aᵀ
    transposeInto(b, d, r, Bt);
    gemmNT(Bt, Bt, G, r, r, d); // G = BᵀB
    let quad = 0;
    for (let i = 0; i < r * r; i++) quad += Q[i] * G[i];
    let lin = 0;
    for (let i = 0; i < d * r; i++) lin += b[i] * H[i];
    const loss = Math.max(0, c0 + (gamma * gamma * quad - 2 * gamma * lin) / d);
    if (lossOnly) return loss;
    const c = (2 * gamma) / d;
    // ∂L/∂B = c·(gamma·B·Q − H).
    gemmNT(b, Q, gb, d, r, r);
    for (let i = 0; i < gb.length; i++) gb[i] = c * (gamma * gb[i] - H[i]);
    // ∂L/∂A = c·(gamma·G·S − Bᵀ·C), with G·S = G·(Sᵀ)ᵀ and Bᵀ·C = Bᵀ·(Cᵀ)ᵀ.
    transposeInto(S, r, k, St);
    gemmNT(G, St, ga, r, k, r);
    gemmNT(Bt, crossT, BtC, r, k, d);
    for (let i = 0; i < ga.length; i++) ga[i] = c * (gamma * ga[i] - BtC[i]);
    return loss;
  }
}
