import { describe, expect, it } from 'vitest';
import { RandomState, loraScale, matmul, scale, sub, svd } from '@lora-rank/core';
import { npyBytes, safetensorsBytes, type FixtureTensor } from '../../../packages/core/test/ioFixtures.ts';
import { runJob, useExactSvd } from '../../../src/analyze/runJob.ts';
import type { AdapterSettings, AnalysisJob, AnalysisRow } from '../../../src/analyze/types.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const settings: AdapterSettings = { r: null, alpha: 16, scaling: 'standard', perModuleRank: false, source: 'entered' };

async function run(job: AnalysisJob): Promise<AnalysisRow[]> {
  const rows: AnalysisRow[] = [];
  const progress: number[] = [];
  await runJob(job, { onRow: (r) => rows.push(r), onProgress: (p) => progress.push(p.fraction) });
  expect(progress.at(-1)).toBe(1);
  return rows;
}

const t = (name: string, values: Float64Array | number[], shape: number[], dtype: FixtureTensor['dtype'] = 'F32'): FixtureTensor => ({
  name,
  dtype,
  shape,
  values,
});

describe('analysis jobs', () => {
  const rng = new RandomState(5);
  const q = { b: rng.randn(24, 4), a: rng.randn(4, 20) };
  const v = { b: rng.randn(16, 8), a: rng.randn(8, 24) };

  it('an adapter file gives one row per module with the spectrum of gamma·B·A', async () => {
    const file = safetensorsBytes(
      [
        t('m.layers.0.q_proj.lora_A.weight', q.a.data, [4, 20], 'F64'),
        t('m.layers.0.q_proj.lora_B.weight', q.b.data, [24, 4], 'F64'),
        t('m.layers.0.v_proj.lora_A.weight', v.a.data, [8, 24], 'F64'),
        t('m.layers.0.v_proj.lora_B.weight', v.b.data, [16, 8], 'F64'),
        t('m.layers.0.k_proj.lora_A.weight', v.a.data, [8, 24], 'F64'),
      ],
      { metadata: { format: 'pt' } },
    );
    const rows = await run({ id: 'j', kind: 'safetensors', file: blob(file), name: 'adapter_model.safetensors', adapter: settings });
    const ok = rows.filter((r) => r.status === 'ok');
    expect(ok.map((r) => r.name)).toEqual(['m.layers.0.q_proj', 'm.layers.0.v_proj']);
    const gamma = loraScale(16, 4);
    expect(ok[0].gamma).toBe(gamma);
    const exact = svd(scale(matmul(q.b, q.a), gamma), { vectors: false }).s.slice(0, 4);
    for (let i = 0; i < 4; i++) expect(ok[0].analysis!.s[i]).toBeCloseTo(exact[i], 10);
    expect(ok[0].analysis!.nominalRank).toBe(4);
    expect(ok[1].analysis!.nominalRank).toBe(8);
    const missing = rows.find((r) => r.name === 'm.layers.0.k_proj')!;
    expect(missing.status).toBe('error');
    expect(missing.message).toMatch(/has lora_A .* but no lora_B/);
  });

  it('rsLoRA scales by alpha/√r, and a config r that contradicts the shapes is an error row', async () => {
    const file = safetensorsBytes([t('x.lora_A.weight', q.a.data, [4, 20]), t('x.lora_B.weight', q.b.data, [24, 4])]);
    const rs = await run({
      id: 'j',
      kind: 'safetensors',
      file: blob(file),
      name: 'a.safetensors',
      adapter: { ...settings, scaling: 'rslora' },
    });
    expect(rs[0].gamma).toBe(16 / 2);
    const wrong = await run({ id: 'j', kind: 'safetensors', file: blob(file), name: 'a.safetensors', adapter: { ...settings, r: 8 } });
    expect(wrong[0].status).toBe('error');
    expect(wrong[0].message).toMatch(/lora_A has rank 4 but r = 8/);
  });

  it('base and tuned checkpoints give the spectrum of tuned − base; mismatches are error rows', async () => {
    const w0 = rng.randn(12, 10);
    const d0 = matmul(rng.randn(12, 2), rng.randn(2, 10));
    const w1 = rng.randn(6, 6);
    const base = safetensorsBytes([
      t('w0', w0.data, [12, 10], 'F64'),
      t('w1', w1.data, [6, 6], 'F64'),
      t('norm', [1, 1, 1], [3]),
      t('only_base', [1, 2, 3, 4], [2, 2]),
    ]);
    const tuned = safetensorsBytes([
      t('w0', sub(w0, scale(d0, -1)).data, [12, 10], 'F64'),
      t('w1', w1.data.slice(0, 30), [6, 5], 'F64'),
      t('norm', [1, 1, 2], [3]),
      t('only_tuned', [1, 2, 3, 4], [2, 2]),
    ]);
    const rows = await run({
      id: 'd',
      kind: 'diff',
      base: [{ file: blob(base), name: 'base.safetensors' }],
      tuned: [{ file: blob(tuned), name: 'tuned.safetensors' }],
    });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    const w = byName.w0;
    expect(w.status).toBe('ok');
    const exact = svd(d0, { vectors: false }).s;
    expect(w.analysis!.s[0]).toBeCloseTo(exact[0], 10);
    expect(w.analysis!.numericalRank).toBe(2);
    expect(byName.w1.message).toMatch(/shape \[6, 6\] in the base checkpoint but \[6, 5\]/);
    expect(byName.only_base.message).toMatch(/in the base checkpoint .* but not in the fine-tuned one/);
    expect(byName.only_tuned.message).toMatch(/in the fine-tuned checkpoint .* but not in the base one/);
    expect(byName['(not 2-D)'].status).toBe('note');
  });

  it('checkpoints sharded differently pair by name across shards; a tensor in two shards is an error', async () => {
    const w0 = rng.randn(8, 6);
    const w1 = rng.randn(5, 7);
    const d0 = matmul(rng.randn(8, 1), rng.randn(1, 6));
    const d1 = matmul(rng.randn(5, 3), rng.randn(3, 7));
    // Base in two shards, tuned in one: the pairing must not depend on how either side was split.
    const baseShards = [safetensorsBytes([t('w0', w0.data, [8, 6], 'F64')]), safetensorsBytes([t('w1', w1.data, [5, 7], 'F64')])];
    const tuned = safetensorsBytes([
      t('w1', sub(w1, scale(d1, -1)).data, [5, 7], 'F64'),
      t('w0', sub(w0, scale(d0, -1)).data, [8, 6], 'F64'),
    ]);
    const rows = await run({
      id: 's',
      kind: 'diff',
      base: baseShards.map((b, i) => ({ file: blob(b), name: `model-0000${i + 1}-of-00002.safetensors` })),
      tuned: [{ file: blob(tuned), name: 'model.safetensors' }],
    });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.w0.analysis!.numericalRank).toBe(1);
    expect(byName.w1.analysis!.numericalRank).toBe(3);
    const exact = svd(d1, { vectors: false }).s;
    for (let i = 0; i < 3; i++) expect(Math.abs(byName.w1.analysis!.s[i] - exact[i]) / exact[0]).toBeLessThan(1e-12);

    const twice = await run({
      id: 't',
      kind: 'diff',
      base: [baseShards[0], baseShards[0]].map((b, i) => ({ file: blob(b), name: `b${i}.safetensors` })),
      tuned: [{ file: blob(tuned), name: 'model.safetensors' }],
    });
    expect(twice.find((r) => r.name === 'w0')?.message).toMatch(/appears in two base shards \(b0\.safetensors and b1\.safetensors\)/);
  });

  it('a broken file becomes one error row and never throws', async () => {
    const bad = safetensorsBytes([t('w', [1, 2, 3, 4], [2, 2])], { truncate: 2 });
    const rows = await run({ id: 'b', kind: 'safetensors', file: blob(bad), name: 'bad.safetensors', adapter: settings });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'error', name: 'bad.safetensors' });
    expect(rows[0].message).toMatch(/^bad\.safetensors, tensor "w": data_offsets .* truncated/);
  });

  it('a plain checkpoint gives one row per 2-D tensor, a note for 1-D ones, an error for 3-D ones', async () => {
    const file = safetensorsBytes([
      t('a', rng.randn(5, 7).data, [5, 7], 'BF16'),
      t('b', [1, 2], [2]),
      t('c', new Float64Array(8), [2, 2, 2]),
    ]);
    const rows = await run({ id: 'p', kind: 'safetensors', file: blob(file), name: 'model.safetensors', adapter: settings });
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['(1-D tensors)', 'note'],
      ['a', 'ok'],
      ['c', 'error'],
    ]);
    expect(rows[2].message).toMatch(/is 3-D/);
  });

  it('a .npy file is analyzed as one matrix; a 1-D one is an error row', async () => {
    const m = rng.randn(9, 4);
    const rows = await run({ id: 'n', kind: 'npy', file: blob(npyBytes(m.data, [9, 4], { descr: '<f8', fortran: true })), name: 'w.npy' });
    const exact = svd(m, { vectors: false }).s;
    expect(rows[0].analysis!.s[3]).toBeCloseTo(exact[3], 12);
    const bad = await run({ id: 'n', kind: 'npy', file: blob(npyBytes([1, 2, 3], [3])), name: 'v.npy' });
    expect(bad[0].message).toMatch(/^v\.npy: holds a 1-D array/);
  });

  it('large matrices go to the randomized SVD with exact energy shares', async () => {
    expect(useExactSvd(1024, 1024)).toBe(true);
    expect(useExactSvd(4096, 4096)).toBe(false);
    expect(useExactSvd(100000, 64)).toBe(true);
  });
});
