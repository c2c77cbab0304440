// SVD benchmark: our svd beside ml-matrix's SingularValueDecomposition and
// numpy.linalg.svd (LAPACK dgesdd, one BLAS thread) on the same seeded
// Gaussian n × n matrices. NumPy runs in a child process asked for one
// timing at a time, interleaved with ours (ours, NumPy, ours, NumPy, ...),
// so a busy patch of a shared machine hits both alike; ml-matrix is timed
// after them. Medians and ratios; then where our time goes at the largest
// sizes.
//
//   npm run bench -w @lora-rank/core            (from the repository root)
//   node bench/bench.ts 64 128                  (only some sizes)
//   node bench/bench.ts --no-analysis           (skip the analysis paths of issue 5)
//   node bench/bench.ts --no-lm                 (skip the language model's training rates)
//   node bench/bench.ts --no-analysis           (skip the analysis page's paths)
//   node bench/bench.ts --no-kernels            (skip GEMM and the randomized SVD beside NumPy)
//   node bench/bench.ts --svd-only              (only the svd tables)

import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { RandomState, svd, toRows, type Matrix } from '../src/index.ts';
import { applyReflectors } from '../src/linalg/applyReflectors.ts';
import { bdsdc } from '../src/linalg/bdsdc.ts';
import { bidiagonalize } from '../src/linalg/bidiagonalize.ts';
import { dqds } from '../src/linalg/dqds.ts';
import { interleaved } from './interleaved.ts';
import { numpyServer } from './numpyServer.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [64, 128, 256, 512, 1024];
/** Above this size ml-matrix takes minutes: its column is skipped. */
const ML_MATRIX_MAX = 512;
/** From this size on, the time of each stage of svd is printed too. */
const BREAKDOWN_MIN = 512;

/** Runs for a size: fewer for the big ones, always an odd count. */
function runsFor(n: number): number {
  if (n <= 64) return 21;
  if (n <= 128) return 11;
  if (n <= 256) return 7;
  if (n <= 512) return 5;
  return 3;
}

/** The benchmark matrix for size n: np.random.RandomState(n).randn(n, n). */
function benchMatrix(n: number): Matrix {
  return new RandomState(n).randn(n, n);
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** One run of each stage of svd(a) with vectors (a square): bidiagonalization, dqds, bdsdc, Q·U_B, P·V_B. */
function stages(a: Matrix): number[] {
  const n = a.rows;
  let b: ReturnType<typeof bidiagonalize> | undefined;
  let vb: ReturnType<typeof bdsdc> | undefined;
  const ub = new Float64Array(n * n);
  return [
    () => (b = bidiagonalize(a.data.slice(), n, n)),
    () => dqds(b!.d.slice(), b!.e.slice()),
    () => (vb = bdsdc(b!.d.slice(), b!.e.slice())),
    () => applyReflectors(ub, n, n, b!.left),
    () => applyReflectors(vb!.vt.subarray(n), n - 1, n, b!.right),
  ].map((f) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  });
}

const server = await numpyServer();
const np = server?.ask;
const rows: string[][] = [];
const breakdown: string[][] = [];
try {
  for (const n of SIZES) {
    const a = benchMatrix(n);
    const ml = new MlMatrix(toRows(a));
    const warmupMs = n >= 512 ? 0 : 500;
    for (const vectors of [false, true]) {
      const withMl = n <= ML_MATRIX_MAX;
      // Ours and NumPy's interleaved; ml-matrix afterwards, on its own: in
      // the same process its garbage (plain arrays) would be collected
      // during our timed runs (measured: +10–35 % on ours at 256).
      const contenders: (() => unknown)[] = [() => svd(a, { vectors })];
      if (np) contenders.push(() => np({ op: 'svd', n, vectors }));
      const times = await interleaved(contenders, runsFor(n), warmupMs);
      const ours = times[0];
      const npMs = np ? times[1] : undefined;
      const theirs = withMl
        ? (
            await interleaved(
              [() => new SingularValueDecomposition(ml, { computeLeftSingularVectors: vectors, computeRightSingularVectors: vectors })],
              runsFor(n),
              warmupMs,
            )
          )[0]
        : undefined;
      rows.push([
        String(n),
        vectors ? 'U, s, Vᵀ' : 's only',
        fmt(ours),
        theirs === undefined ? '–' : fmt(theirs),
        theirs === undefined ? '–' : `${(theirs / ours).toFixed(2)}×`,
        npMs === undefined ? '–' : fmt(npMs),
        npMs === undefined ? '–' : `${(ours / npMs).toFixed(2)}×`,
      ]);
    }
    if (n >= BREAKDOWN_MIN) {
      const t = stages(a);
      const total = t.reduce((x, y) => x + y, 0);
      breakdown.push([String(n), ...t.map((x) => `${fmt(x)} (${Math.round((100 * x) / total)} %)`)]);
    }
  }
} finally {
  server?.close();
}

console.log(`svd of seeded Gaussian n × n matrices, median wall time, interleaved (node ${process.version})`);
printTable(['n', 'mode', 'ours ms', 'ml-matrix ms', 'ml-matrix / ours', 'numpy ms', 'ours / numpy'], rows);
if (np === undefined) console.log('(numpy not available: numpy columns skipped)');
else
  console.log(
    `(numpy: numpy.linalg.svd, LAPACK dgesdd, one BLAS thread, timed in the same run${server?.pinned === undefined ? '' : `; ours and NumPy's on vCPU ${server.pinned}`})`,
  );
if (breakdown.length > 0) {
  console.log('\nwhere svd with vectors spends its time (one run of each stage, ms)');
  printTable(['n', 'bidiagonalization', 'dqds (values)', 'bdsdc (vectors of B)', 'Q·U_B', 'P·V_B'], breakdown);
}
if (process.argv.includes('--svd-only')) process.exit(0);

// Training lab: training steps per second and the cost of a sweep.
await (await import('./trainBench.ts')).benchTraining();

// Analyze your own weights: randomized SVD and the adapter path at 4096 × 4096.
if (!process.argv.includes('--no-analysis')) await (await import('./analysisBench.ts')).benchAnalysis();

// The language model: training tokens per second against a straightforward reference, and the default fine-tuning runs.
if (!process.argv.includes('--no-lm')) (await import('./lmBench.ts')).benchLm();
// The kernels: GEMM and the randomized SVD on one thread and two workers, beside NumPy.
if (!process.argv.includes('--no-kernels')) await (await import('./kernelBench.ts')).benchKernels();
