import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logLogSlope, slopeOverSeeds } from '../src/train/index.ts';
import { close } from './close.ts';

const ranks = [1, 2, 4, 8, 16];

describe('slopeOverSeeds', () => {
  it('recovers the exponent of exact power laws with zero spread, whatever the constant of each seed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (b, cs) => {
          const s = slopeOverSeeds(
            ranks,
            cs.map((c) => ranks.map((r) => c * r ** b)),
          );
          close(s.mean, b, { rtol: 1e-10, atol: 1e-12 });
          close(s.ofMean, b, { rtol: 1e-10, atol: 1e-12 });
          expect(s.sd).toBeLessThan(1e-10);
        },
      ),
      { seed: 11, numRuns: 50 },
    );
  });

  it('mean and sample standard deviation (n − 1) of the per-seed slopes; standard error sd/√n', () => {
    const rows = [ranks.map((r) => r ** -1), ranks.map((r) => r ** -0.5), ranks.map((r) => 3 * r ** 0)];
    const s = slopeOverSeeds(ranks, rows);
    close(s.perSeed, [-1, -0.5, 0], { rtol: 1e-12, atol: 1e-14 });
    close(s.mean, -0.5, { rtol: 1e-12 });
    close(s.sd, 0.5, { rtol: 1e-12 }); // deviations −0.5, 0, 0.5: √(0.5/2)
    close(s.standardError, 0.5 / Math.sqrt(3), { rtol: 1e-12 });
    expect(slopeOverSeeds(ranks, [rows[0]]).sd).toBe(0);
  });

  it('fits from r = 2 by default (r = 1 is left out), or from any rank', () => {
    const row = [100, 2, 4, 8, 16]; // r = 1 is off the line
    const s = slopeOverSeeds(ranks, [row]);
    expect(s.ranks).toEqual([2, 4, 8, 16]);
    close(s.mean, 1, { rtol: 1e-12 });
    close(slopeOverSeeds(ranks, [row], { fromRank: 1 }).mean, logLogSlope(ranks, row), { rtol: 1e-12 });
  });

  it('ofMean is the slope of the mean curve, which the log of one seed biases: sums of r terms, log-mean below mean-log', () => {
    const rows = [
      [1, 3, 5, 9, 17],
      [3, 5, 9, 15, 31],
    ];
    const s = slopeOverSeeds(ranks, rows, { fromRank: 1 });
    close(s.ofMean, logLogSlope(ranks, [2, 4, 7, 12, 24]), { rtol: 1e-12 });
    expect(s.ofMean).not.toBeCloseTo(s.mean, 3);
  });

  it('rejects no rows, rows of the wrong length, too few ranks and non-positive values', () => {
    expect(() => slopeOverSeeds(ranks, [])).toThrow(/at least one row/);
    expect(() => slopeOverSeeds(ranks, [[1, 2, 3]])).toThrow(/row 0 has 3 values; expected one per rank \(5\)/);
    expect(() => slopeOverSeeds([1, 2], [[1, 2]])).toThrow(/at least two ranks >= fromRank = 2/);
    expect(() => slopeOverSeeds(ranks, [[1, 2, 0, 4, 5]])).toThrow(/point 1 is \(4, 0\)/);
  });
});
