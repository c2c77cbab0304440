import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CapacityProbe,
  type RetrievalCapacity,
  associationTask,
  bitsPerParameter,
  createTrainer,
  recallMeasures,
  retrievalCapacity,
  retrievalTask,
} from '../src/train/index.ts';

const base = { d: 8, k: 8, maxSteps: 400, checkEvery: 50 } as const;

describe('retrievalCapacity', () => {
  const seen: CapacityProbe[] = [];
  const cap = retrievalCapacity({ ...base, rank: 2, seed: 1, onProbe: (p) => seen.push(p) });

  it('brackets the threshold: N succeeded, failedAt failed, within the tolerance (±1 for small N)', () => {
    const byN = new Map(cap.probes.map((p) => [p.n, p]));
    expect(byN.get(cap.n)?.success).toBe(true);
    expect(cap.failedAt).not.toBeNull();
    expect(byN.get(cap.failedAt as number)?.success).toBe(false);
    expect((cap.failedAt as number) - cap.n).toBeLessThanOrEqual(Math.max(1, 0.02 * cap.n));
    // No success above a failure among the probes tried after the doubling phase's first failure.
    for (const p of cap.probes) if (p.n > (cap.failedAt as number)) expect(p.success).toBe(false);
  });

  it('counts r·(d + k) parameters and retrieved·log₂ N bits; reports every run to onProbe', () => {
    expect(cap.parameters).toBe(2 * 16);
    expect(cap.retrieved).toBe(Math.round((cap.probes.find((p) => p.n === cap.n) as CapacityProbe).accuracy * cap.n));
    expect(cap.retrieved).toBeGreaterThanOrEqual(0.9 * cap.n);
    expect(cap.bits).toBeCloseTo(cap.retrieved * Math.log2(cap.n), 12);
    expect(seen).toEqual(cap.probes);
  });

  it('each run is a fresh adapter trained on N facts from the seed, stopped at the first check that meets the level', () => {
    const p = cap.probes[0];
    const facts = associationTask({ kind: 'facts', n: p.n, d: 8, k: 8, seed: 1 });
    const trainer = createTrainer({
      task: retrievalTask(facts, { seed: 1 }),
      rank: 2,
      alpha: 16,
      seed: 1,
      optimizer: { type: 'adam', lr: 0.01 },
    });
    trainer.run(p.steps);
    const acc = recallMeasures(facts, trainer.outputs(facts.keys)).retrievalAccuracy;
    if (p.success) expect(acc).toBe(p.accuracy);
    else expect(p.steps).toBe(400);
  });

  it('is deterministic, and a larger rank holds more facts', () => {
    expect(retrievalCapacity({ ...base, rank: 2, seed: 1 })).toEqual(cap);
    expect(retrievalCapacity({ ...base, rank: 6, seed: 1 }).n).toBeGreaterThan(cap.n);
  });

  it('stops at maxN when every run succeeds (failedAt null)', () => {
    const easy = retrievalCapacity({ ...base, rank: 8, seed: 2, startN: 2, maxN: 4 });
    expect(easy.n).toBe(4);
    expect(easy.failedAt).toBeNull();
    expect(easy.probes.map((p) => p.n)).toEqual([2, 4]);
  });

  it('rejects a bad rank and bad search settings', () => {
    expect(() => retrievalCapacity({ ...base, rank: 9, seed: 0 })).toThrow(/rank must be an integer in 1\.\.min\(d, k\) = 1\.\.8/);
    expect(() => retrievalCapacity({ ...base, rank: 1, seed: 0, level: 0 })).toThrow(/level must be in \(0, 1\]/);
    expect(() => retrievalCapacity({ ...base, rank: 1, seed: 0, startN: 1 })).toThrow(/2 <= startN <= maxN/);
    expect(() => retrievalCapacity({ ...base, rank: 1, seed: 0, maxSteps: 0 })).toThrow(/maxSteps must be a positive integer/);
  });
});

for (const name of ['retrieval-capacity.json', 'retrieval-capacity-d64.json']) {
  describe(`the committed fixture data/${name} (npm run capacity)`, () => {
    const data = JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8')) as {
      settings: { d: number; k: number } & Record<string, unknown>;
      results: (RetrievalCapacity & { cpuSeconds: number })[];
      fits: { count: 'nominal' | 'effective'; fromRank: number; toRank: number; mean: number; sd: number; perSeed: number[] }[];
    };

    it('holds one consistent result per (rank, seed): N succeeded, N + 1..failedAt failed, bits = retrieved·log₂N', () => {
      expect(data.results.length).toBeGreaterThanOrEqual(4);
      for (const r of data.results) {
        expect(r.parameters).toBe(r.rank * (data.settings.d + data.settings.k));
        expect(r.probes.find((p) => p.n === r.n)?.success).toBe(true);
        expect(r.probes.find((p) => p.n === r.failedAt)?.success).toBe(false);
        expect(r.bits).toBeCloseTo(r.retrieved * Math.log2(r.n), 9);
      }
    });

    it('its fits are bitsPerParameter of its results', () => {
      for (const f of data.fits) {
        const rows = data.results.filter((r) => r.rank >= f.fromRank && r.rank <= f.toRank);
        const b = bitsPerParameter(rows, { count: f.count });
        expect(b.mean).toBeCloseTo(f.mean, 12);
        expect(b.sd).toBeCloseTo(f.sd, 12);
      }
    });

    it('is current: rerunning its cheapest (rank, seed) with its settings gives the same result', () => {
      const cheapest = [...data.results].sort((a, b) => a.cpuSeconds - b.cpuSeconds)[0];
      const { cpuSeconds: _, ...stored } = cheapest;
      expect(
        retrievalCapacity({
          ...(data.settings as object),
          d: data.settings.d,
          k: data.settings.k,
          rank: cheapest.rank,
          seed: cheapest.seed,
        }),
      ).toEqual(stored);
    });
  });
}
