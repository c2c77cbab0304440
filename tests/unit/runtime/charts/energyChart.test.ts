import { describe, expect, it } from 'vitest';
import { describeEnergy, energyPoints } from '../../../../src/runtime/charts/energyChart.ts';

describe('energyPoints', () => {
  it('starts at (0, 0) and follows the cumulative shares', () => {
    expect(energyPoints([0.5, 0.9, 1])).toEqual([
      { r: 0, share: 0 },
      { r: 1, share: 0.5 },
      { r: 2, share: 0.9 },
      { r: 3, share: 1 },
    ]);
  });
});

describe('describeEnergy', () => {
  it('describes the energy curve with the 90 % and 99 % ranks', () => {
    const text = describeEnergy({ energy: [0.6, 0.95, 1, 1], rank90: 2, rank99: 3 });
    expect(text).toContain('60 % at r = 1');
    expect(text).toContain('100 % at r = 4');
    expect(text).toContain('90 % needs r = 2; 99 % needs r = 3 of 4');
  });

  it('says when a threshold lies beyond the values computed', () => {
    const text = describeEnergy({ energy: [0.05, 0.1], rank90: null, rank99: null, total: 4096 });
    expect(text).toContain('90 % needs more than 2; 99 % needs more than 2 of 4096 (top 2 computed)');
  });
});
