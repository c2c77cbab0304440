// The Chromium side of `npm run bench:browser`'s kernel figures: GEMM and the
// randomized SVD on one worker and split over two, driven from Playwright
// through `window.bench`. Served with its types stripped (see server.ts).

import { initKernels, type RandomizedSvdOptions } from '../../packages/core/src/index.ts';
import { createKernelPool } from '../../packages/core/src/pool/index.ts';
import { type FinetuneTiming, GEMM_N, RSVD_N, decayingUpdate, gemmOperand } from './workloads.ts';

await initKernels(); // the pool's coordinator runs products on this thread, which may not compile synchronously

const module = { type: 'module' } as const;
const benchWorkers = [0, 1].map(() => new Worker(new URL('./benchWorker.ts', import.meta.url), module));
const pool = createKernelPool([0, 1].map(() => new Worker(new URL('./kernelWorker.ts', import.meta.url), module)));

let nextId = 1;
function ask<T>(worker: Worker, message: object, transfer: Transferable[] = []): Promise<T> {
  const id = nextId++;
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if (event.data.id !== id) return;
      worker.removeEventListener('message', listener);
      resolve(event.data as T);
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ ...message, id }, transfer);
  });
}

let rsvdMatrix: ReturnType<typeof decayingUpdate> | undefined;
const operands = new Map<boolean, Float64Array | Float32Array>();
/** pool.matmul's result, reused from call to call (as the one-worker products and NumPy reuse theirs). */
let poolResult: { rows: number; cols: number; data: Float64Array } | undefined;

const bench = {
  /** Sets both bench workers' kernels; returns the backend in use. */
  async backend(kernels: 'wasm' | 'js' | 'auto'): Promise<string> {
    const answers = await Promise.all(benchWorkers.map((w) => ask<{ backend: string }>(w, { op: 'backend', kernels })));
    return answers[0]!.backend;
  },
  /** One n × n GEMM in one worker, timed inside it (ms). */
  async gemm1(single: boolean): Promise<number> {
    return (await ask<{ ms: number }>(benchWorkers[0]!, { op: 'gemm', single })).ms;
  },
  /** The same GEMM split by rows over two workers, each sent its rows of A and all of B (wall ms). */
  async gemm2(single: boolean): Promise<number> {
    if (!operands.has(single)) operands.set(single, gemmOperand(GEMM_N, single));
    const a = operands.get(single)!;
    const n = GEMM_N;
    const t0 = performance.now();
    const half = n / 2;
    const c = single ? new Float32Array(n * n) : new Float64Array(n * n);
    await Promise.all(
      benchWorkers.map(async (w, i) => {
        const rows = a.slice(i * half * n, (i + 1) * half * n);
        const reply = await ask<{ c: Float64Array | Float32Array }>(w, { op: 'gemmRows', a: rows, b: a, rows: half }, [rows.buffer]);
        c.set(reply.c, i * half * n);
      }),
    );
    return performance.now() - t0;
  },
  /** The core's pool.matmul (float64) over two workers, into a reused result (wall ms). */
  async poolMatmul(): Promise<number> {
    const n = GEMM_N;
    if (!operands.has(false)) operands.set(false, gemmOperand(n, false));
    const a = { rows: n, cols: n, data: operands.get(false) as Float64Array };
    poolResult ??= { rows: n, cols: n, data: new Float64Array(n * n) };
    const t0 = performance.now();
    await pool.matmul(a, a, poolResult);
    return performance.now() - t0;
  },
  /** The default fine-tuning run's steps in one worker (see timeFinetune), timed inside it. */
  async finetune(kind: 'style' | 'facts', mode: 'lora' | 'full', steps: number): Promise<FinetuneTiming> {
    return ask(benchWorkers[0]!, { op: 'finetune', kind, mode, steps });
  },
  /** Top 64 of the 4096 × 4096 update in one worker, timed inside it. */
  async rsvd1(options: RandomizedSvdOptions): Promise<{ ms: number; accuracy: number; iterations: number }> {
    return ask(benchWorkers[0]!, { op: 'rsvd', options });
  },
  /** The same with the core's kernel pool: A's rows resident in two workers, coordinated from this page (wall ms). */
  async rsvd2(options: RandomizedSvdOptions): Promise<{ ms: number; accuracy: number; iterations: number }> {
    rsvdMatrix ??= decayingUpdate(RSVD_N, RSVD_N);
    const t0 = performance.now();
    const r = await pool.randomizedSvd(rsvdMatrix, options);
    return { ms: performance.now() - t0, accuracy: r.accuracy, iterations: r.iterations };
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
document.body.dataset.ready = 'true';
