import { describe, expect, it } from 'vitest';
import { CancelledError, createAnalysisQueue } from '../../../src/analyze/queue.ts';
import type { AnalysisJob, AnalysisProgress, AnalysisRow } from '../../../src/analyze/types.ts';
import { npyBytes } from '../../../packages/core/test/ioFixtures.ts';
import { fakeWorkers as fakeApiWorkers } from '../fakeWorkers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fake workers: MessagePorts served in this process by an API whose jobs take `ms` each. */
function fakeWorkers(ms: number) {
  const api = {
    async analyze(job: AnalysisJob, _onProgress: unknown, onRow: (row: AnalysisRow) => unknown) {
      await sleep(ms);
      await onRow({ key: job.id, jobId: job.id, source: 's', name: job.id, kind: 'matrix', status: 'note', message: 'done' });
    },
  };
  return fakeApiWorkers(api);
}

const job = (id: string): AnalysisJob => ({
  id,
  kind: 'npy',
  file: new Blob([npyBytes([1], [1, 1]) as Uint8Array<ArrayBuffer>]),
  name: `${id}.npy`,
});

describe('createAnalysisQueue', () => {
  it('spawns its workers up front and reuses them, one job per worker at a time', async () => {
    const { spawn, made } = fakeWorkers(10);
    const queue = createAnalysisQueue({ spawn, concurrency: 2 });
    expect(made).toHaveLength(2);
    const rows: string[] = [];
    const cb = { onProgress() {}, onRow: (r: AnalysisRow) => rows.push(r.name) };
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => queue.run(job(id), cb)));
    expect(rows.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(made).toHaveLength(2);
    queue.dispose();
    expect(made.every((m) => m.terminated)).toBe(true);
  });

  it('cancelling a running job terminates its worker, spawns a replacement and lets the queue go on', async () => {
    const { spawn, made } = fakeWorkers(200);
    const queue = createAnalysisQueue({ spawn, concurrency: 1 });
    const cb = { onProgress() {}, onRow() {} };
    const first = queue.run(job('a'), cb);
    const second = queue.run(job('b'), cb);
    const third = queue.run(job('c'), cb);
    const thirdRejected = expect(third).rejects.toBeInstanceOf(CancelledError);
    queue.cancel('c'); // queued: just dropped
    await sleep(20);
    queue.cancel('a'); // running: terminated
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    await thirdRejected;
    expect(made[0].terminated).toBe(true);
    expect(made).toHaveLength(2);
    await expect(second).resolves.toBeUndefined();
    queue.dispose();
  });

  it('calls no callback of a cancelled job, even for messages its worker sent before it was terminated', async () => {
    // A worker that keeps reporting after terminate(), as messages already in flight from a real
    // terminated worker still arrive: here terminate() leaves the port open.
    const api = {
      async analyze(j: AnalysisJob, onProgress: (p: AnalysisProgress) => unknown, onRow: (row: AnalysisRow) => unknown) {
        for (let i = 1; i <= 10; i++) {
          await sleep(10);
          await onProgress({ fraction: i / 10, label: `step ${i}` });
          await onRow({ key: `${j.id}-${i}`, jobId: j.id, source: 's', name: `${i}`, kind: 'matrix', status: 'note', message: '' });
        }
      },
    };
    const { spawn: spawnClosing } = fakeWorkers(0);
    let spawned = 0;
    const spawn = () => {
      const w = spawned++ === 0 ? fakeApiWorkers(api).spawn() : spawnClosing();
      return Object.assign(w, { terminate() {} });
    };
    const queue = createAnalysisQueue({ spawn, concurrency: 1 });
    const calls: string[] = [];
    let cancelled = false;
    const late: string[] = [];
    const record = (what: string) => {
      calls.push(what);
      if (cancelled) late.push(what);
    };
    const running = queue.run(job('a'), { onProgress: () => record('progress'), onRow: () => record('row') });
    const rejected = expect(running).rejects.toBeInstanceOf(CancelledError);
    await sleep(35);
    queue.cancel('a');
    cancelled = true;
    await rejected;
    await sleep(120); // the old worker goes on reporting meanwhile
    expect(calls.length).toBeGreaterThan(0);
    expect(late).toEqual([]);
    queue.dispose();
  });
});
