// Kernel benchmark: GEMM GFLOP/s at n = 1024 (wasm, plain-JS fallback, two
// workers; float64 and float32) and the randomized SVD of a 4096 × 4096
// matrix (top 64: one thread, float32, two workers), each beside NumPy timed
// in the same run. NumPy runs in a child process that stays up and is asked
// for one timing at a time, interleaved with ours (ours, NumPy, ours, NumPy,
// ...), so a busy patch of a shared machine hits both alike, and on the same
// vCPU as this thread where taskset works (see numpyServer); medians.
//
//   node bench/kernelBench.ts          (or, with the other benches, npm run bench)

import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RandomState, matmul, matrix, randomizedSvd, setKernelBackend, type Matrix } from '../src/index.ts';
import { createKernelPool } from '../src/pool/index.ts';
import { gemm } from '../src/kernels/gemm.ts';
import { interleaved } from './interleaved.ts';
import { numpyServer } from './numpyServer.ts';
import { simdPeak } from './simdPeak.ts';

/** X·diag(0.97^j)·Y + noise, n × n (the analysis bench's fine-tune-like update). */
function decayingUpdate(n: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const k = 256;
  const x = rng.randn(n, k);
  const y = rng.randn(k, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x.data[i * k + j] *= 0.97 ** j / n;
  const a = matmul(x, y);
  const noise = rng.randn(n, n);
  for (let i = 0; i < a.data.length; i++) a.data[i] += (1e-4 * noise.data[i]) / Math.sqrt(n);
  return a;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export async function benchKernels(): Promise<void> {
  // The pool's workers first: those created while numpyServer pins this thread would share its one vCPU.
  const workerUrl = new URL('./kernelWorker.ts', import.meta.url);
  const pool = createKernelPool([0, 1].map(() => new Worker(workerUrl)));
  const server = await numpyServer();
  const np = server?.ask;
  const out: string[] = [];
  try {
    // GEMM at n = 1024.
    const n = 1024;
    const a = new RandomState(n).randn(n, n);
    const c = new Float64Array(n * n);
    const a32 = Float32Array.from(a.data);
    const c32 = new Float32Array(n * n);
    const gflops = (ms: number) => (2 * n ** 3) / ms / 1e6;
    const wasm64 = () => gemm(n, n, n, a.data, n, 1, a.data, n, 1, c, n, false);
    const wasm32 = () => gemm(n, n, n, a32, n, 1, a32, n, 1, c32, n, false);
    const js64 = () => {
      setKernelBackend('js');
      gemm(n, n, n, a.data, n, 1, a.data, n, 1, c, n, false);
      setKernelBackend('auto');
    };
    // Into a reused result, as the one-thread rows write into their C and NumPy into its out=.
    const pooled = matrix(n, n);
    const pool64 = () => pool.matmul(a, a, pooled);
    const contenders: (() => unknown)[] = [wasm64, wasm32, js64, pool64];
    if (np)
      contenders.push(
        () => np({ op: 'gemm', n, dtype: 'float64' }),
        () => np({ op: 'gemm', n, dtype: 'float32' }),
      );
    const [tw64, tw32, tj64, tp64, tn64, tn32] = await interleaved(contenders, 5, 1000);
    const peak = await simdPeak();
    out.push('| GEMM n = 1024 | ours GFLOP/s | share of the SIMD peak | NumPy 1 thread GFLOP/s | ours / NumPy |');
    out.push('|---|---|---|---|---|');
    const row = (name: string, ms: number, npMs: number | undefined, ceiling: number) =>
      out.push(
        `| ${name} | ${fmt(gflops(ms))} | ${Math.round((100 * gflops(ms)) / ceiling)} % | ${npMs ? fmt(gflops(npMs)) : '–'} | ${npMs ? (npMs / ms).toFixed(2) : '–'} |`,
      );
    row('float64, wasm, 1 thread', tw64, tn64, peak.f64);
    row('float64, two workers (incl. messages)', tp64, tn64, 2 * peak.f64);
    row('float64, plain-JS fallback', tj64, tn64, peak.f64);
    row('float32, wasm, 1 thread', tw32, tn32, peak.f32);
    out.push(
      `(SIMD peak: 128-bit multiply-adds on registers, no memory, in this process: f64x2 ${fmt(peak.f64)} GFLOP/s, f32x4 ${fmt(peak.f32)} per thread; two workers are measured against twice that. NumPy's result array is preallocated, as ours is.)`,
    );

    // Randomized SVD, top 64 of 4096 × 4096.
    const big = decayingUpdate(4096, 4096);
    const fixed = { rank: 64, powerIterations: 3 };
    const rs: (() => unknown)[] = [
      () => randomizedSvd(big, fixed),
      () => randomizedSvd(big, { ...fixed, precision: 'float32' }),
      () => pool.randomizedSvd(big, fixed),
      () => pool.randomizedSvd(big, { ...fixed, precision: 'float32' }),
      () => randomizedSvd(big, { rank: 64, tolerance: 1e-4 }),
    ];
    if (np) rs.push(() => np({ op: 'rsvd', n: 4096, k: 64, q: 3 }));
    const [r64, r32, rPool, rPool32, rAdaptive, rNp] = await interleaved(rs, 3);
    const adaptive = randomizedSvd(big, { rank: 64, tolerance: 1e-4 });
    out.push('');
    out.push('| randomized SVD, top 64 of 4096 × 4096 | ours ms | NumPy 1 thread ms | ours / NumPy |');
    out.push('|---|---|---|---|');
    const rrow = (name: string, ms: number) =>
      out.push(`| ${name} | ${fmt(ms)} | ${rNp ? fmt(rNp) : '–'} | ${rNp ? (ms / rNp).toFixed(2) : '–'} |`);
    rrow('q = 3, float64, 1 thread (+1 product for the error estimates)', r64);
    rrow('q = 3, float32 power iterations, 1 thread', r32);
    rrow('q = 3, float64, two workers', rPool);
    rrow('q = 3, float32 power iterations, two workers', rPool32);
    rrow(`adaptive, tolerance 1e-4 (${adaptive.iterations} iterations, accuracy ${adaptive.accuracy.toExponential(1)})`, rAdaptive);
    out.push(`(NumPy: the same algorithm, q = 3, Householder QR, one BLAS thread${np ? '' : ' — not available, column skipped'})`);
  } finally {
    pool.terminate();
    server?.close();
  }
  const pin = server?.pinned === undefined ? '' : `, this thread and NumPy's both on vCPU ${server.pinned}`;
  console.log(`\nkernels (node ${process.version}; medians, interleaved with NumPy in the same run${pin})`);
  for (const line of out) console.log(line);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchKernels();
