import { type TrainerConfig, createTrainer } from './createTrainer.ts';

/** The full-data loss around the first training step. */
export interface FirstStepLossDrop {
  /** Loss at initialisation (B = 0, so Delta = 0). */
  before: number;
  /** Loss after one optimizer step. */
  after: number;
  /** `before − after`: positive when the step helped. */
  drop: number;
}

/**
 * How much one optimizer step from the initialisation lowers the loss on all
 * n rows: the quantity whose dependence on the rank separates the scalings.
 * From B = 0 the first step only moves B: SGD gives
 * `Delta_1 = −lr·gamma²·G·AᵀA` with `E[AᵀA] = r·σ²·I` (G = ∂L/∂Delta), so
 * for a small lr the drop scales as `gamma²·r` (1/r for alpha/r, flat for
 * alpha/√r); Adam's first step is sign-like, `Delta_1 ≈ −lr·gamma·sign(G·Aᵀ)·A`,
 * so the drop scales as `gamma·r` (flat for alpha/r, √r for alpha/√r).
 *
 * @example
 * const ranks = [1, 4, 16, 64];
 * const drops = ranks.map((rank) =>
 *   firstStepLossDrop({ task, rank, alpha: 8, seed: 0, optimizer: { type: 'sgd', lr: 1e-3 } }).drop);
 * logLogSlope(ranks, drops); // ≈ −1
 */
export function firstStepLossDrop(config: TrainerConfig): FirstStepLossDrop {
  const trainer = createTrainer(config);
  const before = trainer.loss();
  trainer.step();
  const after = trainer.loss();
  return { before, after, drop: before - after };
}
