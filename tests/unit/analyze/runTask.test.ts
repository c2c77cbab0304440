import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { RandomState, kernelBackend, matmul, qr, randomizedSvd, type Matrix } from '@lora-rank/core';
import { serveKernels, type WorkerTransport } from '@lora-rank/core/pool';
import { npyBytes, safetensorsBytes } from '../../../packages/core/test/ioFixtures.ts';
import { planJob } from '../../../src/analyze/planJob.ts';
import { pooledRandomizedSvd } from '../../../src/analyze/pooledRandomizedSvd.ts';
import { MAX_ITERATIONS, SPREAD_ENTRIES, TOP_K, runAdapterTasks, runTask, spectrumOf } from '../../../src/analyze/runTask.ts';
import type { AdapterTask, AnalysisRow, TensorTask } from '../../../src/analyze/types.ts';

/** Q₁·diag(sigma)·Q₂ᵀ, m × n, with random orthonormal Q₁, Q₂: its singular values are `sigma`, plus `noise`·N(0, 1) entries. */
function knownSpectrum(m: number, n: number, sigma: number[], noise: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const k = sigma.length;
  const q1 = qr(rng.randn(m, k)).q;
  const q2 = qr(rng.randn(n, k)).q;
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) q1.data[i * k + j] *= sigma[j]!;
  const a = matmul(q1, {
    rows: k,
    cols: n,
    data: Float64Array.from({ length: k * n }, (_, t) => q2.data[(t % n) * k + Math.floor(t / n)]!),
  });
  if (noise > 0) {
    const e = rng.randn(m, n);
    for (let i = 0; i < a.data.length; i++) a.data[i] += noise * e.data[i]!;
  }
  return a;
}

/** Kernel servers in this thread, as the page's idle workers would lend them. */
function helpers(count: number): WorkerTransport[] {
  return Array.from({ length: count }, () => {
    const { port1, port2 } = new MessageChannel();
    serveKernels(port2);
    return port1;
  });
}

const sigma = [50, 20, 10, 5, 2];

describe('runTask', () => {
  it('a large F32 matrix gets its top values by a float32 randomized SVD, with the accuracy it reached', async () => {
    const a = knownSpectrum(2048, 1100, sigma, 1e-6, 1);
    const file = new Blob([npyBytes(a.data, [2048, 1100], { descr: '<f4' }) as Uint8Array<ArrayBuffer>]);
    const [task] = (await planJob({ id: 'j', kind: 'npy', file, name: 'w.npy' })).tasks;
    const progress: number[] = [];
    const row = await runTask(task!, { onProgress: (f) => progress.push(f) });
    expect(row).toMatchObject({ status: 'ok', method: 'randomized', kernels: kernelBackend() });
    expect(progress.at(-1)).toBe(0.5); // reading is the first half
    const { analysis, accuracy } = row;
    expect(analysis!.s).toHaveLength(TOP_K);
    // F32 rounding of the entries (~6e-8 relative) and the noise move the values by ~1e-6 at most.
    for (let j = 0; j < sigma.length; j++) expect(Math.abs(analysis!.s[j]! - sigma[j]!) / sigma[j]!).toBeLessThan(1e-5);
    expect(accuracy).toMatchObject({ precision: 'float32', workers: 1 });
    expect(accuracy!.iterations).toBeLessThanOrEqual(MAX_ITERATIONS);
    expect(accuracy!.errors).toHaveLength(TOP_K);
    // The noise floor's values are the least accurate; the shares barely depend on them.
    expect(accuracy!.sigma).toBe(Math.max(...accuracy!.errors));
    expect(accuracy!.share).toBeLessThan(1e-9);
  });

  it('a matrix that fails to read is an error row naming the file and tensor, never a throw', async () => {
    const task: TensorTask = {
      kind: 'diff',
      key: 'w',
      jobId: 'j',
      source: 'a ⇄ b',
      name: 'w',
      base: { file: new Blob([new Uint8Array(8)]), loc: { file: 'a', name: 'w', dtype: 'F32', shape: [100000, 1000], start: 0, end: 4e8 } },
      tuned: {
        file: new Blob([new Uint8Array(8)]),
        loc: { file: 'b', name: 'w', dtype: 'F32', shape: [100000, 1000], start: 0, end: 4e8 },
      },
    };
    const row = await runTask(task);
    expect(row).toMatchObject({ status: 'error', kind: 'diff', name: 'w' });
    expect(row.message).toMatch(/^b, tensor "w": is 100000 × 1000 = 100,000,000 entries, more than this page analyzes/);
  });
});

describe('spreading a randomized SVD over idle workers', () => {
  it("pooledRandomizedSvd gives randomizedSvd's values, with A's rows split between this thread and the helpers", async () => {
    const a = knownSpectrum(600, 400, sigma, 1e-3, 2);
    const options = { rank: 20, tolerance: 1e-3, maxIterations: 3, seed: 0 };
    const alone = randomizedSvd(a, options);
    const spread = await pooledRandomizedSvd(a, options, helpers(2));
    expect(spread.iterations).toBe(alone.iterations);
    for (let j = 0; j < 20; j++) expect(Math.abs(spread.s[j]! - alone.s[j]!)).toBeLessThan(1e-12 * alone.s[0]!);
  });

  it('spectrumOf borrows helpers only from SPREAD_ENTRIES entries on, and says how many workers ran it', async () => {
    let asked = -1;
    const hook = async (max: number) => {
      asked = max;
      return helpers(1);
    };
    const small = await spectrumOf(knownSpectrum(2048, 1100, sigma, 0, 3), { helpers: hook });
    expect(asked).toBe(-1);
    expect(small.accuracy!.workers).toBe(1);
    expect(4096 * 1024).toBeGreaterThanOrEqual(SPREAD_ENTRIES);
    const large = await spectrumOf(knownSpectrum(4096, 1024, sigma, 0, 4), { helpers: hook });
    expect(asked).toBe(3);
    expect(large.method).toBe('randomized');
    expect(large.accuracy!.workers).toBe(2);
    for (let j = 0; j < sigma.length; j++) expect(Math.abs(large.analysis.s[j]! - sigma[j]!) / sigma[j]!).toBeLessThan(1e-10);
  });

  it("runAdapterTasks gives each module runTask's row, reading neighbouring tensors together; errors stay per module", async () => {
    const rng = new RandomState(11);
    const shapes: [number, number, number][] = [
      [4, 20, 24], // r, in, out
      [8, 24, 16],
      [4, 12, 12],
      [2, 30, 10],
    ];
    const factors = shapes.map(([r, n, m]) => ({ a: rng.randn(r, n), b: rng.randn(m, r) }));
    const tensors = factors.flatMap(({ a, b }, k) => [
      { name: `m${k}.lora_A.weight`, dtype: 'BF16' as const, shape: [a.rows, a.cols], values: a.data },
      { name: `m${k}.lora_B.weight`, dtype: 'F32' as const, shape: [b.rows, b.cols], values: b.data },
    ]);
    const bytes = safetensorsBytes(tensors);
    const settings = { r: 4, alpha: 8, scaling: 'standard' as const, perModuleRank: false, source: 'test' };
    const plan = async (file: Blob) => {
      const { tasks } = await planJob({ id: 'j', kind: 'safetensors', file, name: 'ad.safetensors', adapter: settings });
      return tasks as AdapterTask[];
    };
    const collect = async (tasks: AdapterTask[]) => {
      const rows: AnalysisRow[] = [];
      await runAdapterTasks(tasks, (row) => rows.push(row));
      return rows;
    };
    const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const tasks = await plan(file);
    expect(tasks.map((t) => t.key)).toEqual(['m0', 'm1', 'm2', 'm3']);
    const rows = await collect(tasks);
    const one: AnalysisRow[] = [];
    for (const t of tasks) one.push(await runTask(t)); // one at a time: a worker's tasks share its storage

    expect(rows).toEqual(one);
    // r = 4 in the settings: m1 (r = 8) and m3 (r = 2) are error rows, the others ok.
    expect(rows.map((r) => r.status)).toEqual(['ok', 'error', 'ok', 'error']);

    // A file cut inside m2's B: m0, m1 as before; m2 and m3 say the file is truncated.
    const cut = new Blob([bytes.slice(0, tasks[2]!.b.loc.start + 6) as Uint8Array<ArrayBuffer>]);
    const short = (await plan(file)).map((t) => ({ ...t, a: { ...t.a, file: cut }, b: { ...t.b, file: cut } }));
    const truncated = await collect(short);
    expect(truncated.slice(0, 2)).toEqual(one.slice(0, 2));
    expect(truncated.slice(2).map((r) => r.message)).toEqual([
      expect.stringMatching(/lora_B.weight": ended after 6 of the tensor's \d+ bytes; the file is truncated/),
      expect.stringMatching(/truncated/),
    ]);

    // A module whose factors are in two blobs is read as runTask reads it, between two runs of the others.
    const split = tasks.map((t, k) => (k === 2 ? { ...t, b: { ...t.b, file: new Blob([bytes as Uint8Array<ArrayBuffer>]) } } : t));
    expect(await collect(split)).toEqual(one);
  });
});
