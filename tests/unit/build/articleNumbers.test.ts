import { describe, expect, it } from 'vitest';
import { N } from '../../../src/build/articleNumbers.ts';

describe('build-time numbers in the prose', () => {
  it('quote the reference values', () => {
    expect(N.styleEnergy4).toBe('99.2 %');
    expect(N.factsEnergy8).toBe('28.3 %');
    expect(N.factsEnergy32).toBe('80.8 %');
    expect(N.cellsAboveOne).toBe('16');
    expect(N.factsStandard16).toBe(N.factsOptimal16);
    expect(N.factsRslora2).toBe('3.016');
  });
});
