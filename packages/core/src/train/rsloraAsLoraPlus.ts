import type { TrainerConfig } from './createTrainer.ts';
import { loraScale } from '../spectra/loraScale.ts';

/**
 * The standard-scaling (alpha/r) configuration that follows the same
 * trajectory of `Delta = gamma·B·A` under Adam as a given rsLoRA
 * (alpha/√r) configuration: same alpha, same learning rate for A, B's
 * learning rate multiplied by √r (a LoRA+ ratio, Hayou et al. 2024), and
 * initial factors, if any, with B multiplied by √r.
 *
 * Why: with `B̃ = √r·B`, `(alpha/r)·B̃·A = (alpha/√r)·B·A`, A's gradient is
 * unchanged (`(alpha/r)·B̃ᵀG = (alpha/√r)·BᵀG`) and B̃'s is B's divided by
 * √r. Adam with eps → 0 is invariant to a constant positive scale of a
 * parameter's gradients, so with learning rate √r·lr every step of B̃ is √r
 * times the step of B: by induction from `B̃ = √r·B` (both 0 at the start),
 * A and Delta stay equal at every step. Exact only as eps → 0 (eps sets a
 * gradient scale below which Adam is not scale-free; in practice the runs
 * agree to about eps/|g|) and without weight decay (decoupled decay would
 * shrink B̃ at a rate √r times B's). SGD has no such equivalence: its steps
 * scale with the gradient.
 *
 * @throws RangeError unless the config uses `scaling: 'rslora'` and Adam
 *   with weightDecay 0.
 * @example
 * const rs = { task, rank: 16, alpha: 16, scaling: 'rslora', seed: 0, optimizer: { type: 'adam', lr: 1e-3 } } as const;
 * const plus = rsloraAsLoraPlus(rs); // { ..., scaling: 'standard', optimizer: { ..., lrRatio: 4 } }
 * // createTrainer(rs) and createTrainer(plus) produce the same delta() at every step (eps → 0).
 */
export function rsloraAsLoraPlus(config: TrainerConfig): TrainerConfig {
  const fn = 'rsloraAsLoraPlus';
  const { scaling = 'standard', optimizer, rank, initial } = config;
  if (scaling !== 'rslora') throw new RangeError(`${fn}: expected scaling 'rslora'; received '${scaling}'`);
  if (optimizer.type !== 'adam') {
    throw new RangeError(`${fn}: the equivalence holds for Adam only (SGD steps scale with the gradient); received '${optimizer.type}'`);
  }
  if ((optimizer.weightDecay ?? 0) !== 0) {
    throw new RangeError(
      `${fn}: the equivalence needs weightDecay 0 (decay would shrink B at different rates); received ${optimizer.weightDecay}`,
    );
  }
  // γ_rs/γ_std = √r, computed from the scales themselves so alpha cancels exactly as in the trainer.
  const c = loraScale(config.alpha, rank, 'rslora') / loraScale(config.alpha, rank, 'standard');
  return {
    ...config,
    scaling: 'standard',
    optimizer: { ...optimizer, lrRatio: (optimizer.lrRatio ?? 1) * c },
    initial: initial === undefined ? undefined : { a: initial.a, b: { ...initial.b, data: initial.b.data.map((v) => v * c) } },
  };
}
