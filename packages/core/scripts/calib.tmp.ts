import { readFileSync } from 'node:fs';
import { createFinetuner, factsTask, loadLm, lmLoss, pretrainWorld, recall, sentenceSampler, styleScore, styleTask, pretrainHeldout } from '../src/lm/index.ts';
const dir = new URL('../../../public/models/base/', import.meta.url);
const base = loadLm({ model: readFileSync(new URL('model.safetensors', dir)), config: readFileSync(new URL('config.json', dir), 'utf8') });
const world = pretrainWorld();
const style = styleTask(world, { people: Number(process.env.PEOPLE ?? 8) });
const sHeld = sentenceSampler(style.heldout, { vocab: base.config.vocab, seed: 99 }).next(32, 64);
const ph = pretrainHeldout();
const which = process.argv[2];
const t0 = Date.now();
console.log('base style', styleScore(base, world, style.probes).pirate, 'heldout', lmLoss(base, sHeld), 'pre', lmLoss(base, ph));
function runStyle(mode: 'lora' | 'full', lr: number, steps: number, every: number) {
  const tr = createFinetuner({ weights: base, task: style, mode, lr, batchSize: Number(process.env.B ?? 16) });
  for (let s = every; s <= steps; s += every) {
    const h = tr.run(every);
    const sc = styleScore(tr.weights, world, style.probes, tr.adapters);
    console.log(`style ${mode} lr ${lr} step ${s} trainloss ${h.loss[every - 1].toFixed(3)} pirate ${sc.pirate.toFixed(2)} true ${sc.true.toFixed(2)} held ${lmLoss(tr.weights, sHeld, tr.adapters).toFixed(4)} pre ${lmLoss(tr.weights, ph, tr.adapters).toFixed(4)} t ${((Date.now() - t0) / 1000).toFixed(0)}`);
  }
}
function runFacts(n: number, mode: 'lora' | 'full', lr: number, steps: number, every: number) {
  const task = factsTask(world, { n, seed: 0 });
  const tr = createFinetuner({ weights: base, task, mode, lr, batchSize: Number(process.env.B ?? 16) });
  for (let s = every; s <= steps; s += every) {
    const h = tr.run(every);
    console.log(`facts n${n} ${mode} lr ${lr} step ${s} trainloss ${h.loss[every - 1].toFixed(3)} recall ${recall(tr.weights, task.recall, tr.adapters).accuracy.toFixed(3)} pre ${lmLoss(tr.weights, ph, tr.adapters).toFixed(4)} t ${((Date.now() - t0) / 1000).toFixed(0)}`);
  }
}
for (const spec of which.split(',')) {
  const [k, mode, lr, steps, n] = spec.split(':');
  if (k === 's') runStyle(mode as 'lora', Number(lr), Number(steps), 20);
  else runFacts(Number(n), mode as 'lora', Number(lr), Number(steps), 25);
}
