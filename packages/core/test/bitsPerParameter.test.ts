import { describe, expect, it } from 'vitest';
import { type RetrievalCapacity, bitsPerParameter } from '../src/train/index.ts';
import { close } from './close.ts';

/** A result with the given bits for rank r at d = k = 16. */
const result = (rank: number, seed: number, bits: number): RetrievalCapacity => ({
  rank,
  seed,
  parameters: rank * 32,
  n: 0,
  retrieved: 0,
  bits,
  failedAt: null,
  probes: [],
});

describe('bitsPerParameter', () => {
  it('recovers c of bits = c·parameters per seed, with mean and sample sd over seeds', () => {
    const cs = [1.5, 2, 2.5];
    const rows = cs.flatMap((c, seed) => [1, 2, 4, 8].map((r) => result(r, seed, c * r * 32)));
    const b = bitsPerParameter(rows);
    close(b.perSeed, cs, { rtol: 1e-14 });
    close(b.mean, 2, { rtol: 1e-14 });
    close(b.sd, 0.5, { rtol: 1e-12 });
    expect(b.seeds).toEqual([0, 1, 2]);
    expect(b.perRank.map((p) => p.rank)).toEqual([1, 2, 4, 8]);
    b.perRank.forEach((p) => close(p.bitsPerParameter, 2, { rtol: 1e-14 }));
  });

  it('is the least-squares slope through the origin Σ bits·p / Σ p² when the ratio varies with rank', () => {
    const rows = [result(1, 0, 10), result(2, 0, 100), result(4, 0, 150)];
    close(bitsPerParameter(rows).mean, (10 * 32 + 100 * 64 + 150 * 128) / (32 ** 2 + 64 ** 2 + 128 ** 2), { rtol: 1e-14 });
    expect(bitsPerParameter(rows).sd).toBe(0);
  });

  it("'effective' counts r·(d + k − r): the nominal count less r²", () => {
    const rows = [result(4, 0, 200), result(16, 0, 400)];
    const e = bitsPerParameter(rows, { count: 'effective' });
    expect(e.perRank.map((p) => p.parameters)).toEqual([4 * 32 - 16, 16 * 32 - 256]);
    close(e.mean, (200 * 112 + 400 * 256) / (112 ** 2 + 256 ** 2), { rtol: 1e-14 });
  });

  it('rejects no results', () => {
    expect(() => bitsPerParameter([])).toThrow(/at least one capacity result/);
  });
});
