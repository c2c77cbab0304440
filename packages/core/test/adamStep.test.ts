import { describe, expect, it } from 'vitest';
import { adamStep, createOptimizer } from '../src/train/index.ts';
import { close } from './close.ts';

const HYPER = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

describe('adamStep', () => {
  it('the first step is a sign step of size lr: lr·g/(|g| + eps)', () => {
    const p = new Float64Array([1, 1, 1]);
    adamStep(p, new Float64Array([3, -1e-3, 0]), new Float64Array(3), new Float64Array(3), 0.01, 1, HYPER);
    close(p, [1 - 0.01 * (3 / (3 + 1e-8)), 1 + 0.01 * (1e-3 / (1e-3 + 1e-8)), 1], { rtol: 1e-15 });
  });

  it('follows the bias-corrected moments over several steps (hand-computed recurrence)', () => {
    const p = new Float64Array([0.5]);
    const m = new Float64Array(1);
    const v = new Float64Array(1);
    const gs = [0.2, -0.1, 0.4];
    let pm = 0;
    let pv = 0;
    let expected = 0.5;
    gs.forEach((g, i) => {
      const t = i + 1;
      adamStep(p, new Float64Array([g]), m, v, 0.1, t, { ...HYPER, beta2: 0.99 });
      pm = 0.9 * pm + 0.1 * g;
      pv = 0.99 * pv + 0.01 * g * g;
      expected -= (0.1 / (1 - 0.9 ** t)) * (pm / (Math.sqrt(pv) / Math.sqrt(1 - 0.99 ** t) + 1e-8));
    });
    close(p, [expected], { rtol: 1e-14 });
  });

  it('AdamW decays θ by lr·weightDecay before the update', () => {
    const p = new Float64Array([2]);
    adamStep(p, new Float64Array([0]), new Float64Array(1), new Float64Array(1), 0.1, 1, { ...HYPER, weightDecay: 0.5 });
    close(p, [2 * (1 - 0.05)], { rtol: 1e-15 });
  });

  it('is the update createOptimizer applies, bit for bit', () => {
    const a = new Float64Array([0.3, -0.7]);
    const b = a.slice();
    const g = new Float64Array([0.1, 0.2]);
    const opt = createOptimizer({ type: 'adam', lr: 0.05, weightDecay: 0.1 }, [2]);
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    for (let t = 1; t <= 3; t++) {
      opt.step([a], [g], [0.05]);
      adamStep(b, g, m, v, 0.05, t, { ...HYPER, weightDecay: 0.1 });
    }
    expect(a).toEqual(b);
  });
});
