import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomState, matmul, randomizedSvd } from '../src/index.ts';
import { plantedUpdate } from '../src/experiments/index.ts';
import { createKernelPool, serveKernels, suggestedPoolSize } from '../src/pool/index.ts';
import { close } from './close.ts';

const workers = [0, 1].map(() => new Worker(new URL('./poolWorker.ts', import.meta.url)));
const pool = createKernelPool(workers);
afterAll(() => pool.terminate());

describe('createKernelPool over Node worker_threads', () => {
  it('matmul splits rows over two workers and equals the single-thread product', async () => {
    const rng = new RandomState(1);
    const a = rng.randn(131, 70);
    const b = rng.randn(70, 45);
    close(await pool.matmul(a, b), matmul(a, b), { rtol: 1e-13, atol: 1e-13 });
    const one = await pool.matmul(rng.randn(1, 5), rng.randn(5, 3)); // fewer rows than workers
    expect([one.rows, one.cols]).toEqual([1, 3]);
  });

  it('matmul writes into out when given, even when out is one of its operands', async () => {
    const rng = new RandomState(8);
    const a = rng.randn(97, 61);
    const b = rng.randn(61, 33);
    const want = matmul(a, b);
    const out = rng.randn(97, 33); // stale values: every entry must be overwritten
    expect(await pool.matmul(a, b, out)).toBe(out);
    close(out, want, { rtol: 1e-13, atol: 1e-13 });
    // out = a and out = b: every block of both is staged for the workers before any result lands.
    const s = rng.randn(64, 64);
    const t = rng.randn(64, 64);
    const st = matmul(s, t);
    expect(await pool.matmul(s, t, s)).toBe(s); // s ← s·t
    close(s, st, { rtol: 1e-13, atol: 1e-13 });
    const stt = matmul(s, t);
    expect(await pool.matmul(s, t, t)).toBe(t); // t ← s·t
    close(t, stt, { rtol: 1e-13, atol: 1e-13 });
    await expect(pool.matmul(a, b, rng.randn(97, 32))).rejects.toThrow('matmul: out is 97×32; expected 97×33 (a.rows × b.cols)');
  });

  it('randomizedSvd with resident row blocks gives the single-thread result (float64 and float32)', async () => {
    const a = plantedUpdate({
      d: 303,
      k: 200,
      singularValues: Float64Array.from({ length: 200 }, (_, i) => 0.85 ** i),
      noise: 0,
      rng: new RandomState(2),
    });
    for (const options of [{ rank: 10 }, { rank: 10, precision: 'float32' as const }, { rank: 4, powerIterations: 2 }]) {
      const here = randomizedSvd(a, options);
      const there = await pool.randomizedSvd(a, options);
      close(there.s, here.s, { rtol: 1e-10 });
      expect(there.iterations).toBe(here.iterations);
      expect(there.converged).toBe(here.converged);
    }
  });

  it('gives the same results call after call while buffers are reused across shapes that grow and shrink', async () => {
    const rng = new RandomState(5);
    for (const [m, p, n] of [
      [60, 40, 9],
      [7, 3, 2],
      [120, 90, 30],
      [60, 40, 9],
      [2, 1, 1],
    ]) {
      const a = rng.randn(m, p);
      const b = rng.randn(p, n);
      close(await pool.matmul(a, b), matmul(a, b), { rtol: 1e-13, atol: 1e-13 });
      const svdIn = rng.randn(m, Math.max(p, 12));
      close((await pool.randomizedSvd(svdIn, { rank: 2, powerIterations: 1 })).s, randomizedSvd(svdIn, { rank: 2, powerIterations: 1 }).s, {
        rtol: 1e-12,
      });
    }
  });

  it('loads a block larger than one message in pieces (rows of 4 MB)', async () => {
    const a = new RandomState(6).randn(1100, 1000); // 550 rows per worker: 8.8 MB
    const want = randomizedSvd(a, { rank: 3, powerIterations: 1 });
    close((await pool.randomizedSvd(a, { rank: 3, powerIterations: 1 })).s, want.s, { rtol: 1e-12 });
  });

  it('randomizedSvd names the first NaN or infinity in row-major order, as on one thread, and stays usable', async () => {
    // 1100 × 1000: two blocks of 550 rows, each loaded in two messages; the bad entries sit in
    // different workers, which answer in any order.
    const a = new RandomState(7).randn(1100, 1000);
    a.data[20 * 1000 + 3] = Infinity; // worker 0, first message
    a.data[1000 * 1000 + 7] = NaN; // worker 1
    const message = 'randomizedSvd: A[20, 3] is Infinity; received a non-finite entry, expected finite numbers only';
    expect(() => randomizedSvd(a, { rank: 3 })).toThrow(message);
    await expect(pool.randomizedSvd(a, { rank: 3 })).rejects.toThrow(message);
    a.data[20 * 1000 + 3] = 0;
    await expect(pool.randomizedSvd(a, { rank: 3 })).rejects.toThrow('randomizedSvd: A[1000, 7] is NaN');
    a.data[1000 * 1000 + 7] = 0;
    close((await pool.randomizedSvd(a, { rank: 3, powerIterations: 1 })).s, randomizedSvd(a, { rank: 3, powerIterations: 1 }).s, {
      rtol: 1e-12,
    });
  });

  it('serializes concurrent calls and reports worker errors as rejections', async () => {
    const rng = new RandomState(3);
    const a = rng.randn(40, 30);
    const [x, y] = await Promise.all([pool.randomizedSvd(a, { rank: 3, seed: 1 }), pool.matmul(a, rng.randn(30, 2))]);
    expect(x.s.length).toBe(3);
    expect(y.rows).toBe(40);
    await expect(pool.matmul(a, rng.randn(29, 2))).rejects.toThrow(/inner dimensions differ/);
  });
});

describe('serveKernels', () => {
  it('speaks to a pool over a MessagePort in the same thread too (any WorkerTransport)', async () => {
    const { port1, port2 } = new MessageChannel();
    serveKernels(port2);
    const local = createKernelPool([port1]);
    const a = new RandomState(4).randn(50, 40);
    close((await local.randomizedSvd(a, { rank: 5 })).s, randomizedSvd(a, { rank: 5 }).s, { rtol: 1e-12 });
    port1.close();
  });

  it('answers a product before any load with an error naming the missing step', async () => {
    const { port1, port2 } = new MessageChannel();
    serveKernels(port2);
    const reply = new Promise((resolve) => port1.once('message', resolve));
    port1.postMessage({ id: 7, type: 'times', x: new Float64Array(2), l: 1, single: false });
    expect(await reply).toEqual({ id: 7, ok: false, error: 'serveKernels: no matrix loaded (send a load request first)' });
    port1.close();
  });
});

describe('suggestedPoolSize', () => {
  it('is the number of cores, capped, at least 1', () => {
    const cores = navigator.hardwareConcurrency;
    expect(suggestedPoolSize()).toBe(Math.min(4, cores));
    expect(suggestedPoolSize(1)).toBe(1);
  });
});
