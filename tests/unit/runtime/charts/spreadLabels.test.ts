import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spreadLabels } from '../../../../src/runtime/charts/spreadLabels.ts';

describe('spreadLabels', () => {
  it('leaves labels that are already apart where they are', () => {
    expect(spreadLabels([10, 50, 100], 14)).toEqual([10, 50, 100]);
  });

  it('moves colliding labels apart symmetrically around their wishes', () => {
    expect(spreadLabels([100, 104, 200], 14)).toEqual([95, 109, 200]);
    expect(spreadLabels([50, 50, 50], 10)).toEqual([40, 50, 60]);
  });

  it('keeps the input order in its output and respects the bounds', () => {
    expect(spreadLabels([100, 0, 100], 14, 0, 105)).toEqual([91, 0, 105]);
  });

  it('never leaves two labels closer than the gap, whatever the wishes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }), (wishes) => {
        const placed = spreadLabels(wishes, 14).sort((a, b) => a - b);
        return placed.every((p, i) => i === 0 || p - placed[i - 1]! >= 14 - 1e-9);
      }),
      { seed: 11 },
    );
  });
});
