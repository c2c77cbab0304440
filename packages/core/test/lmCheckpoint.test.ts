import { describe, expect, it } from 'vitest';
import { FileFormatError, readSafetensors, readSafetensorsHeader, writeSafetensors } from '../src/io/index.ts';
import { lmConfigToJson, lmLogits, lmTensors, loadLm, saveLm } from '../src/lm/index.ts';
import { close } from './close.ts';
import { TINY, randomBatch, randomTiny } from './lmFixtures.ts';

const weights = randomTiny(3);
const files = saveLm(weights);

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

/** The saved tensors, edited, written again. */
function edited(edit: (ts: { name: string; shape: number[]; data: Float64Array }[]) => void): Uint8Array {
  const ts = [...readSafetensors(files.model, 'm').tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
  edit(ts);
  return writeSafetensors(ts);
}

describe('saveLm and loadLm', () => {
  it('writes every tensor under its Hugging Face-style name as F32, and config.json with GPT-2 keys', async () => {
    const h = await readSafetensorsHeader(new Blob([files.model as Uint8Array<ArrayBuffer>]), 'model.safetensors');
    expect(h.tensors.map((t) => t.name)).toEqual(lmTensors(weights).map((t) => t.name));
    expect(h.tensors.every((t) => t.dtype === 'F32')).toBe(true);
    expect(h.tensors.find((t) => t.name === 'model.layers.1.self_attn.q_proj.weight')!.shape).toEqual([8, 8]);
    expect(h.tensors.find((t) => t.name === 'model.layers.0.mlp.up_proj.weight')!.shape).toEqual([12, 8]);
    expect(JSON.parse(files.config)).toEqual(lmConfigToJson(TINY));
    expect(JSON.parse(files.config)).toMatchObject({ n_embd: 8, n_layer: 2, n_head: 2, n_positions: 6, tie_word_embeddings: false });
  });

  it('round-trips: F32 gives each weight rounded to a float, F64 every bit, and the same outputs to float precision', () => {
    const back = loadLm(files);
    expect(back.config).toEqual(TINY);
    lmTensors(back).forEach((t, i) => expect(t.data).toEqual(lmTensors(weights)[i].data.map(Math.fround)));
    const exact = loadLm(saveLm(weights, { dtype: 'F64' }));
    lmTensors(exact).forEach((t, i) => expect(t.data).toEqual(lmTensors(weights)[i].data));
    const b = randomBatch(TINY, 2, 6);
    close(lmLogits(back, b).data, lmLogits(weights, b).data, { rtol: 1e-5, atol: 1e-5 });
  });

  it('malformed checkpoints are FileFormatErrors naming the file, the tensor and the problem', () => {
    expectFormatError(() => loadLm({ ...files, model: files.model.slice(0, 100) }), /model\.safetensors: /);
    expectFormatError(
      () => loadLm({ ...files, model: edited((ts) => ts.splice(3, 1)) }),
      /tensor "model\.layers\.0\.input_layernorm\.bias": is missing; a model of config\.json \(2 blocks, d = 8/,
    );
    expectFormatError(
      () => loadLm({ ...files, model: edited((ts) => ts.push({ name: 'extra.weight', shape: [1], data: new Float64Array(1) })) }),
      /tensor "extra\.weight": is not a tensor of this model/,
    );
    expectFormatError(
      () => loadLm({ ...files, model: edited((ts) => (ts[0] = { ...ts[0], shape: [8, 6] })) }),
      /tensor "model\.embed_tokens\.weight": has shape \[8, 6\], expected \[6, 8\]/,
    );
    expectFormatError(
      () => loadLm({ ...files, model: edited((ts) => (ts[5].data[2] = Number.NaN)) }),
      /tensor "model\.layers\.0\.self_attn\.k_proj\.weight": entry 2 is NaN/,
    );
    expectFormatError(() => loadLm({ ...files, config: '{"vocab": "ab"' }), /config\.json: not valid JSON/);
    expectFormatError(
      () => loadLm({ ...files, config: JSON.stringify({ ...JSON.parse(files.config), n_head: 3 }) }),
      /config\.json: nHeads \(3\) must divide dModel \(8\)/,
    );
    expectFormatError(() => loadLm({ ...files, config: '{"vocab": "ab"}' }), /config\.json: the field "n_positions" is missing/);
    expectFormatError(
      () => loadLm({ ...files, names: { model: 'base.safetensors', config: 'base.json' }, model: new Uint8Array(3) }),
      /^base\.safetensors: is 3 bytes long/,
    );
  });

  it('a config that does not match the weights is caught by shape', () => {
    const wider = JSON.stringify({ ...JSON.parse(files.config), n_embd: 16 });
    expectFormatError(() => loadLm({ ...files, config: wider }), /has shape \[6, 8\], expected \[6, 16\]/);
  });
});
