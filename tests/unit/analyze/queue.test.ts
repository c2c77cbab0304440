import { describe, expect, it } from 'vitest';
import { CancelledError, createAnalysisQueue } from '../../../src/analyze/queue.ts';
import type { AdapterTask, AnalysisJob, AnalysisProgress, AnalysisRow, JobPlan, TensorTask } from '../../../src/analyze/types.ts';
import { fakeWorkers } from '../fakeWorkers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const blob = new Blob([new Uint8Array(8)]);
const job = (id: string): AnalysisJob => ({ id, kind: 'npy', file: blob, name: `${id}.npy` });
const task = (jobId: string, i: number): TensorTask => ({
  kind: 'matrix',
  key: `t${i}`,
  jobId,
  source: `${jobId}.npy`,
  name: `t${i}`,
  tensor: { file: blob, loc: { file: `${jobId}.npy`, dtype: 'F32', shape: [1, 1], start: 0, end: 4 } },
});

/**
 * An analysis API in this process: a job "x:n" plans n tasks of `ms` each
 * and one note row; the task named "t<crash>" makes its worker fail.
 */
function fakeApi(ms: number, { tasks = 4, crash = -1 } = {}) {
  const api = {
    async plan(j: AnalysisJob): Promise<JobPlan> {
      const note: AnalysisRow = {
        key: 'note',
        jobId: j.id,
        source: 's',
        name: '(note)',
        kind: 'matrix',
        status: 'note',
        message: 'skipped',
      };
      return { rows: [note], tasks: Array.from({ length: tasks }, (_, i) => task(j.id, i)) };
    },
    async analyze(t: TensorTask, _options: unknown, onProgress?: (f: number) => unknown): Promise<AnalysisRow> {
      await onProgress?.(0.5);
      await sleep(ms);
      if (t.name === `t${crash}`) throw new Error('the worker ran out of memory');
      return { key: t.key, jobId: t.jobId, source: t.source, name: t.name, kind: t.kind, status: 'note', message: 'done' };
    },
    lendKernels() {},
  };
  return fakeWorkers(api);
}

function record() {
  const rows: AnalysisRow[] = [];
  const progress: AnalysisProgress[] = [];
  return { rows, progress, callbacks: { onRow: (r: AnalysisRow) => rows.push(r), onProgress: (p: AnalysisProgress) => progress.push(p) } };
}

describe('createAnalysisQueue', () => {
  it('plans a job, then spreads its matrices over the workers: rows as each is done, progress up to "n of n done"', async () => {
    const { spawn, made } = fakeApi(60, { tasks: 6 });
    const queue = createAnalysisQueue({ spawn, size: 3 });
    expect(made).toHaveLength(3);
    const { rows, progress, callbacks } = record();
    const t0 = performance.now();
    await queue.run(job('a'), callbacks);
    expect(performance.now() - t0).toBeLessThan(5 * 60); // three at a time: about 2 × 60 ms, not 6 × 60
    expect(rows[0]!.name).toBe('(note)');
    expect(
      rows
        .slice(1)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(progress[0]!.label).toBe('reading the header');
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]! - 1e-12)).toBe(true);
    expect(progress.at(-1)).toEqual({ fraction: 1, label: '6 of 6 done' });
    expect(made).toHaveLength(3);
    queue.dispose();
  });

  it('cancelling a job terminates the workers running its matrices, drops the rest, and calls none of its callbacks again', async () => {
    const { spawn, made } = fakeApi(100, { tasks: 6 });
    const queue = createAnalysisQueue({ spawn, size: 2 });
    const a = record();
    const b = record();
    const runA = queue.run(job('a'), a.callbacks);
    const rejected = expect(runA).rejects.toBeInstanceOf(CancelledError);
    await sleep(30);
    const runB = queue.run(job('b'), b.callbacks);
    queue.cancel('a');
    const seen = a.rows.length + a.progress.length;
    await rejected;
    expect(made[0]!.terminated || made[1]!.terminated).toBe(true);
    await runB; // the other job runs to the end on the replacement workers
    expect(b.rows.filter((r) => r.message === 'done')).toHaveLength(6);
    expect(a.rows.length + a.progress.length).toBe(seen);
    queue.dispose();
  });

  it("ignores what a cancelled job's worker still sends after it was terminated", async () => {
    // terminate() leaves the port open here, as messages already in flight from a real
    // terminated worker still arrive: the worker goes on reporting progress and answers.
    const api = {
      plan: async (j: AnalysisJob): Promise<JobPlan> => ({ rows: [], tasks: [task(j.id, 0)] }),
      async analyze(t: TensorTask, _options: unknown, onProgress?: (f: number) => unknown): Promise<AnalysisRow> {
        for (let i = 1; i <= 10; i++) {
          await sleep(10);
          await onProgress?.(i / 10);
        }
        return { key: t.key, jobId: t.jobId, source: t.source, name: t.name, kind: t.kind, status: 'note', message: 'late' };
      },
      lendKernels() {},
    };
    const { spawn: spawnOpen } = fakeWorkers(api);
    const spawn = () => Object.assign(spawnOpen(), { terminate() {} });
    const queue = createAnalysisQueue({ spawn, size: 1 });
    const a = record();
    const running = queue.run(job('a'), a.callbacks);
    const rejected = expect(running).rejects.toBeInstanceOf(CancelledError);
    await sleep(45);
    queue.cancel('a');
    const seen = a.progress.length;
    await rejected;
    await sleep(120); // the old worker goes on reporting meanwhile
    expect(seen).toBeGreaterThan(1);
    expect(a.progress.length).toBe(seen);
    expect(a.rows).toEqual([]);
    queue.dispose();
  });

  it('a matrix whose worker fails gives an error row for it, and the others are analyzed', async () => {
    const { spawn, made } = fakeApi(10, { tasks: 4, crash: 2 });
    const queue = createAnalysisQueue({ spawn, size: 2 });
    const { rows, callbacks } = record();
    await queue.run(job('a'), callbacks);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.t2).toMatchObject({ status: 'error', message: 't2: the worker ran out of memory' });
    expect(['t0', 't1', 't3'].map((n) => byName[n]!.status)).toEqual(['note', 'note', 'note']);
    expect(made).toHaveLength(2); // a task that throws is not a crashed worker: no respawn
    queue.dispose();
  });

  it("spreads an adapter's modules in batches, in file order, streaming rows; a failed batch reports only its unfinished modules", async () => {
    const n = 20;
    // Modules planned out of file order: the queue sorts them by their A's offset.
    const module = (i: number): AdapterTask => {
      const loc = (start: number) => ({ file: 'ad.safetensors', dtype: 'F32', shape: [1, 1], start, end: start + 4 });
      return {
        kind: 'adapter',
        key: `m${i}`,
        jobId: 'ad',
        source: 'ad.safetensors',
        name: `m${i}`,
        a: { file: blob, loc: loc(8 * i) },
        b: { file: blob, loc: loc(8 * i + 4) },
        settings: { r: 1, alpha: 1, scaling: 'standard', perModuleRank: false, source: 'test' },
      };
    };
    const batches: string[][] = [];
    const api = {
      async plan(j: AnalysisJob): Promise<JobPlan> {
        return { rows: [], tasks: Array.from({ length: n }, (_, i) => module((i * 7) % n)).map((t) => ({ ...t, jobId: j.id })) };
      },
      async analyzeAdapter(tasks: AdapterTask[], _options: unknown, onRows?: (rows: AnalysisRow[]) => unknown) {
        batches.push(tasks.map((t) => t.key));
        const row = (t: AdapterTask): AnalysisRow => ({ ...t, status: 'note', message: 'done' });
        for (const [k, t] of tasks.entries()) {
          await sleep(2);
          if (t.key === 'm13') {
            await sleep(20); // the rows streamed before arrive first (a crashed worker's rows in flight are lost)
            throw new Error('the worker ran out of memory');
          }
          // Stream every row but the last, without waiting: the reply may overtake them.
          if (k < tasks.length - 1) void onRows?.([row(t)]);
        }
        return { rows: [row(tasks.at(-1)!)], streamed: tasks.length - 1 };
      },
      lendKernels() {},
    };
    const { spawn } = fakeWorkers(api);
    const queue = createAnalysisQueue({ spawn, size: 2 });
    const { rows, progress, callbacks } = record();
    await queue.run({ ...job('ad'), id: 'ad' }, callbacks);
    expect(batches.map((b) => b.length)).toEqual([5, 4, 3, 2, 2, 2, 2]);
    expect(batches.flat()).toEqual(Array.from({ length: n }, (_, i) => `m${i}`));
    // One row per module; the batch with m13 reports m12 as done and m13 and after as failed.
    expect(rows.map((r) => r.key).sort()).toEqual(Array.from({ length: n }, (_, i) => `m${i}`).sort());
    const failed = batches.find((b) => b.includes('m13'))!;
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    for (const key of failed) {
      const expected = failed.indexOf(key) < failed.indexOf('m13') ? 'note' : 'error';
      expect(byKey[key]!.status).toBe(expected);
    }
    expect(byKey.m13!.message).toBe('m13: the worker ran out of memory');
    expect(progress.at(-1)).toEqual({ fraction: 1, label: `${n} of ${n} done` });
    queue.dispose();
  });
});
