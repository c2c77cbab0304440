import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RegressionTask, createTrainer, loraAdapter, loraGradients, reducedRankFloor, regressionTask } from '../src/train/index.ts';
import { type Matrix, RandomState, frobeniusNorm, matmul, qr, scale, sub, svd, transpose } from '../src/index.ts';
import { highRankUpdate } from '../src/experiments/index.ts';
import { close } from './close.ts';
import { toMatrix } from './fixtures.ts';
import { rigorReference } from './rigorFixtures.ts';

/** The task's loss at a dense update, (1/(n·d))·‖x·Deltaᵀ − y‖². */
function lossAt(task: RegressionTask, delta: Matrix): number {
  return frobeniusNorm(sub(matmul(task.x, transpose(delta)), task.y)) ** 2 / (task.x.rows * task.y.cols);
}

/** The SVD truncation T_r of a target. */
function truncation(target: Matrix, r: number): Matrix {
  const { u, s, vt } = svd(target);
  const out = new Float64Array(target.rows * target.cols);
  const p = s.length;
  for (let l = 0; l < r; l++) {
    for (let i = 0; i < target.rows; i++) {
      const c = u.data[i * p + l] * s[l];
      for (let j = 0; j < target.cols; j++) out[i * target.cols + j] += c * vt.data[l * target.cols + j];
    }
  }
  return { rows: target.rows, cols: target.cols, data: out };
}

function gaussianTask(d: number, k: number, n: number, seed: number): RegressionTask {
  return regressionTask({ target: new RandomState(seed).randn(d, k), n, seed: seed + 1 });
}

describe('reducedRankFloor', () => {
  it('has one entry per rank 0..min(d, k), starts at the loss of Delta = 0, never rises, and ends at 0 for a target task', () => {
    for (const [d, k, n] of [
      [9, 7, 14],
      [5, 8, 16],
      [6, 6, 3],
    ] as const) {
      const task = gaussianTask(d, k, n, 3);
      const floor = reducedRankFloor(task);
      expect(floor.length).toBe(Math.min(d, k) + 1);
      close(floor[0], frobeniusNorm(task.y) ** 2 / (n * d), { rtol: 1e-12 });
      for (let r = 1; r < floor.length; r++) expect(floor[r]).toBeLessThanOrEqual(floor[r - 1]);
      expect(floor[floor.length - 1]).toBeLessThanOrEqual(1e-14 * floor[0]);
    }
  });

  it('is at most the loss of the SVD truncation of T at every rank (the lab facts target at d = k = 64)', () => {
    const target = highRankUpdate({ d: 64, k: 64, noise: 0.01, rng: new RandomState(42) });
    const task = regressionTask({ target, seed: 43 });
    const floor = reducedRankFloor(task);
    for (const r of [1, 4, 16, 32, 63]) {
      expect(floor[r]).toBeLessThanOrEqual(lossAt(task, truncation(target, r)) * (1 + 1e-12));
    }
    // n = 2k Gaussian inputs are far from Σ = I: at r = 16 the floor is well below the truncation's loss.
    expect(floor[16] / lossAt(task, truncation(target, 16))).toBeLessThan(0.8);
  });

  it('equals the SVD truncation of T when Σ = xᵀx/n = I (Eckart–Young is then the answer)', () => {
    const d = 7;
    const k = 5;
    const n = 12;
    const target = new RandomState(9).randn(d, k);
    const x = scale(qr(new RandomState(10).randn(n, k)).q, Math.sqrt(n)); // xᵀx = n·I
    const task = regressionTask({ x, y: matmul(x, transpose(target)) });
    const floor = reducedRankFloor(task);
    for (let r = 0; r <= k; r++) close(floor[r], lossAt(task, truncation(target, r)), { rtol: 1e-10, atol: 1e-14 });
    const { s } = svd(target, { vectors: false });
    close(floor[2], (s[2] ** 2 + s[3] ** 2 + s[4] ** 2) / d, { rtol: 1e-10 });
  });

  it('handles a singular Σ (fewer inputs than k): a rank-n update already fits the n outputs', () => {
    const task = gaussianTask(6, 10, 4, 21);
    const floor = reducedRankFloor(task);
    expect(floor[3]).toBeGreaterThan(0);
    for (let r = 4; r <= 6; r++) expect(floor[r]).toBeLessThanOrEqual(1e-14 * floor[0]);
  });

  it('no LoRA adapter of rank r goes below floor[r], whatever its factors (random B, A)', () => {
    const task = gaussianTask(8, 6, 12, 31);
    const floor = reducedRankFloor(task);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(10_000), fc.double({ min: 0.01, max: 10, noNaN: true }), (r, seed, c) => {
        const adapter = loraAdapter({ d: 8, k: 6, rank: r, alpha: 1, seed });
        adapter.b.data.set(new RandomState(seed + 1).randn(8, r).data.map((v) => v * c));
        const { loss } = loraGradients(task, adapter);
        expect(loss).toBeGreaterThanOrEqual(floor[r] - 1e-13 * floor[0]);
      }),
      { seed: 20_251, numRuns: 60 },
    );
  });

  it('training reaches it, whatever gamma: Adam and SGD, alpha/r and alpha/√r, no weight decay, to 1e-10 relative; no step is below it', () => {
    const task = gaussianTask(12, 10, 20, 7);
    const floor = reducedRankFloor(task);
    const c0 = floor[0];
    for (const [type, lr, steps] of [
      ['adam', 0.01, 2000],
      ['sgd', 0.05, 4000],
    ] as const) {
      for (const scaling of ['standard', 'rslora'] as const) {
        for (const rank of [1, 3]) {
          const trainer = createTrainer({ task, rank, alpha: 4, scaling, seed: 3, optimizer: { type, lr } });
          const { loss } = trainer.run(steps);
          for (const l of loss) expect(l).toBeGreaterThanOrEqual(floor[rank] - 1e-13 * c0);
          close(trainer.loss(), floor[rank], { rtol: 1e-10 });
        }
      }
    }
  });

  it('matches NumPy (Σ^{1/2} by eigh, then the tail of σ(T·Σ^{1/2})²/d) and its truncation losses', () => {
    for (const c of rigorReference.floor) {
      const target = scale(new RandomState(c.targetSeed).randn(c.d, c.k), c.scale);
      const task = regressionTask({ target, n: c.n, seed: c.taskSeed });
      const floor = reducedRankFloor(task);
      close(floor, c.floor, { rtol: 1e-9, atol: 1e-13 * c.floor[0] });
      c.truncation.forEach((t, r) => {
        close(lossAt(task, truncation(target, r)), t, { rtol: 1e-9, atol: 1e-13 * c.floor[0] });
        expect(floor[r]).toBeLessThanOrEqual(t * (1 + 1e-12) + 1e-13 * c.floor[0]);
      });
    }
  });

  it('for outputs that are not a linear function of the inputs, ends at the least-squares residual (NumPy)', () => {
    const { x, y, floor } = rigorReference.dataFloor;
    const task = regressionTask({ x: toMatrix(x), y: toMatrix(y) });
    const got = reducedRankFloor(task);
    close(got, floor, { rtol: 1e-10 });
    expect(got[got.length - 1]).toBeGreaterThan(0.5);
  });
});
