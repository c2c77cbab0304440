import { describe, expect, it } from 'vitest';
import { FileFormatError, readSafetensors, readSafetensorsHeader, writeSafetensors } from '../src/io/index.ts';
import { adapterTensorName, adapterTensors, loadLmAdapters, saveLmAdapters } from '../src/lm/index.ts';
import { TINY, randomAdapters } from './lmFixtures.ts';

const adapters = randomAdapters(TINY, 3, 4, 'rslora');
const files = saveLmAdapters(adapters, { baseModel: 'lora-rank/test' });

function expectFormatError(f: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FileFormatError);
  expect((error as Error).message).toMatch(message);
}

describe('saveLmAdapters and loadLmAdapters', () => {
  it('writes PEFT names (base_model.model.….lora_A.weight, r × in; lora_B, out × r) and a PEFT adapter_config.json', async () => {
    const h = await readSafetensorsHeader(new Blob([files.model as Uint8Array<ArrayBuffer>]), 'adapter_model.safetensors');
    expect(h.tensors[0]).toMatchObject({ name: 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', shape: [3, 8] });
    expect(h.tensors[1]).toMatchObject({ name: 'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', shape: [8, 3] });
    expect(h.tensors.find((t) => t.name === adapterTensorName(1, 'down_proj', 'A'))!.shape).toEqual([3, 12]);
    expect(adapterTensorName(1, 'up_proj', 'B')).toBe('base_model.model.model.layers.1.mlp.up_proj.lora_B.weight');
    expect(h.tensors).toHaveLength(2 * 2 * 6);
    expect(JSON.parse(files.config)).toMatchObject({
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      base_model_name_or_path: 'lora-rank/test',
      r: 3,
      lora_alpha: 3,
      use_rslora: true,
      target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj'],
    });
  });

  it('round-trips (F32 rounding) with rank, alpha, scaling, gamma and targets', () => {
    const back = loadLmAdapters(files, TINY);
    expect(back).toMatchObject({ rank: 3, alpha: 3, scaling: 'rslora', gamma: adapters.gamma, targets: adapters.targets });
    adapterTensors(back).forEach((t, i) => expect(t.data).toEqual(adapterTensors(adapters)[i].data.map(Math.fround)));
  });

  it('malformed adapters are FileFormatErrors naming the file and what is wrong', () => {
    const config = JSON.parse(files.config);
    const with_ = (over: object) => JSON.stringify({ ...config, ...over });
    expectFormatError(
      () => loadLmAdapters({ ...files, config: with_({ r: 9 }) }, TINY),
      /adapter_config\.json: .*rank must be an integer in 1\.\.min\(d, k\) = 1\.\.8; received 9/,
    );
    expectFormatError(
      () => loadLmAdapters({ ...files, config: with_({ r: 2 }) }, TINY),
      /lora_A\.weight": has shape \[3, 8\], expected \[2, 8\]/,
    );
    expectFormatError(
      () => loadLmAdapters({ ...files, config: with_({ target_modules: ['c_attn'] }) }, TINY),
      /"target_modules" is \["c_attn"\]/,
    );
    expectFormatError(() => loadLmAdapters({ ...files, config: with_({ lora_alpha: 'x' }) }, TINY), /"lora_alpha" is "x"/);
    expectFormatError(() => loadLmAdapters({ ...files, config: '{' }, TINY), /adapter_config\.json: not valid JSON/);
    const fewer = with_({ target_modules: ['q_proj'] });
    expectFormatError(() => loadLmAdapters({ ...files, config: fewer }, TINY), /k_proj\.lora_A\.weight": is not a factor of the adapters/);
    const ts = [...readSafetensors(files.model, 'm').tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data })).slice(1);
    expectFormatError(
      () => loadLmAdapters({ ...files, model: writeSafetensors(ts) }, TINY),
      /q_proj\.lora_A\.weight": is missing; adapter_config\.json targets q_proj with r = 3/,
    );
  });
});
