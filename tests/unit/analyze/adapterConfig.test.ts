import { describe, expect, it } from 'vitest';
import { parseAdapterConfig } from '../../../src/analyze/adapterConfig.ts';
import { pairAdapterTensors } from '../../../src/analyze/pairAdapterTensors.ts';

describe('adapter helpers', () => {
  it('pairs lora_A/lora_B by module, in both PEFT key styles', () => {
    const info = (name: string) => ({ name, dtype: 'F32', shape: [1, 1], start: 0, end: 4 });
    const { pairs, errors, others } = pairAdapterTensors([
      info('a.lora_A.weight'),
      info('a.lora_B.weight'),
      info('b.lora_A.default.weight'),
      info('b.lora_B.default.weight'),
      info('emb.lora_embedding_A'),
      info('emb.lora_embedding_B'),
      info('c.lora_B.weight'),
      info('lm_head.weight'),
    ]);
    expect(pairs.map((p) => p.module)).toEqual(['a', 'b', 'emb']);
    expect(errors).toEqual([{ name: 'c', message: 'has lora_B ("c.lora_B.weight") but no lora_A; the file is incomplete' }]);
    expect(others.map((o) => o.name)).toEqual(['lm_head.weight']);
  });

  it('reads adapter_config.json with PEFT defaults and clear errors', () => {
    expect(parseAdapterConfig('{"r": 16, "lora_alpha": 32, "use_rslora": true}', 'c.json').settings).toMatchObject({
      r: 16,
      alpha: 32,
      scaling: 'rslora',
    });
    expect(parseAdapterConfig('{}', 'c.json').settings).toMatchObject({ r: 8, alpha: 8, scaling: 'standard', perModuleRank: false });
    expect(parseAdapterConfig('{"rank_pattern": {"q": 4}}', 'c.json').settings.perModuleRank).toBe(true);
    expect(parseAdapterConfig('{"alpha_pattern": {"q": 4}}', 'c.json').notes[0]).toMatch(/alpha_pattern is not supported/);
    expect(() => parseAdapterConfig('{"r": 0}', 'c.json')).toThrow(/c\.json: "r" is 0, expected a positive integer/);
    expect(() => parseAdapterConfig('{r: 8}', 'c.json')).toThrow(/c\.json: not valid JSON/);
  });
});
