import { resolveOptimizer } from './createOptimizer.ts';
import { type TrainerConfig, createTrainer } from './createTrainer.ts';
import { loraGradients } from './loraGradients.ts';
import type { LoraScaling } from '../spectra/loraScale.ts';

/**
 * The first-order loss decrease of the first optimizer step,
 * `−⟨Δθ₁, ∇L⟩` summed over A and B, on all n rows: the term linear in the
 * learning rate of the first step's loss drop, i.e. what the drop tends to
 * as the learning rate goes to 0 (`drop = firstOrder − O(lr²)`).
 *
 * The first update is `Δθ = −lr·u(g)` with `u(g) = g` for SGD (momentum
 * has no effect on step 1) and `u(g) = g/(|g| + eps)` for Adam (bias
 * correction makes step 1 exactly this, a sign-like step), B's rate
 * multiplied by `lrRatio`; AdamW's decoupled decay adds `lr·weightDecay·θ`.
 * So the decrease is `Σ lr·(⟨u(g), g⟩ + weightDecay·⟨θ, g⟩)`.
 *
 * From B = 0 only B moves (∂L/∂A = 0), with `g_B = gamma·G·Aᵀ` for
 * `G = ∂L/∂Delta`, so `ΔW₁ = gamma·ΔB·A` and the decrease is
 * `−⟨ΔW₁, G⟩ = lr·gamma²·‖G·Aᵀ‖²` for SGD (∝ gamma²·r, since
 * `E[AᵀA] = r·σ²·I`) and `lr·gamma·‖G·Aᵀ‖₁` for Adam as eps → 0 (∝ gamma·r,
 * since the r rows of A are independent): the laws the scale-factor chart
 * states. The step's Frobenius size ‖ΔW₁‖_F follows other exponents (about
 * gamma²·√r for SGD) and is not the quantity of these laws.
 *
 * The config is {@link createTrainer}'s, full batch; nothing is trained.
 *
 * @example
 * const config = { task, rank: 8, alpha: 16, scaling: 'rslora', seed: 0, optimizer: { type: 'adam', lr: 1e-4 } } as const;
 * firstOrderDecrease(config); // ≈ firstStepLossDrop(config).drop for a small lr
 */
export function firstOrderDecrease(config: Omit<TrainerConfig, 'batchSize'>): number {
  const opt = resolveOptimizer('firstOrderDecrease', config.optimizer);
  const { adapter } = createTrainer({ ...config, batchSize: undefined });
  const { gradA, gradB } = loraGradients(config.task, adapter);
  const lrs = [opt.lr, opt.lr * opt.lrRatio];
  const decay = opt.type === 'adam' ? opt.weightDecay : 0;
  let total = 0;
  [
    [adapter.a.data, gradA.data],
    [adapter.b.data, gradB.data],
  ].forEach(([theta, g], i) => {
    let sum = 0;
    for (let j = 0; j < g.length; j++) {
      const gj = g[j];
      sum += opt.type === 'adam' ? (gj * gj) / (Math.abs(gj) + opt.eps) : gj * gj;
      if (decay !== 0) sum += decay * theta[j] * gj;
    }
    total += lrs[i] * sum;
  });
  return total;
}

/**
 * The slope of log(first-order decrease) against log(r) that the theory
 * predicts from B = 0 with A of rank-independent variance: the decrease
 * scales as `gamma²·r` for SGD and `gamma·r` for Adam, with gamma = alpha/r
 * (`'standard'`) or alpha/√r (`'rslora'`): −1 and 0 for SGD, 0 and ½ for Adam.
 *
 * @example
 * predictedFirstStepSlope('adam', 'rslora'); // 0.5
 */
export function predictedFirstStepSlope(optimizer: 'sgd' | 'adam', scaling: LoraScaling): number {
  const p = scaling === 'standard' ? 1 : 0.5; // gamma ∝ r^−p
  return optimizer === 'sgd' ? 1 - 2 * p : 1 - p;
}
