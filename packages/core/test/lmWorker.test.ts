import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { LmTrainHistory } from '../src/lm/index.ts';
import { lmTrainerForTest } from './fixtures/lmWorkerSetup.ts';

describe('createLmTrainer in a worker_threads worker', () => {
  it('trains in chunks on request, posts transferable metrics, and matches the same run on the main thread bit for bit', async () => {
    const worker = new Worker(new URL('./fixtures/lmWorker.ts', import.meta.url));
    const next = (run: number) =>
      new Promise<LmTrainHistory>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ run });
      });
    try {
      const chunks = [await next(5), await next(7)];
      expect(chunks.map((c) => c.firstStep)).toEqual([1, 6]);
      expect(chunks[0].loss).toBeInstanceOf(Float64Array);
      const local = lmTrainerForTest();
      const ref = local.run(12);
      expect([...chunks[0].loss, ...chunks[1].loss]).toEqual([...ref.loss]);
      expect([...chunks[0].lr, ...chunks[1].lr]).toEqual([...ref.lr]);
      expect(ref.loss[11]).toBeLessThan(ref.loss[0]);
    } finally {
      worker.postMessage({ stop: true });
      await worker.terminate();
    }
  });
});
