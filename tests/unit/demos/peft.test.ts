import { describe, expect, it } from 'vitest';
import { parseParams, writeParams } from '../../../src/runtime/urlParams.ts';
import { peftDefaults, peftSchema, PEFT_PREFIX } from '../../../src/demos/peft/params.ts';
import { peftParameters, peftScale, peftSnippet } from '../../../src/demos/peft/model.ts';

describe('list parameters (PEFT target modules)', () => {
  it('reads known modules, ignores unknown ones with a notice, and writes them back', () => {
    const { state, notices } = parseParams(peftSchema, new URLSearchParams('peft-targets=v_proj,QKV,q_proj'), PEFT_PREFIX);
    expect(state.targets).toEqual(['q_proj', 'v_proj']);
    expect(notices).toEqual([
      'target_modules: "QKV" is not one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj; ignored.',
    ]);
    const params = writeParams(peftSchema, { ...peftDefaults, targets: ['o_proj'] }, new URLSearchParams('other=1'), PEFT_PREFIX);
    expect(params.toString()).toBe('other=1&peft-targets=o_proj');
    expect(writeParams(peftSchema, peftDefaults, new URLSearchParams(), PEFT_PREFIX).toString()).toBe('');
  });
});

describe('peftSnippet', () => {
  it('writes a LoraConfig with the chosen values and the scale it implies', () => {
    const code = peftSnippet({ r: 16, alpha: 32, rslora: true, targets: ['q_proj', 'v_proj'], dropout: 0.05 });
    expect(code).toContain('from peft import LoraConfig');
    expect(code).toContain('    r=16,');
    expect(code).toContain('    lora_alpha=32,');
    expect(code).toContain('    use_rslora=True,  # scale = 32 / sqrt(16) = 8');
    expect(code).toContain('    target_modules=["q_proj", "v_proj"],');
    expect(code).toContain('    lora_dropout=0.05,');
  });

  it('falls back to "all-linear" when no module is chosen, so the snippet always runs', () => {
    expect(peftSnippet({ r: 8, alpha: 8, rslora: false, targets: [], dropout: 0 })).toContain('target_modules="all-linear",');
  });

  it('states the standard scale alpha / r', () => {
    expect(peftSnippet({ r: 8, alpha: 16, rslora: false, targets: ['q_proj'], dropout: 0 })).toContain(
      'use_rslora=False,  # scale = 16 / 8 = 2',
    );
  });

  it('escapes quotes and backslashes in module names', () => {
    expect(peftSnippet({ r: 1, alpha: 1, rslora: false, targets: ['a"b\\c'], dropout: 0 })).toContain('["a\\"b\\\\c"]');
  });

  it('computes the effective scale like PEFT', () => {
    expect(peftScale({ r: 8, alpha: 8, rslora: false })).toBe(1);
    expect(peftScale({ r: 64, alpha: 16, rslora: true })).toBe(2);
    expect(() => peftScale({ r: 0, alpha: 16, rslora: true })).toThrow(RangeError);
  });
});

describe('peftParameters', () => {
  it('defaults to every linear layer ("all-linear"), as LoRA Without Regret recommends', () => {
    expect(peftDefaults.targets).toEqual([]);
    expect(peftSnippet({ ...peftDefaults, rslora: false, targets: [] })).toContain('target_modules="all-linear",');
  });

  it('counts r·(in + out) per adapted layer for the chosen Llama 3 size', () => {
    const all = peftParameters({ r: 16, targets: [] }, '8B');
    expect(all.modules).toHaveLength(7);
    expect(all.total).toBe(41_943_040);
    expect(all.shape).toBe('Llama-3.1-8B');
    const qv = peftParameters({ r: 16, targets: ['q_proj', 'v_proj'] }, '8B');
    expect(qv.total).toBe(6_815_744);
    expect(all.share).toBeCloseTo(41_943_040 / 8_030_261_248, 12);
  });

  it('grows linearly in r', () => {
    expect(peftParameters({ r: 32, targets: [] }, '1B').total).toBe(2 * peftParameters({ r: 16, targets: [] }, '1B').total);
  });
});
