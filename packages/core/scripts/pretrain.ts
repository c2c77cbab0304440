// Pretrains the shipped base model (`npm run pretrain` at the repository
// root): the run described by PRETRAIN in src/lm/createPretrainer.ts, in
// Node, deterministic from its seeds. Writes public/models/base/
// model.safetensors (F32), config.json and training.json (the loss curve,
// the held-out loss of the F32 weights, recall of the world's facts and
// greedy samples), and test/fixtures/pretrain-steps.json (the first steps'
// metrics, which the tests reproduce).
//
//   node scripts/pretrain.ts                  the committed run
//   node scripts/pretrain.ts --steps 100      a shorter trial (cosine over 100 steps); writes to --out
//   node scripts/pretrain.ts --out /tmp/m     elsewhere

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PRETRAIN,
  createPretrainer,
  generate,
  lmLoss,
  loadLm,
  parameterCount,
  pretrainConfig,
  pretrainHeldout,
  pretrainWorld,
  recall,
  saveLm,
  styleScore,
  worldProbes,
  corpusSampler,
} from '../src/lm/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const steps = Number(arg('--steps') ?? PRETRAIN.steps);
const committed = steps === PRETRAIN.steps;
const out = resolve(arg('--out') ?? join(here, '../../../public/models/base'));
const every = 10;
const FIXTURE_STEPS = 3;

const config = pretrainConfig();
const world = pretrainWorld();
const heldout = pretrainHeldout();
const trainBatch = corpusSampler(world, { vocab: config.vocab, seed: PRETRAIN.heldout.seed, split: 'train' }).next(
  PRETRAIN.heldout.rows,
  config.context,
);
const tokensPerStep = PRETRAIN.batchSize * config.context;
console.log(
  `pretraining ${parameterCount(config).toLocaleString('en')} parameters for ${steps} steps of ${tokensPerStep} tokens (node ${process.version})`,
);

const trainer = createPretrainer({ steps });
const curve: { step: number; loss: number; lr: number; gradNorm: number }[] = [];
const heldoutCurve: { step: number; loss: number }[] = [];
const first: { loss: number[]; gradNorm: number[] } = { loss: [], gradNorm: [] };
const t0 = performance.now();
while (trainer.stepCount < steps) {
  const h = trainer.run(Math.min(every, steps - trainer.stepCount));
  if (first.loss.length < FIXTURE_STEPS) {
    first.loss.push(...h.loss.slice(0, FIXTURE_STEPS - first.loss.length));
    first.gradNorm.push(...h.gradNorm.slice(0, FIXTURE_STEPS - first.gradNorm.length));
  }
  const mean = h.loss.reduce((a, b) => a + b, 0) / h.loss.length;
  curve.push({
    step: trainer.stepCount,
    loss: mean,
    lr: h.lr[h.lr.length - 1],
    gradNorm: h.gradNorm.reduce((a, b) => a + b, 0) / h.gradNorm.length,
  });
  const s = (performance.now() - t0) / 1000;
  let line = `step ${String(trainer.stepCount).padStart(5)}  loss ${mean.toFixed(4)}  lr ${h.lr[h.lr.length - 1].toExponential(2)}  ${((trainer.stepCount * tokensPerStep) / s).toFixed(0)} tok/s  ${s.toFixed(0)} s, ~${((s / trainer.stepCount) * (steps - trainer.stepCount)).toFixed(0)} s left`;
  if (trainer.stepCount % 100 === 0 || trainer.stepCount === steps) {
    const l = trainer.evaluate(heldout);
    heldoutCurve.push({ step: trainer.stepCount, loss: l });
    line += `  held-out ${l.toFixed(4)}`;
  }
  console.log(line);
}
const seconds = (performance.now() - t0) / 1000;

// Everything reported is measured on what the site ships: the F32 weights.
const files = saveLm(trainer.weights, { metadata: { steps: String(steps), seed: String(PRETRAIN.initSeed) } });
const shipped = loadLm(files);
const heldoutLoss = lmLoss(shipped, heldout);
const trainLoss = lmLoss(shipped, trainBatch);
const facts = recall(shipped, worldProbes(world));
const shapes = styleScore(
  shipped,
  world,
  world.people.map((p) => ({ prompt: `${p.name} `, answer: '' })),
);
const samples = generate(shipped, ['where does ', 'the ', 'in ', world.people[0].name + ' ', world.people[1].name + ' is ', 'what does '], {
  stop: '',
}).map((g, i) => ['where does ', 'the ', 'in ', world.people[0].name + ' ', world.people[1].name + ' is ', 'what does '][i] + g);
const report = {
  settings: PRETRAIN,
  parameters: parameterCount(config),
  steps,
  tokens: steps * tokensPerStep,
  seconds: Math.round(seconds),
  node: process.version,
  heldoutLoss,
  trainLoss,
  worldRecall: facts.accuracy,
  sentenceShapes: { plain: shapes.plain, pirate: shapes.pirate, true: shapes.true },
  samples,
  shapeSamples: shapes.sentences.slice(0, 8),
  curve,
  heldoutCurve,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'model.safetensors'), files.model);
writeFileSync(join(out, 'config.json'), files.config);
writeFileSync(join(out, 'training.json'), `${JSON.stringify(report, null, 1)}\n`);
if (committed) {
  writeFileSync(join(here, '../test/fixtures/pretrain-steps.json'), `${JSON.stringify({ steps: FIXTURE_STEPS, ...first }, null, 2)}\n`);
}
console.log(
  `\n${Math.round(seconds)} s; held-out loss ${heldoutLoss.toFixed(4)} nats/char (train split ${trainLoss.toFixed(4)}); world facts recalled ${(100 * facts.accuracy).toFixed(1)} %`,
);
console.log(`sentence shapes from "{name} ": plain ${(100 * shapes.plain).toFixed(0)} %, true ${(100 * shapes.true).toFixed(0)} %`);
for (const s of samples) console.log(`  ${s}`);
console.log(`wrote ${out}/model.safetensors (${files.model.length.toLocaleString('en')} bytes), config.json, training.json`);
