import { describe, expect, it } from 'vitest';
import { styleVsFacts } from '../../../src/demos/style-vs-facts/model.ts';
import { energyPairChart, pairTable, describePair } from '../../../src/demos/style-vs-facts/charts.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('styleVsFacts', () => {
  const pair = styleVsFacts(42);

  it('has monotone energy ending at 1 and errors from 1 down to 0', () => {
    for (const u of [pair.style, pair.facts]) {
      for (let i = 1; i < u.energy.length; i++) expect(u.energy[i]!).toBeGreaterThanOrEqual(u.energy[i - 1]!);
      expect(rel(u.energy.at(-1)!, 1)).toBeLessThan(1e-12);
      expect(u.error[0]).toBe(1);
      expect(u.error.at(-1)).toBe(0);
      // error² + energy = 1 at every rank (Eckart–Young: the discarded share is the squared error).
      for (let r = 1; r < u.error.length; r++) expect(Math.abs(u.error[r]! ** 2 + u.energy[r - 1]! - 1)).toBeLessThan(1e-12);
    }
  });

  it('needs rank 4 for 99 % (style) and most of the 64 directions (facts)', () => {
    expect(pair.style.rank99).toBe(4);
    expect(pair.facts.rank90).toBeGreaterThan(32);
    expect(pair.facts.effectiveRank).toBeGreaterThan(4 * pair.style.effectiveRank);
  });
});

describe('comparison charts', () => {
  it('labels each curve with a text mark of its own colour, inside the plot', () => {
    const chart = energyPairChart({ style: [0.9, 0.99, 1], facts: [0.2, 0.5, 1] }, { width: 320, height: 260 });
    const texts = (chart.marks ?? []).filter((m) => (m as { ariaLabel?: string }).ariaLabel === 'text');
    expect(texts).toHaveLength(2);
  });

  it('tabulates and describes a pair', () => {
    const pair = { style: [3, 1], facts: [2, 2] };
    expect(pairTable('i', 'σ', pair, 1)).toEqual({
      columns: ['i', 'σ, style', 'σ, facts'],
      rows: [
        [1, 3, 2],
        [2, 1, 2],
      ],
    });
    expect(describePair('S', pair, [1, 2, 9], 1)).toBe('S. Style: 3 at 1, 1 at 2. Facts: 2 at 1, 2 at 2.');
  });
});
