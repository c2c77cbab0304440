import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LLAMA_SHAPES, TARGET_MODULES, type TargetModule, loraParameterCount } from '../src/train/index.ts';

describe('loraParameterCount', () => {
  it('counts r·(in + out) per adapted module and layer, linear in r, additive over modules', () => {
    const s = LLAMA_SHAPES['8B'];
    const one = loraParameterCount(s, 1, 'all-linear');
    expect(one.byModule).toEqual({
      q_proj: 4096 + 4096,
      k_proj: 4096 + 1024, // 8 KV heads × 128
      v_proj: 4096 + 1024,
      o_proj: 4096 + 4096,
      gate_proj: 4096 + 14336,
      up_proj: 4096 + 14336,
      down_proj: 14336 + 4096,
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 512 }), fc.subarray([...TARGET_MODULES], { minLength: 1 }), (r, mods) => {
        const c = loraParameterCount(s, r, mods as TargetModule[]);
        const sum = mods.reduce((acc, m) => acc + r * (one.byModule[m as TargetModule] as number), 0);
        expect(c.perLayer).toBe(sum);
        expect(c.total).toBe(sum * 32);
      }),
      { seed: 3, numRuns: 50 },
    );
  });

  it("'all-linear' is the seven linear layers of every block; rank 1 on Llama-3.1-8B is 2 621 440 parameters", () => {
    const all = loraParameterCount(LLAMA_SHAPES['8B'], 1, 'all-linear');
    expect(all.modules).toEqual([...TARGET_MODULES]);
    expect(all.total).toBe(2_621_440);
    expect(all.total).toBe(loraParameterCount(LLAMA_SHAPES['8B'], 1, [...TARGET_MODULES]).total);
    expect(loraParameterCount(LLAMA_SHAPES['8B'], 16, ['q_proj', 'v_proj']).total).toBe(6_815_744);
  });

  it('the base models come out at their published sizes (1.24 B with tied embeddings, 8.03 B, 70.6 B)', () => {
    expect(loraParameterCount(LLAMA_SHAPES['1B'], 1, 'all-linear').modelParameters).toBe(1_235_814_400);
    expect(loraParameterCount(LLAMA_SHAPES['8B'], 1, 'all-linear').modelParameters).toBe(8_030_261_248);
    expect(loraParameterCount(LLAMA_SHAPES['70B'], 1, 'all-linear').modelParameters).toBe(70_553_706_496);
    const c = loraParameterCount(LLAMA_SHAPES['70B'], 16, 'all-linear');
    expect(c.share).toBeCloseTo(c.total / c.modelParameters, 15);
  });

  it('rejects a bad rank, an unknown module and an empty list', () => {
    const s = LLAMA_SHAPES['1B'];
    expect(() => loraParameterCount(s, 0, 'all-linear')).toThrow(/rank must be a positive integer; received 0/);
    expect(() => loraParameterCount(s, 8, ['q_proj', 'lm_head' as TargetModule])).toThrow(/unknown target module 'lm_head'/);
    expect(() => loraParameterCount(s, 8, [])).toThrow(/no target modules/);
  });
});
