// SVD benchmark: our svd beside ml-matrix's SingularValueDecomposition (and
// numpy.linalg.svd when Python with NumPy is available) on the same seeded
// Gaussian n × n matrices, in one run. Prints medians and ratios.
//
//   npm run bench -w @lora-rank/core            (from the repository root)
//   node bench/bench.ts 64 128                  (only some sizes)
//   node bench/bench.ts --no-analysis           (skip the analysis paths)
//   node bench/bench.ts --no-kernels            (skip GEMM and the randomized SVD beside NumPy)

import { spawnSync } from 'node:child_process';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { RandomState, svd, toRows, type Matrix } from '../src/index.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [64, 128, 256, 512, 1024];
/** Above this size ml-matrix takes minutes: its column is skipped. */
const ML_MATRIX_MAX = 512;

/** Runs for a size: fewer for the big ones, always an odd count. */
function runsFor(n: number): number {
  if (n <= 64) return 21;
  if (n <= 128) return 11;
  if (n <= 256) return 5;
  if (n <= 512) return 3;
  return 1;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

/**
 * Median wall times in ms of several functions. Each is first warmed up for
 * `warmupMs` (at least one call) so that the JIT has compiled its hot loops
 * (V8 needs a few hundred calls of a small SVD to reach optimized code);
 * then the runs are interleaved (a, b, a, b, ...) so that a slow patch of the
 * machine hits every contender alike.
 */
function timeAll(fns: (() => void)[], runs: number, warmupMs: number): number[] {
  for (const fn of fns) {
    const t0 = performance.now();
    do fn();
    while (performance.now() - t0 < warmupMs);
  }
  const ts: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      fn();
      ts[k].push(performance.now() - t0);
    });
  }
  return ts.map(median);
}

/** The benchmark matrix for size n: np.random.seed(n); np.random.randn(n, n). */
function benchMatrix(n: number): Matrix {
  return new RandomState(n).randn(n, n);
}

interface NumpyTimes {
  [n: string]: { values: number; vectors: number };
}

const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
out = {}
for n, runs in json.loads(sys.argv[1]):
    np.random.seed(n)
    a = np.random.randn(n, n)
    res = {}
    for key, uv in (("values", False), ("vectors", True)):
        np.linalg.svd(a, compute_uv=uv)
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < (0.5 if n < 512 else 0.0):
            np.linalg.svd(a, compute_uv=uv)
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            np.linalg.svd(a, compute_uv=uv)
            ts.append((time.perf_counter() - t0) * 1000)
        ts.sort()
        res[key] = ts[(len(ts) - 1) // 2]
    out[str(n)] = res
print(json.dumps(out))
`;

function numpyTimes(): NumpyTimes | undefined {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const arg = JSON.stringify(SIZES.map((n) => [n, runsFor(n)]));
  // One BLAS thread, like our single-threaded code.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const res = spawnSync('python3', ['-c', NUMPY_SCRIPT, arg], { encoding: 'utf8', env });
  if (res.status !== 0) {
    console.warn(`numpy timing failed, skipped:\n${res.stderr}`);
    return undefined;
  }
  return JSON.parse(res.stdout) as NumpyTimes;
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

const rows: string[][] = [];
const np = numpyTimes();
for (const n of SIZES) {
  const a = benchMatrix(n);
  const ml = new MlMatrix(toRows(a));
  const runs = runsFor(n);
  const warmupMs = n >= 512 ? 0 : 500;
  for (const vectors of [false, true]) {
    const withMl = n <= ML_MATRIX_MAX;
    const [ours, theirs] = timeAll(
      [
        () => svd(a, { vectors }),
        ...(withMl
          ? [
              () =>
                new SingularValueDecomposition(ml, {
                  computeLeftSingularVectors: vectors,
                  computeRightSingularVectors: vectors,
                }),
            ]
          : []),
      ],
      runs,
      warmupMs,
    );
    const npMs = np?.[String(n)]?.[vectors ? 'vectors' : 'values'];
    rows.push([
      String(n),
      vectors ? 'U, s, Vᵀ' : 's only',
      fmt(ours),
      theirs === undefined ? '–' : fmt(theirs),
      theirs === undefined ? '–' : `${(theirs / ours).toFixed(2)}×`,
      npMs === undefined ? '–' : fmt(npMs),
      npMs === undefined ? '–' : `${(ours / npMs).toFixed(1)}×`,
    ]);
  }
}

const header = ['n', 'mode', 'ours ms', 'ml-matrix ms', 'ml-matrix / ours', 'numpy ms', 'ours / numpy'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
console.log(`svd of seeded Gaussian n × n matrices, median wall time (node ${process.version})`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
if (np === undefined) console.log('(numpy not available: numpy columns skipped)');
else console.log('(numpy: numpy.linalg.svd, LAPACK dgesdd, one BLAS thread)');

// Training lab (issue 4): training steps per second and the cost of a sweep.
await (await import('./trainBench.ts')).benchTraining();

// Analyze your own weights (issue 5): randomized SVD and the adapter path at 4096 × 4096.
if (!process.argv.includes('--no-analysis')) await (await import('./analysisBench.ts')).benchAnalysis();

// The kernels: GEMM and the randomized SVD on one thread and two workers, beside NumPy.
if (!process.argv.includes('--no-kernels')) await (await import('./kernelBench.ts')).benchKernels();
