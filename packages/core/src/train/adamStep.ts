/** The settings of one AdamW update (see {@link adamStep}). */
export interface AdamHyper {
  /** Decay of the first moment, in [0, 1). */
  beta1: number;
  /** Decay of the second moment, in [0, 1). */
  beta2: number;
  /** Added to the bias-corrected root of the second moment, > 0. */
  eps: number;
  /** Decoupled weight decay, ≥ 0 (0: plain Adam). */
  weightDecay: number;
}

/**
 * One Adam/AdamW update of one parameter array in place, PyTorch's
 * `torch.optim.Adam`/`AdamW` arithmetic at step t = 1, 2, …:
 * `θ ← θ·(1 − lr·weightDecay)` (skipped when 0), `m ← beta1·m + (1 − beta1)·g`,
 * `v ← beta2·v + (1 − beta2)·g²`, then
 * `θ ← θ − (lr / (1 − beta1^t)) · m / (sqrt(v) / sqrt(1 − beta2^t) + eps)`.
 * `m` and `v` are the array's moment buffers (zero before step 1). The one
 * update shared by {@link createOptimizer} and the language model's trainer.
 *
 * @example
 * adamStep(w, g, m, v, 1e-3, 1, { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
 */
export function adamStep(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  t: number,
  { beta1, beta2, eps, weightDecay }: AdamHyper,
): void {
  // PyTorch's arrangement: step size lr/(1 − beta1^t), denominator
  // sqrt(v)/sqrt(1 − beta2^t) + eps.
  const stepSize = lr / (1 - beta1 ** t);
  const bc2sqrt = Math.sqrt(1 - beta2 ** t);
  const decay = 1 - lr * weightDecay;
  for (let j = 0; j < p.length; j++) {
    if (weightDecay !== 0) p[j] *= decay;
    const gj = g[j];
    m[j] = beta1 * m[j] + (1 - beta1) * gj;
    v[j] = beta2 * v[j] + (1 - beta2) * gj * gj;
    p[j] -= stepSize * (m[j] / (Math.sqrt(v[j]) / bc2sqrt + eps));
  }
}
