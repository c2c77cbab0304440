import { describe, expect, it } from 'vitest';
import { RandomState } from '@lora-rank/core';
import { npyBytes, safetensorsBytes, type FixtureTensor } from '../../../packages/core/test/ioFixtures.ts';
import { planJob } from '../../../src/analyze/planJob.ts';
import type { AdapterSettings } from '../../../src/analyze/types.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const settings: AdapterSettings = { r: null, alpha: 16, scaling: 'standard', perModuleRank: false, source: 'entered' };
const rng = new RandomState(2);
const t = (name: string, shape: number[], dtype: FixtureTensor['dtype'] = 'F32'): FixtureTensor => ({
  name,
  dtype,
  shape,
  values: rng.randn(
    1,
    shape.reduce((p, d) => p * d, 1),
  ).data,
});

describe('planJob', () => {
  it('splits an adapter into one task per module, each with its A and B byte ranges; a lone A is an error row', async () => {
    const bytes = safetensorsBytes([
      t('m.0.q_proj.lora_A.weight', [4, 6]),
      t('m.0.q_proj.lora_B.weight', [8, 4]),
      t('m.0.v_proj.lora_A.weight', [4, 6], 'BF16'),
      t('m.0.v_proj.lora_B.weight', [8, 4], 'BF16'),
      t('m.0.k_proj.lora_A.weight', [4, 6]),
      t('emb.lora_embedding_A', [4, 10]),
      t('emb.lora_embedding_B', [6, 4]),
      t('m.0.norm.weight', [6]),
    ]);
    const file = blob(bytes);
    const { rows, tasks } = await planJob({ id: 'j', kind: 'safetensors', file, name: 'adapter.safetensors', adapter: settings });
    expect(tasks.map((task) => [task.kind, task.key, task.name])).toEqual([
      ['adapter', 'm.0.q_proj', 'm.0.q_proj'],
      ['adapter', 'm.0.v_proj', 'm.0.v_proj'],
      ['adapter', 'emb', 'emb (embedding)'],
    ]);
    const q = tasks[0]!;
    if (q.kind !== 'adapter') throw new Error('expected an adapter task');
    expect(q.a.file).toBe(file); // a handle to the same file, not a copy of its bytes
    expect(q.a.loc).toMatchObject({ file: 'adapter.safetensors', name: 'm.0.q_proj.lora_A.weight', dtype: 'F32', shape: [4, 6] });
    expect(q.b.loc.end - q.b.loc.start).toBe(8 * 4 * 4);
    expect(q.settings).toEqual(settings);
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['m.0.k_proj', 'error'],
      ['(other tensors)', 'note'],
    ]);
  });

  it('splits a checkpoint into one task per tensor that is not 1-D (a 3-D one fails when read), with a note for 1-D ones', async () => {
    const bytes = safetensorsBytes([t('a', [5, 7], 'BF16'), t('b', [2]), t('c', [2, 2, 2]), t('d', [3, 3])]);
    const { rows, tasks } = await planJob({
      id: 'p',
      kind: 'safetensors',
      file: blob(bytes),
      name: 'model.safetensors',
      adapter: settings,
    });
    expect(tasks.map((task) => task.name)).toEqual(['a', 'c', 'd']);
    expect(tasks.every((task) => task.kind === 'matrix' && task.jobId === 'p' && task.source === 'model.safetensors')).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '(1-D tensors)', status: 'note' });
  });

  it('pairs two checkpoints tensor by name across shards, one task per pair, errors for what does not match', async () => {
    const base = [safetensorsBytes([t('w0', [4, 3])]), safetensorsBytes([t('w1', [2, 5]), t('only_base', [2, 2])])];
    const tuned = [safetensorsBytes([t('w1', [2, 5]), t('w0', [4, 3]), t('norm', [3]), t('only_tuned', [2, 2])])];
    const { rows, tasks } = await planJob({
      id: 'd',
      kind: 'diff',
      base: base.map((b, i) => ({ file: blob(b), name: `base-${i}.safetensors` })),
      tuned: tuned.map((b) => ({ file: blob(b), name: 'tuned.safetensors' })),
    });
    expect(tasks.map((task) => task.name).sort()).toEqual(['w0', 'w1']);
    const w1 = tasks.find((task) => task.name === 'w1')!;
    if (w1.kind !== 'diff') throw new Error('expected a diff task');
    expect(w1.base.loc.file).toBe('base-1.safetensors');
    expect(w1.tuned.loc.file).toBe('tuned.safetensors');
    expect(w1.source).toBe('base-0.safetensors, base-1.safetensors ⇄ tuned.safetensors');
    expect(rows.map((r) => r.name).sort()).toEqual(['norm', 'only_base', 'only_tuned']); // norm is only in the fine-tuned one
  });

  it('never throws: an unreadable file is one error row and no task', async () => {
    const bad = safetensorsBytes([t('w', [2, 2])], { truncate: 2 });
    const plan = await planJob({ id: 'b', kind: 'safetensors', file: blob(bad), name: 'bad.safetensors', adapter: settings });
    expect(plan.tasks).toEqual([]);
    expect(plan.rows[0]).toMatchObject({ name: 'bad.safetensors', status: 'error' });
    const npy = await planJob({ id: 'n', kind: 'npy', file: blob(npyBytes([1, 2, 3], [3])), name: 'v.npy' });
    expect(npy.rows[0]!.message).toMatch(/^v\.npy: holds a 1-D array/);
    const ok = await planJob({ id: 'n', kind: 'npy', file: blob(npyBytes([1, 2, 3, 4], [2, 2])), name: 'w.npy' });
    expect(ok.tasks).toHaveLength(1);
    expect(ok.tasks[0]).toMatchObject({ kind: 'matrix', key: 'w.npy', name: 'w.npy', source: 'w.npy' });
  });
});
