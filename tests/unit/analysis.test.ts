import { describe, expect, it } from 'vitest';
import { RandomState, loraScale, matmul, scale, sub, svd } from '@lora-rank/core';
import { npyBytes, safetensorsBytes, type FixtureTensor } from '../../packages/core/test/ioFixtures.ts';
import { parseAdapterConfig } from '../../src/analyze/adapterConfig.ts';
import { pairAdapterTensors } from '../../src/analyze/pairAdapterTensors.ts';
import { runJob, useExactSvd } from '../../src/analyze/runJob.ts';
import { cellText, nameParts, sortRows, toCsv } from '../../src/analyze/table.ts';
import type { AdapterSettings, AnalysisJob, AnalysisRow } from '../../src/analyze/types.ts';
import { sparklinePath } from '../../src/analyze/sparkline.ts';

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
    const rs = await run({ id: 'j', kind: 'safetensors', file: blob(file), name: 'a.safetensors', adapter: { ...settings, scaling: 'rslora' } });
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
    const tuned = safetensorsBytes([t('w1', sub(w1, scale(d1, -1)).data, [5, 7], 'F64'), t('w0', sub(w0, scale(d0, -1)).data, [8, 6], 'F64')]);
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
    const file = safetensorsBytes([t('a', rng.randn(5, 7).data, [5, 7], 'BF16'), t('b', [1, 2], [2]), t('c', new Float64Array(8), [2, 2, 2])]);
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
    expect(parseAdapterConfig('{"r": 16, "lora_alpha": 32, "use_rslora": true}', 'c.json').settings).toMatchObject({ r: 16, alpha: 32, scaling: 'rslora' });
    expect(parseAdapterConfig('{}', 'c.json').settings).toMatchObject({ r: 8, alpha: 8, scaling: 'standard', perModuleRank: false });
    expect(parseAdapterConfig('{"rank_pattern": {"q": 4}}', 'c.json').settings.perModuleRank).toBe(true);
    expect(parseAdapterConfig('{"alpha_pattern": {"q": 4}}', 'c.json').notes[0]).toMatch(/alpha_pattern is not supported/);
    expect(() => parseAdapterConfig('{"r": 0}', 'c.json')).toThrow(/c\.json: "r" is 0, expected a positive integer/);
    expect(() => parseAdapterConfig('{r: 8}', 'c.json')).toThrow(/c\.json: not valid JSON/);
  });
});

describe('results table', () => {
  it('cuts tensor names after their dots, so cells break between parts, never inside self_attn', () => {
    expect(nameParts('model.layers.0.self_attn.q_proj')).toEqual(['model.', 'layers.', '0.', 'self_attn.', 'q_proj']);
    expect(nameParts('weights')).toEqual(['weights']);
    expect(nameParts('a.b.').join('')).toBe('a.b.');
  });

  const analysis = (s: number[], extra = {}) => ({
    rows: 10,
    cols: 10,
    s: Float64Array.from(s),
    truncated: false,
    frobenius: 1,
    energy: new Float64Array(s.length),
    rank90: 3,
    rank99: null,
    energyAt: [
      { r: 8, share: 0.5 },
      { r: 16, share: null },
      { r: 64, share: 1 },
    ],
    stableRank: 2,
    effectiveRank: 2.5,
    numericalRank: 4,
    ...extra,
  });
  const rows: AnalysisRow[] = [
    { key: 'a', jobId: 'j', source: 'f', name: 'a', kind: 'matrix', status: 'ok', analysis: analysis([3, 2, 1], { rank90: 2 }) },
    { key: 'e', jobId: 'j', source: 'f', name: 'broken, "quoted"', kind: 'matrix', status: 'error', message: 'bad\nthing' },
    { key: 'b', jobId: 'j', source: 'f', name: 'b', kind: 'matrix', status: 'ok', analysis: analysis([3, 2, 1]) },
  ];

  it('sorts by a column with rows without a value last, both ways', () => {
    expect(sortRows(rows, 'rank90', 'ascending').map((r) => r.key)).toEqual(['a', 'b', 'e']);
    expect(sortRows(rows, 'rank90', 'descending').map((r) => r.key)).toEqual(['b', 'a', 'e']);
    expect(sortRows(rows, 'name', 'descending').map((r) => r.key)).toEqual(['e', 'b', 'a']); // error rows have a name
  });

  it('shows a rank beyond the known values as "> k" and unknown shares as –', () => {
    expect(cellText(rows[0], 'rank99')).toBe('> 3');
    expect(cellText(rows[0], 'energy16')).toBe('–');
    expect(cellText(rows[0], 'energy8')).toBe('50.0 %');
  });

  it('exports CSV with quoting, empty cells for unknowns and the singular values', () => {
    const csv = toCsv(rows).split('\r\n');
    expect(csv[0].split(',')).toContain('rank_99');
    expect(csv[1]).toMatch(/^f,a,matrix,ok,,10,10,/);
    expect(csv[1].endsWith(',3 2 1')).toBe(true);
    expect(csv[2]).toContain('"broken, ""quoted"""');
    expect(csv[2]).toContain('"bad\nthing"');
  });

  it('draws a sparkline path in its box', () => {
    expect(sparklinePath([])).toBe('M0,24H120');
    expect(sparklinePath([1, 0.1, 0.01], 100, 20)).toBe('M0.0,1.0L50.0,4.0L100.0,7.0'); // log scale down to 1e-6·σ₁
  });
});
