import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LoraAdapter,
  type TrainTask,
  type TrainerConfig,
  associationTask,
  createOptimizer,
  createTrainer,
  firstStepLossDrop,
  logLogSlope,
  loraAdapter,
  loraGradients,
  loraOutputs,
  regressionTask,
  retrievalTask,
} from '../src/train/index.ts';
import { type Matrix, RandomState, frobeniusNorm, fromRows, matmul, matrix, scale, sub, transpose } from '../src/index.ts';
import { highRankUpdate, lowRankUpdate } from '../src/experiments/index.ts';
import { close } from './close.ts';
import { toMatrix } from './fixtures.ts';
import { deltaNorm } from '../src/train/createTrainer.ts';
import { trainReference } from './trainFixtures.ts';

/** A d × k target of rank 4 and its regression task. */
function smallTask(d = 7, k = 5, n = 9, seed = 1): TrainTask {
  const target = lowRankUpdate({ d, k, trueRank: Math.min(3, d, k), noise: 0.1, rng: new RandomState(seed) });
  return regressionTask({ target, n, seed: seed + 100 });
}

/** An adapter with a random (non-zero) B, so that ∂L/∂A is not zero. */
function randomAdapter(d: number, k: number, rank: number, scaling: 'standard' | 'rslora', seed: number): LoraAdapter {
  const adapter = loraAdapter({ d, k, rank, alpha: 3, scaling, seed });
  adapter.b.data.set(new RandomState(seed + 1).randn(d, rank).data);
  return adapter;
}

/** Central finite difference of f at every entry of x (modified in place, restored). */
function finiteDifferences(x: Float64Array, f: () => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const h = 1e-5 * Math.max(1, Math.abs(x0));
    x[i] = x0 + h;
    const up = f();
    x[i] = x0 - h;
    const down = f();
    x[i] = x0;
    out[i] = (up - down) / (2 * h);
  }
  return out;
}

/** Dense reference: ∂L/∂Delta of the regression loss, (2/(n·d))·(Delta·Xᵀ − Yᵀ)·X. */
function denseGradient(task: Extract<TrainTask, { kind: 'regression' }>, delta: Matrix): Matrix {
  const { x, y } = task;
  const residual = sub(matmul(delta, transpose(x)), transpose(y)); // d × n
  return scale(matmul(residual, x), 2 / (x.rows * y.cols));
}

describe('loraAdapter', () => {
  it('starts from B = 0 and A uniform in ±1/√k (PEFT default), drawn first from RandomState(seed)', () => {
    const { a, b, gamma, rank } = loraAdapter({ d: 10, k: 16, rank: 4, alpha: 8, seed: 3 });
    expect([a.rows, a.cols, b.rows, b.cols, rank]).toEqual([4, 16, 10, 4, 4]);
    expect(gamma).toBe(2);
    expect(b.data.every((v) => v === 0)).toBe(true);
    expect(a.data).toEqual(new RandomState(3).uniform(-0.25, 0.25, 64));
    expect(a.data.every((v) => Math.abs(v) <= 0.25)).toBe(true);
  });

  it('gamma is alpha/r (standard) or alpha/√r (rslora)', () => {
    expect(loraAdapter({ d: 8, k: 8, rank: 4, alpha: 8, scaling: 'standard', seed: 0 }).gamma).toBe(2);
    expect(loraAdapter({ d: 8, k: 8, rank: 4, alpha: 8, scaling: 'rslora', seed: 0 }).gamma).toBe(4);
  });

  it('Gaussian init: std 1/r by default (PEFT), or initStd', () => {
    const g = loraAdapter({ d: 8, k: 8, rank: 4, alpha: 1, init: 'gaussian', seed: 5 });
    expect(g.a.data).toEqual(new RandomState(5).randn(4, 8).data.map((v) => v * 0.25));
    const h = loraAdapter({ d: 8, k: 8, rank: 4, alpha: 1, init: 'gaussian', initStd: 2, seed: 5 });
    expect(h.a.data).toEqual(new RandomState(5).randn(4, 8).data.map((v) => v * 2));
  });

  it('the rank-r A is the first r rows of the rank-R A for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(1000), (r, extra, seed) => {
        const small = loraAdapter({ d: 30, k: 24, rank: Math.min(r, 24), alpha: 1, seed });
        const big = loraAdapter({ d: 30, k: 24, rank: Math.min(r + extra, 24), alpha: 1, seed });
        expect(small.a.data).toEqual(big.a.data.subarray(0, small.a.data.length));
      }),
      { seed: 4242, numRuns: 50 },
    );
  });
});

describe('regressionTask', () => {
  it('draws x = randn(n, k) from the seed, then the shuffle seed, and sets y = x·Tᵀ', () => {
    const target = highRankUpdate({ d: 6, k: 4, noise: 0, rng: new RandomState(0) });
    const task = regressionTask({ target, n: 10, seed: 7 });
    const rng = new RandomState(7);
    expect(task.x).toEqual(rng.randn(10, 4));
    expect(task.shuffleSeed).toBe(Math.floor(rng.randomSample(1)[0] * 2 ** 32));
    close(task.y, matmul(task.x, transpose(target)), { rtol: 1e-14, atol: 1e-15 });
  });

  it('defaults to n = 2k and accepts explicit data', () => {
    const target = highRankUpdate({ d: 6, k: 4, noise: 0, rng: new RandomState(0) });
    expect(regressionTask({ target, seed: 1 }).x.rows).toBe(8);
    const x = new RandomState(2).randn(5, 3);
    const y = new RandomState(3).randn(5, 2);
    const task = regressionTask({ x, y, seed: 9 });
    expect([task.x, task.y, task.shuffleSeed]).toEqual([x, y, 9]);
  });

  it('rejects a target with NaN, naming the entry', () => {
    const target = matrix(3, 3);
    target.data[4] = Number.NaN;
    expect(() => regressionTask({ target, seed: 0 })).toThrow(RangeError);
    expect(() => regressionTask({ target, seed: 0 })).toThrow(/target: A\[1, 1\] is NaN/);
    expect(() => regressionTask({ x: matrix(2, 2), y: matrix(3, 2) })).toThrow(/same number of rows/);
  });
});

describe('loraGradients', () => {
  for (const scaling of ['standard', 'rslora'] as const) {
    it(`matches central finite differences for A and B (regression, ${scaling})`, () => {
      const task = smallTask();
      const adapter = randomAdapter(7, 5, 3, scaling, 11);
      const { gradA, gradB } = loraGradients(task, adapter);
      const loss = () => loraGradients(task, adapter).loss;
      const fdA = finiteDifferences(adapter.a.data, loss);
      const fdB = finiteDifferences(adapter.b.data, loss);
      close(gradA.data, fdA, { rtol: 1e-6, atol: 1e-9 * frobeniusNorm(gradA) });
      close(gradB.data, fdB, { rtol: 1e-6, atol: 1e-9 * frobeniusNorm(gradB) });
    });

    it(`matches central finite differences for A and B (retrieval, ${scaling}, mini-batch)`, () => {
      const facts = associationTask({ kind: 'facts', n: 8, d: 6, k: 5, labels: 4, seed: 2 });
      const task = retrievalTask(facts, { temperature: 0.3 });
      const adapter = randomAdapter(6, 5, 2, scaling, 12);
      const rows = [5, 0, 3];
      const { gradA, gradB } = loraGradients(task, adapter, rows);
      const loss = () => loraGradients(task, adapter, rows).loss;
      close(gradA.data, finiteDifferences(adapter.a.data, loss), { rtol: 1e-6, atol: 1e-9 * frobeniusNorm(gradA) });
      close(gradB.data, finiteDifferences(adapter.b.data, loss), { rtol: 1e-6, atol: 1e-9 * frobeniusNorm(gradB) });
    });
  }

  it('equals the dense chain rule: ∂L/∂B = gamma·G·Aᵀ, ∂L/∂A = gamma·Bᵀ·G with G = ∂L/∂Delta', () => {
    const task = smallTask(9, 6, 12, 4) as Extract<TrainTask, { kind: 'regression' }>;
    const adapter = randomAdapter(9, 6, 4, 'rslora', 8);
    const delta = scale(matmul(adapter.b, adapter.a), adapter.gamma);
    const g = denseGradient(task, delta);
    const { loss, gradA, gradB } = loraGradients(task, adapter);
    const residual = sub(matmul(task.x, transpose(delta)), task.y);
    close(loss, frobeniusNorm(residual) ** 2 / (12 * 9), { rtol: 1e-13 });
    close(gradB, scale(matmul(g, transpose(adapter.a)), adapter.gamma), { rtol: 1e-12, atol: 1e-15 });
    close(gradA, scale(matmul(transpose(adapter.b), g), adapter.gamma), { rtol: 1e-12, atol: 1e-15 });
  });

  it('with B = 0, ∂L/∂A is exactly 0', () => {
    const task = smallTask();
    const { gradA, gradB } = loraGradients(task, loraAdapter({ d: 7, k: 5, rank: 2, alpha: 1, seed: 0 }));
    expect(gradA.data.every((v) => v === 0)).toBe(true);
    expect(frobeniusNorm(gradB)).toBeGreaterThan(0);
  });

  it('the loss of a mini-batch is the loss of the task restricted to those rows', () => {
    const task = smallTask() as Extract<TrainTask, { kind: 'regression' }>;
    const adapter = randomAdapter(7, 5, 3, 'standard', 3);
    const rows = [4, 1, 7];
    const pick = (m: Matrix) => fromRows(rows.map((i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))));
    const sub3 = regressionTask({ x: pick(task.x), y: pick(task.y) });
    const a = loraGradients(task, adapter, rows);
    const b = loraGradients(sub3, adapter);
    close(a.loss, b.loss, { rtol: 1e-14 });
    close(a.gradA, b.gradA, { rtol: 1e-13 });
    close(a.gradB, b.gradB, { rtol: 1e-13 });
  });

  it('loraOutputs(adapter, x) is x·(gamma·B·A)ᵀ', () => {
    const adapter = randomAdapter(7, 5, 3, 'standard', 3);
    const x = new RandomState(1).randn(4, 5);
    close(loraOutputs(adapter, x), matmul(x, transpose(scale(matmul(adapter.b, adapter.a), adapter.gamma))), {
      rtol: 1e-13,
      atol: 1e-15,
    });
  });
});

describe('createOptimizer', () => {
  it('SGD: θ − lr·g; with momentum v = momentum·v + g, θ − lr·v (PyTorch)', () => {
    const p = new Float64Array([1, 2]);
    const opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.5 }, [2]);
    opt.step([p], [new Float64Array([1, -1])], [0.1]);
    close(p, [0.9, 2.1], { rtol: 1e-15 });
    opt.step([p], [new Float64Array([1, -1])], [0.1]);
    close(p, [0.9 - 0.1 * 1.5, 2.1 + 0.1 * 1.5], { rtol: 1e-15 });
    expect(opt.t).toBe(2);
  });

  it('Adam: the first step is lr·g/(|g| + eps), a sign step; AdamW decays θ first', () => {
    const p = new Float64Array([1, 1, 1]);
    const opt = createOptimizer({ type: 'adam', lr: 0.01 }, [3]);
    opt.step([p], [new Float64Array([3, -1e-3, 0])], [0.01]);
    close(p, [1 - 0.01 * (3 / (3 + 1e-8)), 1 + 0.01 * (1e-3 / (1e-3 + 1e-8)), 1], { rtol: 1e-15 });
    const q = new Float64Array([2]);
    createOptimizer({ type: 'adam', lr: 0.1, weightDecay: 0.5 }, [1]).step([q], [new Float64Array([0])], [0.1]);
    close(q, [2 * (1 - 0.05)], { rtol: 1e-15 });
  });
});

describe('createTrainer matches the NumPy reference step by step (10 steps, 1e-10 relative)', () => {
  const ref = trainReference.regression;
  const target = toMatrix(ref.target);
  const task = regressionTask({ target, n: ref.n, seed: ref.taskSeed });

  it('regenerates the reference inputs and shuffle seed from the same seed', () => {
    close(task.x, toMatrix(ref.x), { rtol: 0 });
    expect(task.shuffleSeed).toBe(ref.shuffleSeed);
  });

  const retrieval = trainReference.retrieval;
  const facts = associationTask({
    kind: 'facts',
    n: retrieval.n,
    d: retrieval.d,
    k: retrieval.k,
    labels: retrieval.labels,
    seed: retrieval.seed,
  });
  it('regenerates the reference association task from the same seed', () => {
    close(facts.keys, toMatrix(retrieval.keys), { rtol: 0 });
    close(facts.candidates, toMatrix(retrieval.candidates), { rtol: 0 });
    expect(Array.from(facts.labels)).toEqual(retrieval.labelsDrawn);
  });

  const cases: [string, TrainTask, (typeof ref.cases)[number]][] = [
    ...ref.cases.map((c) => [c.name, task, c] as [string, TrainTask, typeof c]),
    ...retrieval.cases.map(
      (c) => [c.name, retrievalTask(facts, { temperature: retrieval.temperature }), c] as [string, TrainTask, typeof c],
    ),
  ];
  it.each(cases)('%s', (_, t, c) => {
    const trainer = createTrainer({
      task: t,
      rank: c.rank,
      alpha: c.alpha,
      scaling: c.scaling,
      init: c.init,
      seed: c.seed,
      batchSize: c.batchSize,
      optimizer: c.optimizer,
    });
    close(trainer.gamma, c.gamma, { rtol: 1e-15 });
    close(trainer.adapter.a.data, c.a0, { rtol: 0 });
    c.steps.forEach((s) => {
      const m = trainer.step();
      close(m.loss, s.loss, { rtol: 1e-10 });
      close(m.gradNormA, s.gradNormA, { rtol: 1e-10 });
      close(m.gradNormB, s.gradNormB, { rtol: 1e-10 });
      close(m.deltaNorm, s.deltaNorm, { rtol: 1e-10 });
      close(trainer.adapter.a.data, s.a, { rtol: 1e-10 });
      close(trainer.adapter.b.data, s.b, { rtol: 1e-10 });
    });
  });
});

describe('createTrainer', () => {
  const target = lowRankUpdate({ d: 16, k: 12, trueRank: 3, noise: 0, rng: new RandomState(0) });
  const task = regressionTask({ target, n: 40, seed: 1 });
  const base: TrainerConfig = { task, rank: 4, alpha: 4, seed: 2, optimizer: { type: 'adam', lr: 0.02 } };

  it('is deterministic: the same config gives the same bits, full batch and mini-batch', () => {
    for (const batchSize of [undefined, 7]) {
      const a = createTrainer({ ...base, batchSize });
      const b = createTrainer({ ...base, batchSize });
      const ha = a.run(30);
      const hb = b.run(30);
      for (const key of ['loss', 'gradNormA', 'gradNormB', 'deltaNorm'] as const) {
        expect(ha[key].every((v, i) => Object.is(v, hb[key][i]))).toBe(true);
      }
      expect(a.adapter.a.data.every((v, i) => Object.is(v, b.adapter.a.data[i]))).toBe(true);
      expect(a.adapter.b.data.every((v, i) => Object.is(v, b.adapter.b.data[i]))).toBe(true);
    }
    const other = createTrainer({ ...base, seed: 3 }).run(5);
    expect(other.loss[4]).not.toBe(createTrainer(base).run(5).loss[4]);
  });

  it('full batch (from the moments XᵀX/n, YᵀX/n) and row by row give the same loss and gradients', () => {
    const t = createTrainer({ ...base, initial: randomAdapter(16, 12, 4, 'standard', 5) });
    const rowByRow = loraGradients(task, t.adapter);
    const m = t.step();
    close(m.loss, rowByRow.loss, { rtol: 1e-12 });
    close(m.gradNormA, frobeniusNorm(rowByRow.gradA), { rtol: 1e-12 });
    close(m.gradNormB, frobeniusNorm(rowByRow.gradB), { rtol: 1e-12 });
  });

  it('run(n) records the same metrics as n calls of step()', () => {
    const a = createTrainer({ ...base, batchSize: 9 });
    const b = createTrainer({ ...base, batchSize: 9 });
    const h = a.run(12);
    expect(h.firstStep).toBe(1);
    for (let s = 0; s < 12; s++) {
      const m = b.step();
      expect([m.step, m.loss, m.gradNormA, m.gradNormB, m.deltaNorm]).toEqual([
        s + 1,
        h.loss[s],
        h.gradNormA[s],
        h.gradNormB[s],
        h.deltaNorm[s],
      ]);
    }
    expect(a.run(0).loss.length).toBe(0);
    expect(a.run(3).firstStep).toBe(13);
    expect(a.stepCount).toBe(15);
  });

  it('reports loss(), delta() and deltaNorm consistently with the dense update', () => {
    const t = createTrainer({ ...base, scaling: 'rslora' });
    const last = t.run(10).deltaNorm[9];
    const delta = t.delta();
    close(delta, scale(matmul(t.adapter.b, t.adapter.a), t.gamma), { rtol: 1e-13, atol: 1e-16 });
    close(last, frobeniusNorm(delta), { rtol: 1e-10 });
    const residual = sub(matmul(task.x, transpose(delta)), task.y);
    close(t.loss(), frobeniusNorm(residual) ** 2 / (40 * 16), { rtol: 1e-12 });
    close(t.outputs(task.x), matmul(task.x, transpose(delta)), { rtol: 1e-12, atol: 1e-14 });
  });

  it('deltaNorm is ‖γ·B·A‖_F of the dense product, in plain loops and on the kernels (small and large r·r·d), shape after shape', () => {
    const rng = new RandomState(3);
    for (const [d, k, r] of [
      [1, 1, 1],
      [7, 3, 2],
      [64, 64, 1],
      [64, 64, 4],
      [64, 48, 16],
      [33, 65, 64],
      [200, 10, 8],
    ] as const) {
      const b = rng.randn(d, r);
      const a = rng.randn(r, k);
      const dense = frobeniusNorm(matmul(b, a));
      close(deltaNorm({ a, b, gamma: -0.75, rank: r } as Parameters<typeof deltaNorm>[0]), 0.75 * dense, { rtol: 1e-12 });
    }
    // A zero B (LoRA's usual start) gives exactly 0.
    expect(deltaNorm({ a: rng.randn(4, 9), b: matrix(5, 4), gamma: 2, rank: 4 } as Parameters<typeof deltaNorm>[0])).toBe(0);
  });

  it('lowers the loss on a convex toy problem (rank ≥ true rank; SGD and Adam, full batch and mini-batch)', () => {
    for (const optimizer of [
      { type: 'sgd', lr: 0.05, momentum: 0.9 },
      { type: 'adam', lr: 0.02 },
    ] as const) {
      for (const batchSize of [undefined, 10]) {
        const t = createTrainer({ ...base, optimizer, batchSize });
        const start = t.loss();
        t.run(400);
        expect(t.loss()).toBeLessThan(1e-3 * start);
      }
    }
  });

  it('the first SGD step is Delta_1 = −lr·gamma²·G·AᵀA (only B moves)', () => {
    const lr = 0.01;
    const t = createTrainer({ ...base, optimizer: { type: 'sgd', lr } });
    const a0 = matrix(4, 12, t.adapter.a.data.slice());
    const g = denseGradient(task, matrix(16, 12));
    t.step();
    expect(t.adapter.a.data).toEqual(a0.data);
    const expected = scale(matmul(g, matmul(transpose(a0), a0)), -lr * t.gamma ** 2);
    close(t.delta(), expected, { rtol: 1e-12, atol: 1e-15 * frobeniusNorm(expected) });
  });

  it('LoRA+ ratio: B learns with lr·lrRatio', () => {
    const one = createTrainer({ ...base, optimizer: { type: 'sgd', lr: 0.01 } });
    const four = createTrainer({ ...base, optimizer: { type: 'sgd', lr: 0.01, lrRatio: 4 } });
    one.step();
    four.step();
    close(
      four.adapter.b.data,
      one.adapter.b.data.map((v) => 4 * v),
      { rtol: 1e-15 },
    );
  });

  it('starts from given factors', () => {
    const a = new RandomState(9).randn(4, 12);
    const b = new RandomState(10).randn(16, 4);
    const t = createTrainer({ ...base, initial: { a, b } });
    expect(t.adapter.a.data).toEqual(a.data);
    expect(t.adapter.b.data).toEqual(b.data);
    expect(t.adapter.a.data).not.toBe(a.data);
  });

  it('rejects bad input with a RangeError that says what was received', () => {
    const bad: [Partial<TrainerConfig>, RegExp][] = [
      [{ rank: 0 }, /rank must be an integer in 1\.\.min\(d, k\) = 1\.\.12; received 0/],
      [{ rank: -2 }, /received -2/],
      [{ rank: 2.5 }, /received 2.5/],
      [{ rank: 13 }, /1\.\.12; received 13/],
      [{ alpha: 0 }, /alpha must be a finite number > 0; received 0/],
      [{ optimizer: { type: 'sgd', lr: 0 } }, /lr must be a finite number > 0; received 0/],
      [{ optimizer: { type: 'adam', lr: -1 } }, /lr must be a finite number > 0; received -1/],
      [{ optimizer: { type: 'adam', lr: Number.NaN } }, /received NaN/],
      [{ optimizer: { type: 'adam', lr: Infinity } }, /received Infinity/],
      [{ optimizer: { type: 'sgd', lr: 1, momentum: 1 } }, /momentum must be a number in \[0, 1\); received 1/],
      [{ optimizer: { type: 'adam', lr: 1, beta2: -0.1 } }, /beta2/],
      [{ optimizer: { type: 'adam', lr: 1, eps: 0 } }, /eps/],
      [{ optimizer: { type: 'adam', lr: 1, weightDecay: -1 } }, /weightDecay/],
      [{ optimizer: { type: 'sgd', lr: 1, lrRatio: 0 } }, /lrRatio/],
      [{ optimizer: { type: 'rmsprop', lr: 1 } as never }, /type must be 'sgd' or 'adam'; received rmsprop/],
      [{ batchSize: 0 }, /batchSize must be an integer in 1\.\.n = 1\.\.40; received 0/],
      [{ batchSize: 41 }, /received 41/],
      [{ seed: -1 }, /seed/],
      [{ initial: { a: matrix(3, 12), b: matrix(16, 3) } }, /wrong shape/],
    ];
    for (const [patch, message] of bad) {
      const f = () => createTrainer({ ...base, ...patch });
      expect(f).toThrow(RangeError);
      expect(f).toThrow(message);
    }
    expect(() => createTrainer(base).run(-1)).toThrow(/nSteps/);
  });
});

describe('the first-step loss drop against rank (mean of 10 seeds; slope of log drop vs log r within ±0.25)', () => {
  // Small learning rates keep the first step in the linear regime that the
  // predictions describe (drop ∝ gamma²·r for SGD, gamma·r for Adam).
  const ranks = [1, 2, 4, 8, 16, 32];
  const d = 32;
  const k = 32;
  const tasks = [
    ['style target', lowRankUpdate({ d, k, trueRank: 4, noise: 0.01, rng: new RandomState(0) })],
    ['facts target', highRankUpdate({ d, k, noise: 0.01, rng: new RandomState(0) })],
  ] as const;
  const cases = [
    ['sgd', 'standard', -1, 1e-3],
    ['sgd', 'rslora', 0, 1e-3],
    ['adam', 'standard', 0, 1e-4],
    ['adam', 'rslora', 0.5, 1e-4],
  ] as const;
  for (const [name, target] of tasks) {
    const task = regressionTask({ target, n: 64, seed: 1 });
    it.each(cases)(`${name}: %s with %s scaling has slope %d`, (type, scaling, slope, lr) => {
      const drops = ranks.map((rank) => {
        let sum = 0;
        for (let seed = 0; seed < 10; seed++) {
          const { drop, before, after } = firstStepLossDrop({ task, rank, alpha: 8, scaling, seed: 1000 + seed, optimizer: { type, lr } });
          expect(after).toBeLessThan(before);
          sum += drop;
        }
        return sum / 10;
      });
      expect(Math.abs(logLogSlope(ranks, drops) - slope)).toBeLessThanOrEqual(0.25);
    });
  }
});

describe('logLogSlope', () => {
  it('recovers the exponent of a power law', () => {
    close(logLogSlope([1, 2, 4, 8], [3, 3 / Math.SQRT2, 1.5, 1.5 / Math.SQRT2]), -0.5, { rtol: 1e-13 });
    close(logLogSlope([1, 10], [5, 5]), 0, { atol: 1e-15 });
  });
  it('rejects points that cannot be put on log axes', () => {
    expect(() => logLogSlope([1, 2], [1, 0])).toThrow(/point 1 is \(2, 0\)/);
    expect(() => logLogSlope([1], [1])).toThrow(RangeError);
    expect(() => logLogSlope([2, 2], [1, 3])).toThrow(/all x are equal/);
  });
});
