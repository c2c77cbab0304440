// The kernel half of `npm run bench:browser`: GEMM and the randomized SVD in
// Debian's Chromium (one worker, two workers) beside the same code in Node
// (one thread, two worker_threads), interleaved in one run; medians.

import { Worker } from 'node:worker_threads';
import type { Browser } from '@playwright/test';
import type { RandomizedSvdOptions } from '../../packages/core/src/index.ts';
import { createKernelPool } from '../../packages/core/src/pool/index.ts';
import { serveRepository } from './server.ts';
import { GEMM_N, RSVD_FIXED, RSVD_N, decayingUpdate, gemmOperand, gflops, median, product, timeRandomizedSvd } from './workloads.ts';

type Bench = {
  backend(kernels: string): Promise<string>;
  gemm1(single: boolean): Promise<number>;
  gemm2(single: boolean): Promise<number>;
  poolMatmul(): Promise<number>;
  rsvd1(options: RandomizedSvdOptions): Promise<{ ms: number; accuracy: number; iterations: number }>;
  rsvd2(options: RandomizedSvdOptions): Promise<{ ms: number; accuracy: number; iterations: number }>;
};

/** Runs each contender once to warm up, then `runs` times interleaved; the median of each. */
async function interleaved(contenders: (() => Promise<number>)[], runs: number): Promise<number[]> {
  for (const c of contenders) await c();
  const times = contenders.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) for (let i = 0; i < contenders.length; i++) times[i]!.push(await contenders[i]!());
  return times.map(median);
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The kernel figures, as markdown lines. */
export async function kernelFigures(browser: Browser, root: string, runs: number): Promise<string[]> {
  const { server, url } = await serveRepository(root);
  const page = await browser.newPage();
  const nodePool = createKernelPool([0, 1].map(() => new Worker(new URL('../../packages/core/bench/kernelWorker.ts', import.meta.url))));
  try {
    await page.goto(`${url}/scripts/benchBrowser/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    const call = <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) =>
      page.evaluate(([n, a]) => (globalThis as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n]!(...a), [
        name,
        args,
      ] as const) as ReturnType<Bench[K]>;
    const backend = await call('backend', 'auto');

    // GEMM, n = 1024.
    const a64 = gemmOperand(GEMM_N, false) as Float64Array;
    const a32 = gemmOperand(GEMM_N, true);
    const nodeGemm = (a: Float64Array | Float32Array) => async () => {
      const t0 = performance.now();
      product(a, a, GEMM_N, GEMM_N);
      return performance.now() - t0;
    };
    const m = { rows: GEMM_N, cols: GEMM_N, data: a64 };
    const pooled = { rows: GEMM_N, cols: GEMM_N, data: new Float64Array(GEMM_N * GEMM_N) };
    const nodePoolMatmul = async () => {
      const t0 = performance.now();
      await nodePool.matmul(m, m, pooled);
      return performance.now() - t0;
    };
    const [c64, c32, c64x2, c32x2, cPool, n64, n32, nPool] = await interleaved(
      [
        () => call('gemm1', false),
        () => call('gemm1', true),
        () => call('gemm2', false),
        () => call('gemm2', true),
        () => call('poolMatmul'),
        nodeGemm(a64),
        nodeGemm(a32),
        nodePoolMatmul,
      ],
      runs,
    );
    const g = (ms: number) => f(gflops(GEMM_N, ms));
    const out = [
      `Chromium kernels: ${backend}`,
      '',
      `| GEMM n = ${GEMM_N}, GFLOP/s | Chromium | Node | Chromium / Node |`,
      '|---|---|---|---|',
      `| float64, 1 worker | ${g(c64)} | ${g(n64)} (1 thread) | ${(n64 / c64).toFixed(2)} |`,
      `| float32, 1 worker | ${g(c32)} | ${g(n32)} (1 thread) | ${(n32 / c32).toFixed(2)} |`,
      `| float64, 2 workers (rows of A and all of B sent to each) | ${g(c64x2)} | | |`,
      `| float32, 2 workers (same) | ${g(c32x2)} | | |`,
      `| float64, 2 workers, the core's pool.matmul | ${g(cPool)} | ${g(nPool)} | ${(nPool / cPool).toFixed(2)} |`,
      '',
      `two workers / one: float64 ${(c64 / c64x2).toFixed(2)}×, float32 ${(c32 / c32x2).toFixed(2)}× (Chromium); pool.matmul ${(c64 / cPool).toFixed(2)}× (Chromium), ${(n64 / nPool).toFixed(2)}× (Node)`,
    ];

    // Randomized SVD, top 64 of 4096 × 4096.
    const big = decayingUpdate(RSVD_N, RSVD_N);
    const page32 = { rank: 64, tolerance: 1e-3, maxIterations: 3, precision: 'float32' } as const;
    const fixed32 = { ...RSVD_FIXED, precision: 'float32' } as const;
    const notes: string[] = [];
    const chromium1 = (o: RandomizedSvdOptions) => async () => (await call('rsvd1', o)).ms;
    const chromium2 = (o: RandomizedSvdOptions) => async () => (await call('rsvd2', o)).ms;
    const node1 = (o: RandomizedSvdOptions) => async () => timeRandomizedSvd(big, o).ms;
    const node2 = (o: RandomizedSvdOptions) => async () => {
      const t0 = performance.now();
      await nodePool.randomizedSvd(big, o);
      return performance.now() - t0;
    };
    const rsvdRuns = Math.max(1, Math.ceil(runs / 2));
    const [r1, r2, r1s, r2s, rp1, rp2, s1, s2, sp1] = await interleaved(
      [
        chromium1(RSVD_FIXED),
        chromium2(RSVD_FIXED),
        chromium1(fixed32),
        chromium2(fixed32),
        chromium1(page32),
        chromium2(page32),
        node1(RSVD_FIXED),
        node2(RSVD_FIXED),
        node1(page32),
      ],
      rsvdRuns,
    );
    const pageRun = await call('rsvd1', page32);
    notes.push(
      `the page's settings stopped after ${pageRun.iterations} iterations, σ accurate to ${(100 * pageRun.accuracy).toPrecision(2)} %`,
    );
    const s = (ms: number) => `${f(ms / 1000)} s`;
    out.push(
      '',
      `| randomized SVD, top 64 of ${RSVD_N}² | Chromium, 1 worker | Chromium, 2 workers | 1 / 2 | Node, 1 thread | Node, 2 workers |`,
      '|---|---|---|---|---|---|',
      `| q = 3, float64 (the core bench's row) | ${s(r1)} | ${s(r2)} | ${(r1 / r2).toFixed(2)}× | ${s(s1)} | ${s(s2)} |`,
      `| q = 3, float32 power iterations | ${s(r1s)} | ${s(r2s)} | ${(r1s / r2s).toFixed(2)}× | | |`,
      `| the page's settings (tolerance 1e-3, at most 3 iterations, float32) | ${s(rp1)} | ${s(rp2)} | ${(rp1 / rp2).toFixed(2)}× | ${s(sp1)} | |`,
      '',
      `(${notes.join('; ')})`,
    );
    return out;
  } finally {
    nodePool.terminate();
    await page.close();
    server.close();
  }
}
