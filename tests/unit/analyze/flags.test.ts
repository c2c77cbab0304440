import { describe, expect, it } from 'vitest';
import { analysisPoolSize, analyzeFlags } from '../../../src/analyze/flags.ts';

describe('analyzeFlags', () => {
  it('reads ?kernels= and ?workers= and ignores anything else', () => {
    expect(analyzeFlags('')).toEqual({ kernels: 'auto', workers: null });
    expect(analyzeFlags('?kernels=js&workers=1')).toEqual({ kernels: 'js', workers: 1 });
    expect(analyzeFlags('?kernels=wasm&workers=16')).toEqual({ kernels: 'wasm', workers: 16 });
    expect(analyzeFlags('?kernels=gpu&workers=0')).toEqual({ kernels: 'auto', workers: null });
    expect(analyzeFlags('?workers=2.5')).toEqual({ kernels: 'auto', workers: null });
    expect(analyzeFlags('?workers=99')).toEqual({ kernels: 'auto', workers: null });
  });
});

describe('analysisPoolSize', () => {
  it('takes the suggested size, capped at one worker per 2 GB when the memory is known', () => {
    expect(analysisPoolSize(4, undefined)).toBe(4);
    expect(analysisPoolSize(4, 8)).toBe(4);
    expect(analysisPoolSize(4, 4)).toBe(2);
    expect(analysisPoolSize(2, 8)).toBe(2);
    expect(analysisPoolSize(4, 0.5)).toBe(1);
  });
});
