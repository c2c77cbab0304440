/**
 * Clips gradients by their global norm, as PyTorch's
 * `torch.nn.utils.clip_grad_norm_`: the norm of all arrays together,
 * `‖g‖ = sqrt(Σ_i ‖g_i‖²)`, and when it exceeds `maxNorm` every array is
 * multiplied by `maxNorm / (‖g‖ + 1e-6)` in place (so the direction is
 * kept). `maxNorm = Infinity` only measures.
 *
 * @returns The global norm before clipping.
 * @throws RangeError unless maxNorm is > 0 (Infinity allowed).
 * @example
 * const norm = clipGradNorm([gradA, gradB], 1); // now ‖[gradA, gradB]‖ ≤ 1
 */
export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  if (typeof maxNorm !== 'number' || !(maxNorm > 0)) {
    throw new RangeError(`clipGradNorm: maxNorm must be a number > 0 (Infinity to only measure); received ${String(maxNorm)}`);
  }
  // Sum of squares in one pass; gradients here are far from overflow, and
  // PyTorch computes the same plain sum (of per-tensor norms).
  let ss = 0;
  for (const g of grads) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
    ss += s;
  }
  const norm = Math.sqrt(ss);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
  return norm;
}
