import { describe, expect, it } from 'vitest';
import {
  type AssociationTask,
  associationTask,
  createTrainer,
  leastSquaresUpdate,
  loraGradients,
  recallMeasures,
  retrievalTask,
  truncatedRecall,
} from '../src/train/index.ts';
import { RandomState, frobeniusNorm, fromRows, matmul, matrix, matrixRank, qr, scale, sub, transpose } from '../src/index.ts';
import { close } from './close.ts';

/** n orthonormal keys in R^k and n orthogonal values in R^d of norm c. */
function orthogonalFacts(n: number, d: number, k: number, c: number, seed: number): AssociationTask {
  const rng = new RandomState(seed);
  const keys = transpose(qr(rng.randn(k, n)).q); // n × k, orthonormal rows
  const values = scale(transpose(qr(rng.randn(d, n)).q), c); // n × d, orthogonal rows of norm c
  return { keys, values, candidates: values, labels: Int32Array.from({ length: n }, (_, i) => i) };
}

describe('associationTask', () => {
  it('facts: keys = randn(n, k)/√k, then values = randn(n, d)/√d, each key its own candidate', () => {
    const t = associationTask({ kind: 'facts', n: 5, d: 4, k: 3, seed: 8 });
    const rng = new RandomState(8);
    close(t.keys, scale(rng.randn(5, 3), 1 / Math.sqrt(3)), { rtol: 1e-15 });
    close(t.values, scale(rng.randn(5, 4), 1 / Math.sqrt(4)), { rtol: 1e-15 });
    expect(t.candidates).toBe(t.values);
    expect(Array.from(t.labels)).toEqual([0, 1, 2, 3, 4]);
  });

  it('facts with M labels: each value is the row of the label matrix for its label', () => {
    const t = associationTask({ kind: 'facts', n: 20, d: 6, k: 5, labels: 3, seed: 1 });
    expect([t.candidates.rows, t.candidates.cols]).toEqual([3, 6]);
    t.labels.forEach((c, i) => {
      expect(c >= 0 && c < 3).toBe(true);
      expect(t.values.data.subarray(i * 6, i * 6 + 6)).toEqual(t.candidates.data.subarray(c * 6, c * 6 + 6));
    });
  });

  it('style: values = keys·Sᵀ for a fixed transform S of the given rank', () => {
    const t = associationTask({ kind: 'style', n: 12, d: 10, k: 8, styleRank: 3, seed: 2 });
    const s = t.transform as NonNullable<typeof t.transform>;
    expect(matrixRank(s)).toBe(3);
    close(t.values, matmul(t.keys, transpose(s)), { rtol: 1e-12, atol: 1e-15 });
  });

  it('rejects bad sizes, labels on a style task and a bad style rank', () => {
    expect(() => associationTask({ kind: 'facts', n: 0, d: 4, k: 4, seed: 0 })).toThrow(/n must be a positive integer/);
    expect(() => associationTask({ kind: 'style', n: 4, d: 4, k: 4, labels: 2, seed: 0 })).toThrow(/labels apply/);
    expect(() => associationTask({ kind: 'style', n: 4, d: 4, k: 3, styleRank: 4, seed: 0 })).toThrow(
      /styleRank must be an integer in 1\.\.min\(d, k\) = 1\.\.3; received 4/,
    );
  });
});

describe('leastSquaresUpdate', () => {
  it('recalls every value exactly when the keys are independent (n ≤ k)', () => {
    const t = associationTask({ kind: 'facts', n: 10, d: 7, k: 12, seed: 3 });
    const w = leastSquaresUpdate(t.keys, t.values);
    close(matmul(t.keys, transpose(w)), t.values, { rtol: 1e-10, atol: 1e-12 });
  });

  it('satisfies the normal equations W·KᵀK = VᵀK when there are more keys than dimensions', () => {
    const t = associationTask({ kind: 'facts', n: 30, d: 6, k: 8, seed: 4 });
    const w = leastSquaresUpdate(t.keys, t.values);
    const lhs = matmul(w, matmul(transpose(t.keys), t.keys));
    close(lhs, matmul(transpose(t.values), t.keys), { rtol: 1e-10, atol: 1e-12 });
  });

  it('is the minimum-norm solution: its rows lie in the span of the keys', () => {
    const t = associationTask({ kind: 'facts', n: 4, d: 5, k: 9, seed: 5 });
    const w = leastSquaresUpdate(t.keys, t.values);
    const q = qr(transpose(t.keys)).q; // k × 4, basis of the key span
    const projected = matmul(matmul(w, q), transpose(q));
    close(projected, w, { rtol: 1e-12, atol: 1e-14 });
  });
});

describe('truncatedRecall', () => {
  it('orthonormal keys, orthogonal equal-norm values: relative error is exactly sqrt(1 − r/N)', () => {
    const n = 8;
    const t = orthogonalFacts(n, 12, 16, 1.7, 6);
    const ranks = [1, 2, 3, 5, 8, 12];
    const rows = truncatedRecall(t, ranks);
    rows.forEach(({ rank, relativeError }) => {
      close(relativeError, Math.sqrt(Math.max(0, 1 - rank / n)), { rtol: 1e-12, atol: 1e-13 });
    });
    expect(rows.map((r) => r.rank)).toEqual(ranks);
    const full = rows.find((r) => r.rank === 8) as (typeof rows)[number];
    expect([full.cosineShare, full.retrievalAccuracy]).toEqual([1, 1]);
  });

  it('the recall error never rises with the rank (the discarded terms are orthogonal)', () => {
    for (const kind of ['facts', 'style'] as const) {
      const t = associationTask({ kind, n: 40, d: 24, k: 20, seed: 7 });
      const rows = truncatedRecall(
        t,
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].relativeError).toBeLessThanOrEqual(rows[i - 1].relativeError * (1 + 1e-12) + 1e-13);
      }
    }
  });

  it('at full rank it measures the least-squares update itself', () => {
    const t = associationTask({ kind: 'facts', n: 15, d: 6, k: 9, labels: 5, seed: 9 });
    const [row] = truncatedRecall(t, [6]);
    const direct = recallMeasures(t, matmul(t.keys, transpose(leastSquaresUpdate(t.keys, t.values))));
    close(row.relativeError, direct.relativeError, { rtol: 1e-10 });
    expect([row.cosineShare, row.retrievalAccuracy]).toEqual([direct.cosineShare, direct.retrievalAccuracy]);
  });

  it('a style task of rank s is recalled exactly from rank s on', () => {
    const t = associationTask({ kind: 'style', n: 30, d: 16, k: 16, styleRank: 3, seed: 10 });
    const rows = truncatedRecall(t, [2, 3, 4]);
    expect(rows[0].relativeError).toBeGreaterThan(1e-3);
    expect(rows[1].relativeError).toBeLessThan(1e-12);
    expect(rows[2].relativeError).toBeLessThan(1e-12);
  });

  it('rejects ranks outside 1..min(d, k)', () => {
    const t = associationTask({ kind: 'facts', n: 5, d: 4, k: 6, seed: 0 });
    expect(() => truncatedRecall(t, [0])).toThrow(/1\.\.4; received 0/);
    expect(() => truncatedRecall(t, [5])).toThrow(RangeError);
  });
});

describe('recallMeasures', () => {
  const t: AssociationTask = {
    keys: matrix(3, 1),
    values: fromRows([
      [1, 0],
      [0, 1],
      [-1, 0],
    ]),
    candidates: fromRows([
      [1, 0],
      [0, 1],
      [-1, 0],
    ]),
    labels: Int32Array.from([0, 1, 2]),
  };

  it('exact outputs: error 0, every cosine 1, every key retrieved', () => {
    expect(recallMeasures(t, t.values)).toEqual({ relativeError: 0, cosineShare: 1, retrievalAccuracy: 1 });
  });

  it('zero outputs: error 1, cosine 0, and ties count as misses', () => {
    expect(recallMeasures(t, matrix(3, 2))).toEqual({ relativeError: 1, cosineShare: 0, retrievalAccuracy: 0 });
  });

  it('nearest candidate, not largest dot product; the cosine threshold is inclusive', () => {
    const p = fromRows([
      [0.4, 0.3], // nearer to (1, 0) than (0, 1): retrieved; cosine 0.8
      [0.1, 0.2], // nearer to (0, 1)? distances² 0.82 vs 0.65: retrieved; cosine 0.894
      [0.2, 0], // nearer to (1, 0) than (−1, 0): missed; cosine −1
    ]);
    const m = recallMeasures(t, p);
    expect(m.retrievalAccuracy).toBeCloseTo(2 / 3, 15);
    expect(m.cosineShare).toBe(0);
    expect(recallMeasures(t, p, 0.8).cosineShare).toBeCloseTo(2 / 3, 15);
    close(m.relativeError, frobeniusNorm(sub(p, t.values)) / Math.sqrt(3), { rtol: 1e-15 });
  });

  it('rejects outputs of the wrong shape', () => {
    expect(() => recallMeasures(t, matrix(2, 2))).toThrow(/expected 3×2/);
  });
});

describe('LoRA trained on the retrieval objective', () => {
  it('keeps the cross-entropy finite when the right candidate is hopelessly far (stable logsumexp)', () => {
    const t: AssociationTask = {
      keys: fromRows([[1]]),
      values: fromRows([[-1]]),
      candidates: fromRows([[-1], [1]]),
      labels: Int32Array.from([0]),
    };
    const task = retrievalTask(t, { temperature: 1e-3 });
    const adapter = { a: fromRows([[1]]), b: fromRows([[100]]), gamma: 1, rank: 1 };
    const { loss, gradB } = loraGradients(task, adapter);
    close(loss, 200 / 1e-3, { rtol: 1e-12 }); // z_0 − z_1 = (−100 − 100)/τ
    expect(Number.isFinite(gradB.data[0])).toBe(true);
  });

  it('lowers the cross-entropy and reports recall measures of its outputs', () => {
    const facts = associationTask({ kind: 'facts', n: 24, d: 16, k: 16, seed: 11 });
    const trainer = createTrainer({
      task: retrievalTask(facts),
      rank: 16,
      alpha: 16,
      seed: 0,
      optimizer: { type: 'adam', lr: 0.01 },
    });
    const start = trainer.loss();
    const before = recallMeasures(facts, trainer.outputs(facts.keys));
    trainer.run(200);
    expect(trainer.loss()).toBeLessThan(0.5 * start);
    const after = recallMeasures(facts, trainer.outputs(facts.keys));
    // Delta = 0 at the start: every output is 0, nearest to the smallest candidate only.
    expect(before.retrievalAccuracy).toBe(1 / 24);
    expect(after.retrievalAccuracy).toBeGreaterThan(before.retrievalAccuracy);
  });
});
