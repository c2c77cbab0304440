import { describe, expect, it } from 'vitest';
import { createTrainer, learningRateSweep, logGrid, regressionTask } from '../src/train/index.ts';
import { RandomState } from '../src/index.ts';
import { close } from './close.ts';

const task = regressionTask({ target: new RandomState(2).randn(10, 8), n: 16, seed: 3 });

describe('learningRateSweep', () => {
  it('yields one run at a time, scaling → rank → seed → rate, each the final loss of a fresh trainer', () => {
    const gen = learningRateSweep({
      task,
      ranks: [1, 3],
      optimizer: { type: 'adam' },
      learningRates: [1e-3, 1e-2],
      steps: 20,
      alpha: 4,
      seeds: [5, 6],
    });
    const first = gen.next();
    expect(first.done).toBe(false);
    const runs = [first.value, ...gen].filter((r) => r !== undefined);
    expect(runs.length).toBe(16);
    expect(runs.map((r) => `${r.scaling} ${r.rank} ${r.seed} ${r.lr}`).slice(0, 5)).toEqual([
      'standard 1 5 0.001',
      'standard 1 5 0.01',
      'standard 1 6 0.001',
      'standard 1 6 0.01',
      'standard 3 5 0.001',
    ]);
    runs.forEach((run, i) => {
      expect(run.index).toBe(i);
      expect(run.total).toBe(16);
      const t = createTrainer({
        task,
        rank: run.rank,
        alpha: 4,
        scaling: run.scaling,
        seed: run.seed,
        optimizer: { type: 'adam', lr: run.lr },
      });
      close(run.initialLoss, t.loss(), { rtol: 1e-15 });
      t.run(20);
      expect(run.finalLoss).toBe(t.loss());
      expect(run.steps).toBe(20);
      expect(run.diverged).toBe(false);
    });
  });

  it('stops a diverging run early and flags it (a huge SGD rate)', () => {
    const runs = [
      ...learningRateSweep({
        task,
        ranks: [2],
        scalings: ['standard'],
        optimizer: { type: 'sgd' },
        learningRates: [1e-3, 1e3],
        steps: 200,
        alpha: 4,
      }),
    ];
    expect(runs[0].diverged).toBe(false);
    expect(runs[0].finalLoss).toBeLessThan(runs[0].initialLoss);
    expect(runs[1].diverged).toBe(true);
    expect(runs[1].steps).toBeLessThan(200);
  });

  it('rejects a bad grid, step count or trainer setting on the first next(), before any run', () => {
    const base = { task, ranks: [1], optimizer: { type: 'adam' }, learningRates: [1e-3], steps: 5, alpha: 4 } as const;
    expect(() => learningRateSweep({ ...base, learningRates: [] }).next()).toThrow(/non-empty list/);
    expect(() => learningRateSweep({ ...base, learningRates: [1e-3, -1] }).next()).toThrow(/finite numbers > 0; received \[0.001, -1\]/);
    expect(() => learningRateSweep({ ...base, steps: 0 }).next()).toThrow(/steps must be an integer >= 1/);
    expect(() => learningRateSweep({ ...base, ranks: [1, 9] }).next()).toThrow(/rank must be an integer in 1\.\.min\(d, k\)/);
  });
});

describe('logGrid', () => {
  it('steps by 10^(1/perDecade) from min, both ends included, rounded to 12 digits', () => {
    expect(logGrid(1e-3, 1e-1, 1)).toEqual([0.001, 0.01, 0.1]);
    const g = logGrid(1e-4, 1, 4);
    expect(g.length).toBe(17);
    expect(g[4]).toBe(0.001);
    expect(g[16]).toBe(1);
    close(g[1], 1e-4 * 10 ** 0.25, { rtol: 1e-11 });
    expect(logGrid(0.5, 0.5, 3)).toEqual([0.5]);
  });

  it('rejects bad bounds and a bad density', () => {
    expect(() => logGrid(0, 1, 2)).toThrow(/0 < min <= max/);
    expect(() => logGrid(2, 1, 2)).toThrow(RangeError);
    expect(() => logGrid(1e-3, 1, 0)).toThrow(/perDecade must be a positive integer/);
  });
});
