// Style against facts on the shipped base model (`npm run experiments` at
// the repository root): runs lmExperiments (full fine-tune spectra, the
// LoRA rank sweep, α/r against α/√r over a learning-rate grid, the facts
// capacity search; forgetting is measured in every run) one run at a time,
// and writes packages/core/data/lm-experiments.json after every run (so a
// stopped run leaves a valid partial file, `complete: false`), with the
// settings, every run's spec, measurements and wall time, and the
// summaries of summarizeLmExperiments. Deterministic apart from the times.
//
//   node scripts/lmExperiments.ts            the committed run (about 40 min on a loaded 2-core machine)
//   node scripts/lmExperiments.ts --quick    a tiny version (a minute or two), written to --out or /tmp
//   node scripts/lmExperiments.ts --out F    elsewhere
//   node scripts/lmExperiments.ts --resume   reuse the runs already in the output file (same code and
//                                            base model assumed; e.g. after adding seeds or ranks)

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLm, pretrainWorld } from '../src/lm/index.ts';
import {
  LM_EXPERIMENT_SETTINGS,
  type LmRunResult,
  type RecordedRun,
  lmExperiments,
  summarizeLmExperiments,
} from '../src/lmExperiments/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outArg = args.indexOf('--out') >= 0 ? args[args.indexOf('--out') + 1] : undefined;
const out = resolve(outArg ?? (quick ? '/tmp/lm-experiments-quick.json' : join(here, '../data/lm-experiments.json')));
const settings = quick ? LM_EXPERIMENT_SETTINGS.quick : LM_EXPERIMENT_SETTINGS.full;
const modelDir = join(here, '../../../public/models/base');
const base = loadLm({
  model: readFileSync(join(modelDir, 'model.safetensors')),
  config: readFileSync(join(modelDir, 'config.json'), 'utf8'),
});
const world = pretrainWorld();

const runs: RecordedRun[] = [];
const byKey = new Map<string, RecordedRun>();
const known = new Map<string, LmRunResult>();
let previousSeconds = 0;
if (args.includes('--resume') && existsSync(out)) {
  // Earlier runs, NaN restored (the file writes it as null); their membership is rebuilt as the experiments ask for them.
  const old = JSON.parse(readFileSync(out, 'utf8')) as { runs: RecordedRun[]; totalSeconds: number };
  for (const r of old.runs) {
    const result = Object.fromEntries(Object.entries(r.result).map(([k, v]) => [k, v === null ? NaN : v])) as unknown as LmRunResult;
    known.set(r.key, result);
    byKey.set(r.key, { key: r.key, experiments: [], seconds: r.seconds, result });
  }
  previousSeconds = old.totalSeconds;
  console.log(`resuming: ${known.size} runs from ${out} (${previousSeconds.toFixed(0)} s)`);
}
const t0 = performance.now();
const started = new Date().toISOString();
const round = (x: unknown): unknown => {
  if (typeof x === 'number') return Number.isFinite(x) ? Number(x.toPrecision(7)) : null;
  if (Array.isArray(x)) return x.map(round);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]));
  return x;
};

function write(complete: boolean) {
  const doc = {
    schema: 1,
    description:
      'Style against facts on the shipped base model (public/models/base): full fine-tune update spectra, LoRA rank sweeps, alpha/r against alpha/sqrt(r), facts capacity, forgetting. Written by packages/core/scripts/lmExperiments.ts; summaries recomputable from runs with summarizeLmExperiments.',
    quick,
    complete,
    started,
    node: process.version,
    totalSeconds: previousSeconds + (performance.now() - t0) / 1000,
    settings,
    summary: summarizeLmExperiments(settings, base.config, runs),
    runs,
  };
  const tmp = `${out}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(round(doc))}\n`);
  renameSync(tmp, out);
}

console.log(`lm experiments${quick ? ' (quick)' : ''} → ${out} (node ${process.version})`);
let last = performance.now();
let spent = 0;
let made = 0;
for (const e of lmExperiments(base, world, settings, { known })) {
  const now = performance.now();
  const seconds = (now - last) / 1000;
  last = now;
  const rec = byKey.get(e.key);
  if (rec) {
    if (!runs.includes(rec)) runs.push(rec); // a run from the resumed file, now used
    if (!rec.experiments.includes(e.experiment)) rec.experiments.push(e.experiment);
    if (e.capacityRank !== undefined) rec.capacityRanks = [...new Set([...(rec.capacityRanks ?? []), e.capacityRank])];
  } else {
    const rec: RecordedRun = { key: e.key, experiments: [e.experiment], seconds, result: e.result };
    if (e.capacityRank !== undefined) rec.capacityRanks = [e.capacityRank];
    runs.push(rec);
    byKey.set(e.key, rec);
    spent += seconds;
    made++;
  }
  const r = e.result;
  const metric =
    r.spec.task === 'style'
      ? `held-out ${r.heldoutLoss.toFixed(4)} pirate ${r.pirate.toFixed(2)} true ${r.truthful.toFixed(2)}`
      : `recall ${r.recall.toFixed(3)} (${r.recalled}/${r.spec.size})`;
  const elapsed = (now - t0) / 1000;
  console.log(
    `[${String(e.index + 1).padStart(3)}/≤${e.total}] ${e.experiment.padEnd(11)} ${e.key.padEnd(60)} ${e.reused ? '(reused)   ' : `${seconds.toFixed(1).padStart(6)} s   `}${metric}  pretrain ${r.pretrainLoss.toFixed(4)}  | ${elapsed.toFixed(0)} s`,
  );
  if (!e.reused) write(false);
}
write(true);
const total = (performance.now() - t0) / 1000;
console.log(
  `done: ${made} runs, ${spent.toFixed(0)} s in runs, ${total.toFixed(0)} s total (${(total / 60).toFixed(1)} min)${previousSeconds > 0 ? `, ${(previousSeconds + total).toFixed(0)} s with the resumed file's` : ''} → ${out}`,
);
