import { gemmNT } from '../linalg/gemmNT.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { svd } from '../linalg/svd.ts';
import { leastSquaresUpdate } from './truncatedRecall.ts';

/**
 * The reduced-rank regression of outputs `y` (`n × d`) on inputs `x`
 * (`n × k`): everything needed for the best rank-r fit
 * `min over rank(W) ≤ r of ‖x·Wᵀ − y‖_F²`, for every r at once.
 *
 * With `Ŷ = x·W*ᵀ` the least-squares fit (the projection of y onto the
 * column space of x) and `Ŷ = U·diag(s)·Vᵀ` its SVD, the best rank-r fit of
 * the outputs is `Ŷ_r = U_r·diag(s_r)·V_rᵀ` (Eckart–Young on Ŷ, since every
 * `x·Wᵀ` lies in the column space of x and `y − Ŷ` is orthogonal to it), its
 * squared error is `residual + Σ_{l > r} s_l²`, and an update that produces
 * it is `W_r = V_r·V_rᵀ·W*` (project W*'s outputs onto the top r output
 * directions).
 */
export interface ReducedRankRegression {
  /** The minimum-norm least-squares update W* (`d × k`), see {@link leastSquaresUpdate}. */
  update: Matrix;
  /** The least-squares fit `Ŷ = x·W*ᵀ`, `n × d`. */
  fitted: Matrix;
  /** Singular values of Ŷ, descending, length `min(n, d)`. */
  s: Float64Array;
  /** Left singular vectors of Ŷ, `n × min(n, d)`. */
  u: Matrix;
  /** Output directions: the right singular vectors of Ŷ as rows, `min(n, d) × d`. */
  directions: Matrix;
  /** `‖y − Ŷ‖_F²`: the part of the outputs no update can fit. */
  residual: number;
}

/**
 * Reduced-rank regression of `y` on `x` (see {@link ReducedRankRegression}):
 * one SVD of x (inside {@link leastSquaresUpdate}, with NumPy's rank
 * tolerance, so collinear or too few inputs are handled) and one SVD of the
 * fitted outputs. Working on x and Ŷ rather than on `Σ = xᵀx/n` avoids
 * squaring the condition number of the inputs.
 *
 * @throws RangeError if x and y have different row counts.
 * @example
 * const fit = reducedRankRegression(task.x, task.y);
 * fit.s; // singular values of the fitted outputs; their tail is the rank-r error
 */
export function reducedRankRegression(x: Matrix, y: Matrix): ReducedRankRegression {
  if (x.rows !== y.rows) {
    throw new RangeError(`reducedRankRegression: x and y must have one row per example; received ${x.rows} and ${y.rows} rows`);
  }
  const n = x.rows;
  const k = x.cols;
  const d = y.cols;
  const update = leastSquaresUpdate(x, y);
  const fitted = matrix(n, d);
  gemmNT(x.data, update.data, fitted.data, n, d, k); // Ŷ = x·W*ᵀ
  let residual = 0;
  for (let i = 0; i < n * d; i++) residual += (y.data[i] - fitted.data[i]) ** 2;
  const { u, s, vt } = svd(fitted);
  return { update, fitted, s, u, directions: vt, residual };
}

/**
 * The rank-r update of a {@link ReducedRankRegression}, `W_r = V_r·V_rᵀ·W*`
 * (`d × k`, rank ≤ r): among all updates of rank ≤ r, the one whose outputs
 * `x·W_rᵀ` are nearest to y.
 *
 * @param r An integer ≥ 0 (0 gives the zero update; beyond min(n, d) it is W*).
 * @example
 * const w4 = reducedRankUpdate(reducedRankRegression(keys, values), 4);
 */
export function reducedRankUpdate(fit: ReducedRankRegression, r: number): Matrix {
  if (!Number.isInteger(r) || r < 0) {
    throw new RangeError(`reducedRankUpdate: r must be an integer >= 0; received ${String(r)}`);
  }
  const { update, directions } = fit;
  const d = update.rows;
  const k = update.cols;
  const q = Math.min(r, directions.rows);
  const W = update.data;
  const V = directions.data;
  const out = matrix(d, k);
  const O = out.data;
  const c = new Float64Array(k);
  for (let l = 0; l < q; l++) {
    // c = v_lᵀ·W*, then O += v_l·c.
    c.fill(0);
    for (let i = 0; i < d; i++) {
      const v = V[l * d + i];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) c[j] += v * W[i * k + j];
    }
    for (let i = 0; i < d; i++) {
      const v = V[l * d + i];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) O[i * k + j] += v * c[j];
    }
  }
  return out;
}
