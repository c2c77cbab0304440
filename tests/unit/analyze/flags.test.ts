import { describe, expect, it } from 'vitest';
import { analyzeFlags } from '../../../src/analyze/flags.ts';

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
