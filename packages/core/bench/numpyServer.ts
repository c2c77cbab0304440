// A NumPy process that times one operation per request, so that a bench can
// interleave its own runs with NumPy's (ours, NumPy, ours, NumPy, ...) and a
// busy patch of a shared machine hits both alike. One BLAS thread, like our
// single-threaded code. Used by bench.ts (svd) and kernelBench.ts (GEMM and
// the randomized SVD).

import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const NUMPY_SERVER = `
import json, sys, time
import numpy as np
cache = {}
def matrix(n, kind):
    key = (n, kind)
    if key not in cache:
        rng = np.random.RandomState(n)
        if kind == 'decaying':
            x = rng.randn(n, 256) * (0.97 ** np.arange(256)) / n
            a = x @ rng.randn(256, n) + 1e-4 * rng.randn(n, n) / np.sqrt(n)
        else:
            a = rng.randn(n, n)
        cache[key] = a
    return cache[key]
def rsvd(a, k, q):
    l = k + 10
    o = np.random.RandomState(0).randn(a.shape[1], l)
    y = np.linalg.qr(a @ o)[0]
    for _ in range(q):
        z = np.linalg.qr(a.T @ y)[0]
        y = np.linalg.qr(a @ z)[0]
    return np.linalg.svd(y.T @ a, compute_uv=False)[:k]
for line in sys.stdin:
    c = json.loads(line)
    if c['op'] == 'gemm':
        key = ('gemm', c['n'], c['dtype'])
        if key not in cache:
            a = matrix(c['n'], 'gaussian').astype(c['dtype'])
            cache[key] = (a, np.empty_like(a))
        a, out = cache[key]
        # Into a preallocated result, as ours writes into its C: a fresh 8 MB
        # result costs page faults that are not the product's (20+ ms here).
        t = time.perf_counter(); np.matmul(a, a, out=out); ms = (time.perf_counter() - t) * 1000
    elif c['op'] == 'rsvd':
        a = matrix(c['n'], 'decaying')
        t = time.perf_counter(); rsvd(a, c['k'], c['q']); ms = (time.perf_counter() - t) * 1000
    elif c['op'] == 'svd':
        a = matrix(c['n'], 'gaussian')
        t = time.perf_counter(); np.linalg.svd(a, full_matrices=False, compute_uv=c['vectors']); ms = (time.perf_counter() - t) * 1000
    print(json.dumps(ms), flush=True)
`;

/**
 * Pins this process's main thread (on Linux its thread id is the process
 * id) to the vCPU `cpu` with `taskset`, so that the NumPy process spawned
 * from it next runs there too (a child inherits the affinity of the thread
 * that spawns it). Why: on this project's 2-core VMs one vCPU at a time ran
 * memory-bound kernels a third slower than the other for minutes (the
 * products of 4096² × 74 at 12.5 against 18.7 GFLOP/s, pinned with taskset;
 * the register-only SIMD peak the same on both), and ours and NumPy's
 * landing on different vCPUs skewed their ratio, which interleaving cannot
 * fix. Returns how to undo it, or undefined where `taskset` is missing or
 * refuses (not Linux): then nothing is pinned.
 */
function pinMainThread(cpu: number): (() => void) | undefined {
  const pid = String(process.pid);
  const before = spawnSync('taskset', ['-p', pid], { encoding: 'utf8' });
  const mask = /mask: ([0-9a-f]+)/.exec(before.stdout ?? '')?.[1];
  if (before.status !== 0 || mask === undefined) return undefined;
  if (spawnSync('taskset', ['-p', '-c', String(cpu), pid], { stdio: 'ignore' }).status !== 0) return undefined;
  return () => void spawnSync('taskset', ['-p', mask, pid], { stdio: 'ignore' });
}

/** Asks the NumPy process for one timing in ms. */
export type AskNumpy = (command: object) => Promise<number>;

/**
 * Starts the NumPy process, or returns undefined without python3 + NumPy.
 * While it is up, this thread and NumPy's share one vCPU (see
 * `pinMainThread`; `pinned` says which, or is undefined): workers created
 * meanwhile would inherit that one vCPU, so create them before, and `close`
 * lets this thread run anywhere again.
 * Operations: `{ op: 'gemm', n, dtype }` (A·A, A = RandomState(n).randn(n, n)),
 * `{ op: 'rsvd', n, k, q }` (the randomized SVD of the decaying update),
 * `{ op: 'svd', n, vectors }` (numpy.linalg.svd of RandomState(n).randn(n, n),
 * the matrix our `new RandomState(n).randn(n, n)` draws).
 */
export async function numpyServer(): Promise<{ ask: AskNumpy; close: () => void; pinned: number | undefined } | undefined> {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const cpu = 0;
  const unpin = pinMainThread(cpu);
  const child = spawn('python3', ['-c', NUMPY_SERVER], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const ok = await new Promise<boolean>((resolve) => {
    child.on('error', () => resolve(false));
    child.on('spawn', () => resolve(true));
  });
  if (!ok) {
    unpin?.();
    return undefined;
  }
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ask = async (command: object) => {
    child.stdin!.write(`${JSON.stringify(command)}\n`);
    const next = await lines.next();
    if (next.done) throw new Error('numpy server exited');
    return Number(next.value);
  };
  const close = () => {
    child.stdin!.end();
    child.kill();
    unpin?.();
  };
  try {
    await ask({ op: 'gemm', n: 8, dtype: 'float64' });
    return { ask, close, pinned: unpin === undefined ? undefined : cpu };
  } catch {
    close();
    return undefined;
  }
}
