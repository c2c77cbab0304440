// The analysis page reads what the core's language model writes: a PEFT
// adapter (adapter_model.safetensors + adapter_config.json) and a full
// fine-tune's weights against its base, with the page's own pairing and
// config parsing.
import { describe, expect, it } from 'vitest';
import { loraScale, matmul, scale, svd } from '@lora-rank/core';
import {
  CORPUS_VOCAB,
  adapterTensors,
  corpusSampler,
  createLmTrainer,
  createWorld,
  initLm,
  lmConfig,
  lmTensors,
  saveLm,
  saveLmAdapters,
} from '@lora-rank/core/lm';
import { parseAdapterConfig } from '../../../src/analyze/adapterConfig.ts';
import { runJob } from '../../../src/analyze/runJob.ts';
import type { AnalysisJob, AnalysisRow } from '../../../src/analyze/types.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

async function run(job: AnalysisJob): Promise<AnalysisRow[]> {
  const rows: AnalysisRow[] = [];
  await runJob(job, { onRow: (r) => rows.push(r), onProgress: () => {} });
  return rows;
}

const config = lmConfig({ vocab: CORPUS_VOCAB, context: 16, dModel: 16, nLayers: 2, nHeads: 2 });
const base = initLm(config, 0);
const data = () => corpusSampler(createWorld({ seed: 0, people: 8 }), { vocab: CORPUS_VOCAB, seed: 1 });

describe("the analysis page reads the language model's checkpoints", () => {
  it('an adapter the core saved: one row per module, gamma from its adapter_config.json, the spectrum of gamma·B·A', async () => {
    const trainer = createLmTrainer({
      weights: base,
      mode: 'lora',
      lora: { rank: 4, alpha: 8, scaling: 'rslora', targets: ['q_proj', 'v_proj', 'down_proj'], seed: 0 },
      data: data(),
      batchSize: 2,
      optimizer: { lr: 1e-2 },
    });
    trainer.run(3);
    const files = saveLmAdapters(trainer.adapters!);
    const { settings } = parseAdapterConfig(files.config, 'adapter_config.json');
    expect(settings).toMatchObject({ r: 4, alpha: 8, scaling: 'rslora' });
    const rows = await run({ id: 'a', kind: 'safetensors', file: blob(files.model), name: 'adapter_model.safetensors', adapter: settings });
    expect(rows.every((r) => r.status === 'ok' && r.kind === 'adapter')).toBe(true);
    expect(rows.map((r) => r.name)).toEqual(
      [0, 1].flatMap((l) => [
        `base_model.model.model.layers.${l}.self_attn.q_proj`,
        `base_model.model.model.layers.${l}.self_attn.v_proj`,
        `base_model.model.model.layers.${l}.mlp.down_proj`,
      ]),
    );
    const gamma = loraScale(8, 4, 'rslora');
    expect(rows[0].gamma).toBe(gamma);
    const [a, b] = adapterTensors(trainer.adapters!).slice(0, 2);
    const exact = svd(
      scale(matmul({ rows: 16, cols: 4, data: b.data.map(Math.fround) }, { rows: 4, cols: 16, data: a.data.map(Math.fround) }), gamma),
      { vectors: false },
    ).s;
    for (let i = 0; i < 4; i++) expect(rows[0].analysis!.s[i]).toBeCloseTo(exact[i], 8);
  });

  it('a full fine-tune against its base: one diff row per 2-D tensor, 1-D LayerNorm tensors noted', async () => {
    const trainer = createLmTrainer({ weights: base, mode: 'full', data: data(), batchSize: 2, optimizer: { lr: 1e-2 } });
    trainer.run(2);
    const rows = await run({
      id: 'd',
      kind: 'diff',
      base: [{ file: blob(saveLm(base).model), name: 'base/model.safetensors' }],
      tuned: [{ file: blob(saveLm(trainer.weights).model), name: 'tuned/model.safetensors' }],
    });
    const matrices = lmTensors(base)
      .filter((t) => t.shape.length === 2)
      .map((t) => t.name);
    expect(rows.filter((r) => r.status === 'ok').map((r) => r.name)).toEqual(matrices);
    expect(rows.find((r) => r.name === 'model.layers.1.mlp.up_proj.weight')!.analysis!.s.length).toBe(16);
    expect(rows.filter((r) => r.status === 'error')).toEqual([]);
    expect(rows.find((r) => r.name === '(not 2-D)')?.status).toBe('note');
  });
});
