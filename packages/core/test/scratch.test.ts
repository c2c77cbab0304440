import { describe, expect, it } from 'vitest';
import { SCRATCH_KEPT, scratch } from '../src/linalg/scratch.ts';

describe('scratch', () => {
  it('keeps an array per name, grown as needed, and hands out the requested length', () => {
    const a = scratch('test.a', 100);
    expect(a.length).toBe(100);
    const again = scratch('test.a', 50);
    expect(again.length).toBe(50);
    expect(again.buffer).toBe(a.buffer);
    const other = scratch('test.b', 100);
    expect(other.buffer).not.toBe(a.buffer);
    const grown = scratch('test.a', 200);
    expect(grown.length).toBe(200);
    expect(grown.buffer).not.toBe(a.buffer);
    expect(scratch('test.a', 10).buffer).toBe(grown.buffer);
  });

  it('does not keep arrays larger than SCRATCH_KEPT (a huge matrix would pin its memory)', () => {
    const big = scratch('test.big', SCRATCH_KEPT + 1);
    expect(big.length).toBe(SCRATCH_KEPT + 1);
    expect(scratch('test.big', SCRATCH_KEPT + 1).buffer).not.toBe(big.buffer);
  });
});
