import { describe, expect, it } from 'vitest';
import capacity32 from '@lora-rank/core/data/retrieval-capacity.json' with { type: 'json' };
import { bitsSummary, type CapacityFixture } from '../../../src/demos/capacity/bits.ts';
import { describeBits } from '../../../src/demos/capacity/charts.ts';

describe('bitsSummary (capacity as information, from the core’s measurements)', () => {
  const s = bitsSummary(capacity32 as CapacityFixture);

  it('summarises every rank measured: parameters r(d + k), the range of N over seeds, mean bits', () => {
    expect(s.d).toBe(32);
    expect(s.perRank.map((r) => r.rank)).toEqual([1, 2, 4, 8, 16, 32]);
    for (const r of s.perRank) {
      expect(r.parameters).toBe(r.rank * 64);
      expect(r.nMin).toBeLessThanOrEqual(r.nMax);
      expect(r.bitsPerParameter).toBeCloseTo(r.bits / r.parameters, 12);
    }
  });

  it('bits are facts · log₂ N, and grow with parameters', () => {
    for (const p of s.points) expect(p.bits).toBeGreaterThan(0);
    const means = s.perRank.map((r) => r.bits);
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeGreaterThan(means[i - 1]!);
  });

  it('takes the low-rank fit over ranks 2–8 and the fit over every rank, with their spread', () => {
    expect(s.lowRanks).toEqual([2, 8]);
    expect(s.lowRank!.mean).toBeGreaterThan(1);
    expect(s.lowRank!.sd).toBeGreaterThan(0);
    expect(s.allRanks!.mean).toBeLessThan(s.lowRank!.mean);
    expect(describeBits([s])).toContain('Fit over ranks 2–8');
  });
});
