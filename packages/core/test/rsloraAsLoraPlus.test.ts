import { describe, expect, it } from 'vitest';
import {
  type TrainerConfig,
  createTrainer,
  loraAdapter,
  regressionTask,
  retrievalTask,
  associationTask,
  rsloraAsLoraPlus,
} from '../src/train/index.ts';
import { RandomState, frobeniusNorm, sub } from '../src/index.ts';
import { highRankUpdate } from '../src/experiments/index.ts';

const task = regressionTask({ target: highRankUpdate({ d: 32, k: 32, noise: 0.01, rng: new RandomState(42) }), seed: 43 });

/** Largest ‖ΔW_a − ΔW_b‖_F / ‖ΔW_a‖_F over `steps` steps of the two configs. */
function worstGap(a: TrainerConfig, b: TrainerConfig, steps: number): number {
  const ta = createTrainer(a);
  const tb = createTrainer(b);
  let worst = 0;
  for (let s = 0; s < steps; s++) {
    ta.step();
    tb.step();
    const da = ta.delta();
    worst = Math.max(worst, frobeniusNorm(sub(da, tb.delta())) / frobeniusNorm(da));
  }
  return worst;
}

describe('rsloraAsLoraPlus', () => {
  it('returns alpha/r with the same alpha and B’s learning rate × √r (times any LoRA+ ratio already set)', () => {
    const rs: TrainerConfig = { task, rank: 9, alpha: 16, scaling: 'rslora', seed: 1, optimizer: { type: 'adam', lr: 1e-3, lrRatio: 2 } };
    const plus = rsloraAsLoraPlus(rs);
    expect(plus.scaling).toBe('standard');
    expect(plus.alpha).toBe(16);
    expect(plus.optimizer).toEqual({ type: 'adam', lr: 1e-3, lrRatio: 6 });
    expect(plus.initial).toBeUndefined();
  });

  it('Adam with tiny eps: the two runs give the same ΔW to 1e-6 relative at every one of 200 steps (ranks whose √r is irrational too)', () => {
    for (const rank of [2, 8, 12, 32]) {
      const rs: TrainerConfig = { task, rank, alpha: 16, scaling: 'rslora', seed: 7, optimizer: { type: 'adam', lr: 0.005, eps: 1e-16 } };
      expect(worstGap(rs, rsloraAsLoraPlus(rs), 200)).toBeLessThan(1e-6);
    }
  });

  it('holds for mini-batches, the retrieval loss and given initial factors (B scaled by √r)', () => {
    const facts = associationTask({ kind: 'facts', n: 40, d: 16, k: 16, seed: 3 });
    const start = loraAdapter({ d: 16, k: 16, rank: 6, alpha: 1, seed: 4 });
    start.b.data.set(new RandomState(5).randn(16, 6).data.map((v) => v * 0.1));
    const rs: TrainerConfig = {
      task: retrievalTask(facts, { seed: 6 }),
      rank: 6,
      alpha: 8,
      scaling: 'rslora',
      seed: 4,
      batchSize: 16,
      initial: start,
      optimizer: { type: 'adam', lr: 0.01, eps: 1e-16 },
    };
    const plus = rsloraAsLoraPlus(rs);
    expect(plus.initial?.b.data[0]).toBeCloseTo(start.b.data[0] * Math.sqrt(6), 14);
    expect(worstGap(rs, plus, 100)).toBeLessThan(1e-6);
  });

  it('with PyTorch’s eps = 1e-8 the runs drift apart slowly (eps is a gradient scale Adam is not free of)', () => {
    const rs: TrainerConfig = { task, rank: 8, alpha: 16, scaling: 'rslora', seed: 7, optimizer: { type: 'adam', lr: 0.005 } };
    const gap = worstGap(rs, rsloraAsLoraPlus(rs), 200);
    expect(gap).toBeGreaterThan(1e-9);
    expect(gap).toBeLessThan(1e-2);
  });

  it('SGD has no such equivalence: the same change gives a different run', () => {
    const rs: TrainerConfig = { task, rank: 8, alpha: 16, scaling: 'rslora', seed: 7, optimizer: { type: 'sgd', lr: 0.05 } };
    const plus: TrainerConfig = { ...rs, scaling: 'standard', optimizer: { ...rs.optimizer, lrRatio: Math.sqrt(8) } };
    expect(worstGap(rs, plus, 20)).toBeGreaterThan(0.1);
  });

  it('rejects standard scaling, SGD and weight decay, saying why', () => {
    const base: TrainerConfig = { task, rank: 4, alpha: 8, scaling: 'rslora', seed: 0, optimizer: { type: 'adam', lr: 1e-3 } };
    expect(() => rsloraAsLoraPlus({ ...base, scaling: 'standard' })).toThrow(/expected scaling 'rslora'; received 'standard'/);
    expect(() => rsloraAsLoraPlus({ ...base, optimizer: { type: 'sgd', lr: 1e-3 } })).toThrow(/Adam only/);
    expect(() => rsloraAsLoraPlus({ ...base, optimizer: { type: 'adam', lr: 1e-3, weightDecay: 0.01 } })).toThrow(/weightDecay 0/);
  });
});
