import { describe, expect, it } from 'vitest';
import {
  type TrainerConfig,
  createTrainer,
  firstOrderDecrease,
  firstStepLossDrop,
  loraAdapter,
  predictedFirstStepSlope,
  regressionTask,
} from '../src/train/index.ts';
import { RandomState, matmul, scale, transpose } from '../src/index.ts';
import { close } from './close.ts';
import { rigorReference } from './rigorFixtures.ts';

const target = new RandomState(1).randn(9, 7);
const task = regressionTask({ target, n: 14, seed: 2 });

/** drop(lr)/firstOrder(lr) at lr and lr/2: the second-order share halves with lr. */
function shares(config: Omit<TrainerConfig, 'batchSize'>): [number, number] {
  const lr = config.optimizer.lr;
  const half = { ...config, optimizer: { ...config.optimizer, lr: lr / 2 } };
  return [1 - firstStepLossDrop(config).drop / firstOrderDecrease(config), 1 - firstStepLossDrop(half).drop / firstOrderDecrease(half)];
}

describe('firstOrderDecrease', () => {
  it('is the first-order term of the first step’s loss drop: drop/firstOrder → 1, the gap halving with the rate', () => {
    const configs: Omit<TrainerConfig, 'batchSize'>[] = [
      { task, rank: 3, alpha: 4, scaling: 'standard', seed: 5, optimizer: { type: 'sgd', lr: 1e-3 } },
      { task, rank: 3, alpha: 4, scaling: 'rslora', seed: 5, optimizer: { type: 'adam', lr: 1e-3 } },
      { task, rank: 2, alpha: 4, seed: 6, optimizer: { type: 'adam', lr: 1e-3, lrRatio: 4, weightDecay: 0.1 } },
      { task, rank: 2, alpha: 4, seed: 6, optimizer: { type: 'sgd', lr: 1e-3, momentum: 0.9, lrRatio: 2 } },
    ];
    for (const config of configs) {
      const [a, b] = shares(config);
      expect(Math.abs(a)).toBeLessThan(0.05);
      close(b, a / 2, { rtol: 0.02 });
    }
  });

  it('holds from non-zero factors too, where A moves as well (AdamW decay included)', () => {
    const start = loraAdapter({ d: 9, k: 7, rank: 2, alpha: 1, seed: 8 });
    start.b.data.set(new RandomState(9).randn(9, 2).data);
    for (const optimizer of [
      { type: 'sgd', lr: 1e-4 },
      { type: 'adam', lr: 1e-4, weightDecay: 0.5 },
    ] as const) {
      const config = { task, rank: 2, alpha: 4, seed: 8, optimizer, initial: start };
      const [a, b] = shares(config);
      expect(Math.abs(a)).toBeLessThan(0.05);
      close(b, a / 2, { rtol: 0.02 });
    }
  });

  it('from B = 0 equals lr·gamma²·‖G·Aᵀ‖² (SGD) and lr·Σ g²/(|g| + eps) with g = gamma·G·Aᵀ (Adam)', () => {
    const { adapter, gamma } = createTrainer({ task, rank: 4, alpha: 6, seed: 3, optimizer: { type: 'sgd', lr: 1 } });
    // G = ∂L/∂Delta at Delta = 0 = −(2/(n·d))·yᵀx.
    const g = scale(matmul(transpose(task.y), task.x), -2 / (14 * 9));
    const h = matmul(g, transpose(adapter.a)).data;
    let sgd = 0;
    let adam = 0;
    for (const v of h) {
      sgd += (gamma * v) ** 2;
      adam += (gamma * v) ** 2 / (Math.abs(gamma * v) + 1e-8);
    }
    close(firstOrderDecrease({ task, rank: 4, alpha: 6, seed: 3, optimizer: { type: 'sgd', lr: 0.5 } }), 0.5 * sgd, { rtol: 1e-12 });
    close(firstOrderDecrease({ task, rank: 4, alpha: 6, seed: 3, optimizer: { type: 'adam', lr: 0.5 } }), 0.5 * adam, { rtol: 1e-12 });
  });

  it('matches NumPy per unit learning rate (SGD and Adam, both scalings)', () => {
    const f = rigorReference.firstOrder;
    const t = regressionTask({ target: new RandomState(f.targetSeed).randn(f.d, f.k), n: f.n, seed: f.taskSeed });
    for (const c of f.cases) {
      const base = { task: t, rank: c.rank, alpha: c.alpha, scaling: c.scaling, seed: c.seed };
      close(firstOrderDecrease({ ...base, optimizer: { type: 'sgd', lr: 1 } }), c.sgd, { rtol: 1e-11 });
      close(firstOrderDecrease({ ...base, optimizer: { type: 'adam', lr: 1 } }), c.adam, { rtol: 1e-11 });
    }
  });
});

describe('predictedFirstStepSlope', () => {
  it('is 1 − 2p for SGD and 1 − p for Adam with gamma ∝ r^−p: −1, 0, 0, ½', () => {
    expect(predictedFirstStepSlope('sgd', 'standard')).toBe(-1);
    expect(predictedFirstStepSlope('sgd', 'rslora')).toBe(0);
    expect(predictedFirstStepSlope('adam', 'standard')).toBe(0);
    expect(predictedFirstStepSlope('adam', 'rslora')).toBe(0.5);
  });
});
