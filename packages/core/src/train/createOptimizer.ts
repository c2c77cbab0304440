import { adamStep } from './adamStep.ts';
import { assertPositive } from './loraAdapter.ts';

/** Settings shared by every optimizer. */
interface OptimizerBase {
  /** Learning rate of A (and of B unless `lrRatio` is set), finite and > 0. */
  lr: number;
  /**
   * LoRA+ ratio λ (Hayou et al. 2024): B learns with `λ·lr`, A with `lr`.
   * Default 1 (one learning rate). Finite and > 0.
   */
  lrRatio?: number;
}

/**
 * Stochastic gradient descent, PyTorch's `torch.optim.SGD` with dampening 0
 * and no Nesterov: `v ← momentum·v + g` (v = g on the first step), then
 * `θ ← θ − lr·v`. With momentum 0 this is `θ ← θ − lr·g`.
 */
export interface SgdConfig extends OptimizerBase {
  type: 'sgd';
  /** Momentum in [0, 1), default 0. */
  momentum?: number;
}

/**
 * Adam (Kingma and Ba 2015) with bias correction, PyTorch's
 * `torch.optim.Adam`/`AdamW` (not amsgrad), at step t = 1, 2, …:
 * `θ ← θ·(1 − lr·weightDecay)` (decoupled decay, AdamW; skipped when 0),
 * `m ← beta1·m + (1 − beta1)·g`, `v ← beta2·v + (1 − beta2)·g²`,
 * `θ ← θ − (lr / (1 − beta1^t)) · m / (sqrt(v) / sqrt(1 − beta2^t) + eps)`
 * (the same arithmetic as PyTorch, which evaluates m by `lerp`, so the last
 * bits may differ).
 */
export interface AdamConfig extends OptimizerBase {
  type: 'adam';
  /** Decay of the first moment, in [0, 1); default 0.9. */
  beta1?: number;
  /** Decay of the second moment, in [0, 1); default 0.999. */
  beta2?: number;
  /** Added to the root of the second moment, > 0; default 1e-8. */
  eps?: number;
  /** Decoupled weight decay (AdamW), ≥ 0; default 0. */
  weightDecay?: number;
}

/** An optimizer's settings. */
export type OptimizerConfig = SgdConfig | AdamConfig;

/** An optimizer that updates a fixed list of parameter arrays in place. */
export interface Optimizer {
  /** Steps taken so far. */
  readonly t: number;
  /**
   * One update of `params[i]` from `grads[i]` with learning rate
   * `lrs[i]`, in place. Arrays must keep the lengths given at creation.
   */
  step(params: Float64Array[], grads: Float64Array[], lrs: number[]): void;
}

function assertUnit(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || !(x >= 0 && x < 1)) {
    throw new RangeError(`${fn}: ${name} must be a number in [0, 1); received ${String(x)}`);
  }
}

/** Validates an optimizer config and fills in its defaults. @internal */
export function resolveOptimizer(fn: string, config: OptimizerConfig): Required<SgdConfig> | Required<AdamConfig> {
  if (config === null || typeof config !== 'object') {
    throw new RangeError(`${fn}: optimizer must be an object { type: 'sgd' | 'adam', lr, ... }; received ${String(config)}`);
  }
  assertPositive(fn, 'lr', config.lr);
  const lrRatio = config.lrRatio ?? 1;
  assertPositive(fn, 'lrRatio', lrRatio);
  if (config.type === 'sgd') {
    const momentum = config.momentum ?? 0;
    assertUnit(fn, 'momentum', momentum);
    return { type: 'sgd', lr: config.lr, lrRatio, momentum };
  }
  if (config.type === 'adam') {
    const { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = config;
    assertUnit(fn, 'beta1', beta1);
    assertUnit(fn, 'beta2', beta2);
    assertPositive(fn, 'eps', eps);
    if (typeof weightDecay !== 'number' || !(weightDecay >= 0 && weightDecay < Infinity)) {
      throw new RangeError(`${fn}: weightDecay must be a finite number >= 0; received ${String(weightDecay)}`);
    }
    return { type: 'adam', lr: config.lr, lrRatio, beta1, beta2, eps, weightDecay };
  }
  throw new RangeError(`${fn}: optimizer.type must be 'sgd' or 'adam'; received ${String((config as { type: unknown }).type)}`);
}

/**
 * Creates an optimizer for parameter arrays of the given lengths. The
 * learning rates are passed to each `step` (so a schedule or the LoRA+ split
 * is up to the caller); `config.lr` and `config.lrRatio` are only validated
 * here.
 *
 * @throws RangeError for a bad learning rate, momentum, beta, eps or
 *   weight decay, or an unknown type.
 * @example
 * const opt = createOptimizer({ type: 'adam', lr: 1e-3 }, [a.data.length, b.data.length]);
 * opt.step([a.data, b.data], [gradA.data, gradB.data], [1e-3, 1e-3]);
 */
export function createOptimizer(config: OptimizerConfig, sizes: number[]): Optimizer {
  const c = resolveOptimizer('createOptimizer', config);
  const first = sizes.map((n) => new Float64Array(n));
  const second = c.type === 'adam' ? sizes.map((n) => new Float64Array(n)) : [];
  let t = 0;
  function check(params: Float64Array[], grads: Float64Array[], lrs: number[]): void {
    if (params.length !== sizes.length || grads.length !== sizes.length || lrs.length !== sizes.length) {
      throw new RangeError(`Optimizer.step: expected ${sizes.length} parameters, gradients and learning rates`);
    }
    params.forEach((p, i) => {
      if (p.length !== sizes[i] || grads[i].length !== sizes[i]) {
        throw new RangeError(`Optimizer.step: parameter ${i} has length ${p.length}; expected ${sizes[i]}`);
      }
    });
  }
  return {
    get t() {
      return t;
    },
    step(params, grads, lrs) {
      check(params, grads, lrs);
      t++;
      if (c.type === 'sgd') {
        const mu = c.momentum;
        params.forEach((p, i) => {
          const g = grads[i];
          const lr = lrs[i];
          if (mu === 0) {
            for (let j = 0; j < p.length; j++) p[j] -= lr * g[j];
            return;
          }
          const v = first[i];
          // PyTorch initialises the buffer to g on the first step, which is
          // momentum·0 + g, so one formula serves every step.
          for (let j = 0; j < p.length; j++) {
            v[j] = mu * v[j] + g[j];
            p[j] -= lr * v[j];
          }
        });
        return;
      }
      params.forEach((p, i) => adamStep(p, grads[i], first[i], second[i], lrs[i], t, c));
    },
  };
}
