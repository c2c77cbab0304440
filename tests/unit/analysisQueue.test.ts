import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { CancelledError, createAnalysisQueue } from '../../src/lib/analysis/analysisQueue.ts';
import type { AnalysisJob, AnalysisRow } from '../../src/lib/analysis/types.ts';
import type { WorkerLike } from '../../src/lib/computeClient.ts';
import { npyBytes } from '../../packages/core/test/ioFixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fake workers: MessagePorts served in this process by an API whose jobs take `ms` each. */
function fakeWorkers(ms: number) {
  const made: { terminated: boolean }[] = [];
  const api = {
    async analyze(job: AnalysisJob, _onProgress: unknown, onRow: (row: AnalysisRow) => unknown) {
      await sleep(ms);
      await onRow({ key: job.id, jobId: job.id, source: 's', name: job.id, kind: 'matrix', status: 'note', message: 'done' });
    },
  };
  const spawn = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    const record = { terminated: false };
    made.push(record);
    return Object.assign(port1 as unknown as WorkerLike, {
      terminate() {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    });
  };
  return { spawn, made };
}

const job = (id: string): AnalysisJob => ({ id, kind: 'npy', file: new Blob([npyBytes([1], [1, 1]) as Uint8Array<ArrayBuffer>]), name: `${id}.npy` });

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
});
