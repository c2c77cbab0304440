// Training-step benchmark: our LoRA trainer (row-by-row kernels, no d × k
// product) against a plain reference step that forms Delta = gamma·B·A and
// the dense gradient with textbook triple-loop matmuls (i-j-p order), both
// with the same Adam update, in one run. Then the cost of a plausible default
// sweep of the training lab. Prints medians and ratios.
//
//   node bench/trainBench.ts        (or, with the SVD bench, npm run bench -w @lora-rank/core)

import { pathToFileURL } from 'node:url';
import { RandomState, type LoraScaling, type Matrix } from '../src/index.ts';
import {
  associationTask,
  createTrainer,
  recallMeasures,
  retrievalTask,
  truncatedRecall,
  regressionTask,
  type OptimizerConfig,
  type RegressionTask,
} from '../src/train/index.ts';
import { lowRankUpdate } from '../src/experiments/index.ts';
import { median } from './interleaved.ts';

/** Textbook C = A·B: i-j-p order, the inner loop strides down a column of B. */
function naiveMatmul(a: Matrix, b: Matrix): Matrix {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * n + j];
      c[i * n + j] = s;
    }
  }
  return { rows: m, cols: n, data: c };
}

function naiveTranspose(a: Matrix): Matrix {
  const t = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: t };
}

/**
 * The reference: one full-batch Adam step done the obvious way,
 * Delta = gamma·B·A, R = X·Deltaᵀ − Y, G = (2/(n·d))·Rᵀ·X,
 * ∂B = gamma·G·Aᵀ, ∂A = gamma·Bᵀ·G. Returns the loss.
 */
function referenceTrainer(task: RegressionTask, a0: Matrix, gamma: number, lr: number): () => number {
  const a = { ...a0, data: a0.data.slice() };
  const d = task.y.cols;
  const r = a0.rows;
  const b: Matrix = { rows: d, cols: r, data: new Float64Array(d * r) };
  const state = [a, b].map((p) => ({ m: new Float64Array(p.data.length), v: new Float64Array(p.data.length) }));
  let t = 0;
  return () => {
    const delta = naiveMatmul(b, a);
    for (let i = 0; i < delta.data.length; i++) delta.data[i] *= gamma;
    const res = naiveMatmul(task.x, naiveTranspose(delta));
    let loss = 0;
    for (let i = 0; i < res.data.length; i++) {
      res.data[i] -= task.y.data[i];
      loss += res.data[i] ** 2;
    }
    const n = task.x.rows;
    const g = naiveMatmul(naiveTranspose(res), task.x);
    for (let i = 0; i < g.data.length; i++) g.data[i] *= 2 / (n * d);
    const gb = naiveMatmul(g, naiveTranspose(a));
    const ga = naiveMatmul(naiveTranspose(b), g);
    t++;
    [a, b].forEach((p, i) => {
      const grad = i === 0 ? ga : gb;
      const { m, v } = state[i];
      for (let j = 0; j < p.data.length; j++) {
        const gj = gamma * grad.data[j];
        m[j] = 0.9 * m[j] + 0.1 * gj;
        v[j] = 0.999 * v[j] + 0.001 * gj * gj;
        p.data[j] -= (lr / (1 - 0.9 ** t)) * (m[j] / (Math.sqrt(v[j]) / Math.sqrt(1 - 0.999 ** t) + 1e-8));
      }
    });
    return loss / (n * d);
  };
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function target(n: number): Matrix {
  return lowRankUpdate({ d: n, k: n, trueRank: 4, noise: 0.01, rng: new RandomState(n) });
}

/** Steps per second of ours and of the reference, interleaved, median of `runs` timings of `steps` steps. */
function stepRate(size: number, rank: number, runs: number, steps: number): string[] {
  const task = regressionTask({ target: target(size), seed: 1 }); // n = 2k inputs, full batch
  const config = { task, rank, alpha: rank, seed: 2, optimizer: { type: 'adam', lr: 1e-3 } as const };
  const ours = createTrainer(config);
  const ref = referenceTrainer(task, createTrainer(config).adapter.a, ours.gamma, 1e-3);
  // Same algorithm: the first losses agree (a check that the race is fair).
  const l0 = ours.step().loss;
  const l1 = ref();
  if (Math.abs(l0 - l1) > 1e-12 * l0) throw new Error(`bench: reference loss ${l1} differs from ours ${l0}`);
  const ts: number[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    [() => ours.step(), () => ref()].forEach((fn, j) => {
      const t0 = performance.now();
      for (let s = 0; s < steps; s++) fn();
      ts[j].push((performance.now() - t0) / steps);
    });
  }
  const [a, b] = ts.map(median);
  return [`${size}`, `${task.x.rows}`, `${rank}`, fmt(a), fmt(1000 / a), fmt(b), fmt(1000 / b), `${(b / a).toFixed(1)}×`];
}

/** Wall time of the lab's sweep: ranks × scalings × optimizers, `steps` full-batch steps each. */
function sweepTime(size: number, ranks: number[], steps: number): string[] {
  const task = regressionTask({ target: target(size), seed: 1 });
  const optimizers: OptimizerConfig[] = [
    { type: 'sgd', lr: 0.05 },
    { type: 'adam', lr: 1e-2 },
  ];
  const t0 = performance.now();
  let runs = 0;
  for (const rank of ranks) {
    for (const scaling of ['standard', 'rslora'] as LoraScaling[]) {
      for (const optimizer of optimizers) {
        createTrainer({ task, rank, alpha: 8, scaling, seed: 0, optimizer }).run(steps);
        runs++;
      }
    }
  }
  const ms = performance.now() - t0;
  return [`${size}`, `${task.x.rows}`, ranks.join(','), `${runs} × ${steps}`, fmt(ms), fmt((1000 * ms) / (runs * steps))];
}

/** Runs the training benchmarks and prints two tables. */
export function benchTraining(): void {
  // Warm-up so the kernels are compiled before timing.
  const warm = createTrainer({
    task: regressionTask({ target: target(64), seed: 1 }),
    rank: 16,
    alpha: 16,
    seed: 0,
    optimizer: { type: 'adam', lr: 1e-3 },
  });
  const t0 = performance.now();
  while (performance.now() - t0 < 300) warm.step();

  console.log(`\nLoRA training step (Adam, full batch, n = 2k inputs), median ms per step (node ${process.version})`);
  printTable(
    ['d = k', 'n', 'r', 'ours ms', 'ours steps/s', 'triple-loop ms', 'triple-loop steps/s', 'speed-up'],
    [stepRate(128, 64, 7, 5), stepRate(512, 64, 3, 1)],
  );
  console.log('(triple-loop: forms Delta and the dense d × k gradient with textbook i-j-p matmuls)');

  console.log('\nA default sweep of the lab: ranks × {alpha/r, alpha/√r} × {SGD, Adam}, full batch');
  printTable(
    ['d = k', 'n', 'ranks', 'runs × steps', 'total ms', 'µs per step'],
    [sweepTime(64, [1, 4, 16, 64], 200), sweepTime(128, [1, 4, 16, 64], 200)],
  );

  console.log('\nThe capacity experiment: truncation curve (all ranks), and LoRA on the retrieval loss (Adam, full batch)');
  printTable(['task', 'd = k', 'N', 'what', 'total ms'], capacityTime(64, 128, 200));
}

/** Wall time of the capacity experiment at one size. */
function capacityTime(size: number, n: number, steps: number): string[][] {
  const rows: string[][] = [];
  for (const kind of ['facts', 'style'] as const) {
    const task = associationTask({ kind, n, d: size, k: size, seed: 0 });
    const ranks = Array.from({ length: size }, (_, i) => i + 1);
    let t0 = performance.now();
    truncatedRecall(task, ranks);
    rows.push([kind, `${size}`, `${n}`, `truncation, r = 1..${size}`, fmt(performance.now() - t0)]);
    const loraRanks = [1, 4, 16, 64].filter((r) => r <= size);
    t0 = performance.now();
    for (const rank of loraRanks) {
      const trainer = createTrainer({ task: retrievalTask(task), rank, alpha: 8, seed: 0, optimizer: { type: 'adam', lr: 1e-2 } });
      trainer.run(steps);
      recallMeasures(task, trainer.outputs(task.keys));
    }
    rows.push([kind, `${size}`, `${n}`, `LoRA r = ${loraRanks.join(',')} × ${steps} steps`, fmt(performance.now() - t0)]);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) benchTraining();
