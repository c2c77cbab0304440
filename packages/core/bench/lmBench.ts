// Language-model training benchmark: training tokens per second of our
// trainer (LmEngine: batched products over batch·length rows through the
// shared gemm kernels) against a straightforward reference (bench/
// lmReference.ts: one sequence at a time, textbook i-j-p products, LoRA by
// merging and the dense chain rule), both followed by the same AdamW
// update, interleaved, medians; full fine-tuning and LoRA r = 8 on every
// linear layer. Then the wall time of the default fine-tuning runs
// (FINETUNE_DEFAULTS), timed over their first steps and extrapolated, or
// whole with --full-runs.
//
//   node bench/lmBench.ts               (also part of npm run bench -w @lora-rank/core)
//   node bench/lmBench.ts --full-runs   time the default runs to the end

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adamStep } from '../src/train/index.ts';
import {
  FINETUNE_DEFAULTS,
  type LmAdapters,
  createFinetuner,
  type LmWeights,
  adapterTensors,
  createLmAdapters,
  createLmTrainer,
  factsTask,
  initLm,
  lmGradients,
  lmTensors,
  loadLm,
  pretrainConfig,
  pretrainWorld,
  styleTask,
  corpusSampler,
} from '../src/lm/index.ts';
import { referenceGradients } from './lmReference.ts';
import { median } from './interleaved.ts';

const here = dirname(fileURLToPath(import.meta.url));

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

/** The shipped base model when it exists (public/models/base), else a fresh one of the same shape. */
function baseModel(): { weights: LmWeights; shipped: boolean } {
  const dir = join(here, '../../../public/models/base');
  if (existsSync(join(dir, 'model.safetensors'))) {
    return {
      weights: loadLm({ model: readFileSync(join(dir, 'model.safetensors')), config: readFileSync(join(dir, 'config.json'), 'utf8') }),
      shipped: true,
    };
  }
  return { weights: initLm(pretrainConfig(), 0), shipped: false };
}

/** A reference training step: reference gradients, then AdamW on the same parameters as ours. */
function referenceStepper(base: LmWeights, adapters: LmAdapters | null, lr: number) {
  const params = adapters ? adapterTensors(adapters).map((t) => t.data) : lmTensors(base).map((t) => t.data);
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  let t = 0;
  const hyper = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
  return (batch: Parameters<typeof referenceGradients>[1]) => {
    const { loss, grads, adapterGrads } = referenceGradients(base, batch, adapters);
    const g = adapters ? adapterGrads : lmTensors(grads).map((x) => x.data);
    t++;
    params.forEach((p, i) => adamStep(p, g[i], m[i], v[i], lr, t, hyper));
    return loss;
  };
}

/** Tokens per second of ours and of the reference for one mode, interleaved, median of `runs` single steps. */
function tokenRate(base: LmWeights, mode: 'full' | 'lora', batchSize: number, runs: number): string[] {
  const world = pretrainWorld();
  const vocab = base.config.vocab;
  const T = base.config.context;
  const lora = { rank: 8, alpha: 16, seed: 0 };
  // Same batches for both: two samplers from one seed.
  const oursData = corpusSampler(world, { vocab, seed: 7 });
  const refData = corpusSampler(world, { vocab, seed: 7 });
  const ours = createLmTrainer({ weights: base, mode, lora, data: oursData, batchSize, optimizer: { lr: 1e-3 }, clip: Infinity });
  const refBase = mode === 'full' ? cloneForReference(base) : base;
  const refAdapters = mode === 'lora' ? createLmAdapters(base.config, lora) : null;
  const ref = referenceStepper(refBase, refAdapters, 1e-3);
  // A fair race computes the same thing: the first losses agree.
  const l0 = ours.step().loss;
  const l1 = ref(refData.next(batchSize, T));
  if (Math.abs(l0 - l1) > 1e-10 * l0) throw new Error(`lmBench: reference loss ${l1} differs from ours ${l0}`);
  const times: number[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    ours.step();
    times[0].push(performance.now() - t0);
    const batch = refData.next(batchSize, T);
    t0 = performance.now();
    ref(batch);
    times[1].push(performance.now() - t0);
  }
  const [a, b] = times.map(median);
  const tokens = batchSize * T;
  return [
    mode === 'full' ? 'full fine-tuning' : 'LoRA r = 8, all six',
    `${batchSize} × ${T}`,
    fmt(a),
    fmt((1000 * tokens) / a),
    fmt(b),
    fmt((1000 * tokens) / b),
    `${(b / a).toFixed(1)}×`,
  ];
}

function cloneForReference(w: LmWeights): LmWeights {
  const c = initLm(w.config, 0);
  const src = lmTensors(w);
  lmTensors(c).forEach((t, i) => t.data.set(src[i].data));
  return c;
}

/** Wall time of a default fine-tuning run: its first `probe` steps timed and extrapolated, or all of them. */
function defaultRunTime(base: LmWeights, kind: 'style' | 'facts', full: boolean): string[] {
  const d = FINETUNE_DEFAULTS[kind];
  const world = pretrainWorld();
  const task =
    kind === 'style' ? styleTask(world, { people: FINETUNE_DEFAULTS.style.people }) : factsTask(world, { n: FINETUNE_DEFAULTS.facts.n });
  const rows: string[] = [];
  for (const mode of ['lora', 'full'] as const) {
    const trainer = createFinetuner({ weights: base, task, mode });
    const probe = full ? d.steps : Math.min(10, d.steps);
    const t0 = performance.now();
    trainer.run(probe);
    const ms = ((performance.now() - t0) / probe) * d.steps;
    rows.push(`${mode} ${fmt(ms / 1000)} s`);
  }
  return [
    kind,
    `${d.steps} × ${d.batchSize} × ${base.config.context}`,
    `r = ${d.rank}`,
    ...rows,
    full ? 'whole run' : `first 10 steps × ${d.steps / 10}`,
  ];
}

/** Runs the language-model benchmarks and prints two tables. */
export function benchLm(options: { fullRuns?: boolean } = {}): void {
  const { weights, shipped } = baseModel();
  // Warm-up, so the kernels are compiled before timing.
  const warm = createLmTrainer({
    weights,
    mode: 'lora',
    lora: { rank: 8, alpha: 8, seed: 0 },
    data: corpusSampler(pretrainWorld(), { vocab: weights.config.vocab, seed: 0 }),
    batchSize: 4,
    optimizer: { lr: 1e-3 },
  });
  warm.run(2);
  lmGradients(weights, corpusSampler(pretrainWorld(), { vocab: weights.config.vocab, seed: 0 }).next(2, 16));

  console.log(
    `\nLanguage model training (${shipped ? 'the shipped base model' : 'a fresh model of the shipped shape'}), tokens per second, median of interleaved single steps (node ${process.version})`,
  );
  printTable(
    ['what', 'batch', 'ours ms', 'ours tok/s', 'reference ms', 'reference tok/s', 'speed-up'],
    [tokenRate(weights, 'full', 16, 3), tokenRate(weights, 'lora', 16, 3)],
  );
  console.log('(reference: one sequence at a time, textbook i-j-p products, LoRA by merging W + γBA and the dense chain rule)');

  console.log('\nDefault fine-tuning runs (FINETUNE_DEFAULTS), wall time in Node on this machine');
  printTable(
    ['task', 'steps × batch × length', 'LoRA', 'LoRA run', 'full run', 'timed'],
    [defaultRunTime(weights, 'style', !!options.fullRuns), defaultRunTime(weights, 'facts', !!options.fullRuns)],
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) benchLm({ fullRuns: process.argv.includes('--full-runs') });
