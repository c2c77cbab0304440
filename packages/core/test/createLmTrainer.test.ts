import { describe, expect, it } from 'vitest';
import { adamStep } from '../src/train/index.ts';
import {
  CORPUS_VOCAB,
  type LmTrainerConfig,
  adapterTensors,
  cloneLm,
  corpusSampler,
  createLmTrainer,
  createWorld,
  initLm,
  lmConfig,
  lmGradients,
  lmTensors,
  sentenceSampler,
} from '../src/lm/index.ts';
import { close } from './close.ts';

const world = createWorld({ seed: 0, people: 8 });
const small = lmConfig({ vocab: CORPUS_VOCAB, context: 24, dModel: 16, nLayers: 1, nHeads: 2 });
const base = initLm(small, 0);
const sampler = (seed = 1) => corpusSampler(world, { vocab: CORPUS_VOCAB, seed });
const HYPER = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

function config(over: Partial<LmTrainerConfig> = {}): LmTrainerConfig {
  return { weights: base, mode: 'full', data: sampler(), batchSize: 4, optimizer: { lr: 3e-3 }, ...over };
}

describe('createLmTrainer', () => {
  it("full: one step is backprop on the sampler's first batch, then AdamW on every tensor (a copy; the base is untouched)", () => {
    const before = cloneLm(base);
    const trainer = createLmTrainer(config({ clip: Infinity }));
    const m = trainer.step();
    const batch = sampler().next(4, 24);
    const { loss, grads } = lmGradients(base, batch);
    expect(m).toMatchObject({ step: 1, loss, lr: 3e-3 });
    const expected = cloneLm(base);
    const g = lmTensors(grads!);
    lmTensors(expected).forEach((t, i) =>
      adamStep(t.data, g[i].data, new Float64Array(t.data.length), new Float64Array(t.data.length), 3e-3, 1, HYPER),
    );
    lmTensors(trainer.weights).forEach((t, i) => expect(t.data).toEqual(lmTensors(expected)[i].data));
    lmTensors(base).forEach((t, i) => expect(t.data).toEqual(lmTensors(before)[i].data));
  });

  it('lora: only the adapters move, the base stays frozen; the first step moves B only (B = 0 gives ∂A = 0)', () => {
    const trainer = createLmTrainer(config({ mode: 'lora', lora: { rank: 2, alpha: 4, targets: ['q_proj', 'up_proj'], seed: 5 } }));
    const a0 = adapterTensors(trainer.adapters!)
      .filter((t) => t.which === 'A')
      .map((t) => t.data.slice());
    trainer.step();
    expect(trainer.weights).toBe(base);
    const after = adapterTensors(trainer.adapters!);
    after.filter((t) => t.which === 'A').forEach((t, i) => expect(t.data).toEqual(a0[i]));
    expect(after.filter((t) => t.which === 'B').some((t) => t.data.some((v) => v !== 0))).toBe(true);
    trainer.step();
    expect(
      adapterTensors(trainer.adapters!)
        .filter((t) => t.which === 'A')
        .some((t, i) => t.data.some((v, j) => v !== a0[i][j])),
    ).toBe(true);
  });

  it('is deterministic, and run(n) in chunks records what steps record', () => {
    const a = createLmTrainer(config({ mode: 'lora', lora: { rank: 2, alpha: 2, seed: 0 } }));
    const b = createLmTrainer(config({ mode: 'lora', lora: { rank: 2, alpha: 2, seed: 0 } }));
    const h1 = a.run(3);
    const h2 = a.run(2);
    const singles = Array.from({ length: 5 }, () => b.step());
    expect([...h1.loss, ...h2.loss]).toEqual(singles.map((m) => m.loss));
    expect([...h1.gradNorm, ...h2.gradNorm]).toEqual(singles.map((m) => m.gradNorm));
    expect(h2.firstStep).toBe(4);
    expect(a.stepCount).toBe(5);
  });

  it('clips the global gradient norm: a clipped step is AdamW on the gradient scaled by clip/(‖g‖ + 1e-6)', () => {
    const trainer = createLmTrainer(config({ clip: 1e-3, optimizer: { lr: 1e-2 } }));
    const m = trainer.step();
    const { grads } = lmGradients(base, sampler().next(4, 24));
    const g = lmTensors(grads!);
    const norm = Math.sqrt(g.reduce((s, t) => s + t.data.reduce((u, v) => u + v * v, 0), 0));
    close(m.gradNorm, norm, { rtol: 1e-12 });
    expect(norm).toBeGreaterThan(1e-3); // so clipping was active
    const expected = cloneLm(base);
    lmTensors(expected).forEach((t, i) => {
      const clipped = g[i].data.map((v) => v * (1e-3 / (norm + 1e-6)));
      adamStep(t.data, clipped, new Float64Array(t.data.length), new Float64Array(t.data.length), 1e-2, 1, HYPER);
    });
    lmTensors(trainer.weights).forEach((t, i) => close(t.data, lmTensors(expected)[i].data, { rtol: 1e-12, atol: 1e-15 }));
  });

  it('follows the schedule and decays matrices but not LayerNorms', () => {
    const trainer = createLmTrainer(
      config({ schedule: { type: 'cosine', warmup: 2, total: 6 }, optimizer: { lr: 1e-2, weightDecay: 0.5 } }),
    );
    const h = trainer.run(6);
    close(
      h.lr,
      [5e-3, 1e-2, 1e-3 + 9e-3 * 0.5 * (1 + Math.cos(Math.PI / 4)), 5.5e-3, 1e-3 + 9e-3 * 0.5 * (1 + Math.cos((3 * Math.PI) / 4)), 1e-3],
      { rtol: 1e-14 },
    );
    // A zero-gradient direction shows the decay: compare with the same run without decay.
    const plain = createLmTrainer(config({ schedule: { type: 'cosine', warmup: 2, total: 6 }, optimizer: { lr: 1e-2 } }));
    plain.run(6);
    const d = lmTensors(trainer.weights);
    const p = lmTensors(plain.weights);
    const ln = d.findIndex((t) => t.name === 'model.layers.0.input_layernorm.weight');
    const head = d.findIndex((t) => t.name === 'lm_head.weight');
    expect(d[ln].decay).toBe(false);
    expect(d[head].decay).toBe(true);
    const norm = (x: Float64Array) => Math.hypot(...x);
    expect(norm(d[head].data)).toBeLessThan(norm(p[head].data));
  });

  it('lowers the loss: 80 full steps on the corpus take a fresh model well below ln V', () => {
    const trainer = createLmTrainer(config({ optimizer: { lr: 1e-2 }, batchSize: 8 }));
    const heldout = corpusSampler(world, { vocab: CORPUS_VOCAB, seed: 99, split: 'heldout' }).next(16, 24);
    const before = trainer.evaluate(heldout);
    close(before, Math.log(CORPUS_VOCAB.length), { rtol: 0.02 });
    trainer.run(80);
    expect(trainer.evaluate(heldout)).toBeLessThan(0.75 * before);
  });

  it('LoRA on a fixed list of sentences lowers their loss', () => {
    const sentences = ['kato is a baker in arvel.', 'in arvel, kato works as a baker.'];
    const pre = createLmTrainer(config({ optimizer: { lr: 1e-2 }, batchSize: 8 }));
    pre.run(30);
    const trainer = createLmTrainer({
      weights: pre.weights,
      mode: 'lora',
      lora: { rank: 4, alpha: 8, seed: 1 },
      data: sentenceSampler(sentences, { vocab: CORPUS_VOCAB, seed: 3 }),
      batchSize: 4,
      optimizer: { lr: 1e-2 },
    });
    const h = trainer.run(30);
    expect(h.loss[29]).toBeLessThan(0.6 * h.loss[0]);
  });

  it('rejects bad settings with a RangeError naming them', () => {
    const bad: [Partial<LmTrainerConfig>, RegExp][] = [
      [{ mode: 'half' as never }, /mode must be 'full' or 'lora'; received half/],
      [{ mode: 'lora' }, /mode 'lora' needs lora/],
      [{ mode: 'lora', lora: { rank: 17, alpha: 1, seed: 0 } }, /rank must be an integer in 1\.\.min\(d, k\) = 1\.\.16; received 17/],
      [{ batchSize: 0 }, /batchSize must be a positive integer; received 0/],
      [{ length: 25 }, /length must be an integer in 1\.\.24/],
      [{ optimizer: { lr: 0 } }, /lr must be a finite number > 0; received 0/],
      [{ optimizer: { lr: 1, beta2: 1 } }, /beta2 must be a number in \[0, 1\)/],
      [{ optimizer: { lr: 1, weightDecay: -1 } }, /weightDecay/],
      [{ schedule: { type: 'cosine', total: 0 } }, /total must be an integer > warmup/],
      [{ clip: 0 }, /clip must be a number > 0/],
    ];
    for (const [over, message] of bad) expect(() => createLmTrainer(config(over))).toThrow(message);
  });

  it('a sampler over another vocabulary is caught at the first step', () => {
    const other = lmConfig({ vocab: 'ab', context: 4, dModel: 4, nLayers: 1, nHeads: 1 });
    const trainer = createLmTrainer({ ...config(), weights: initLm(other, 0), length: 4 });
    expect(() => trainer.step()).toThrow(/outside the vocabulary 0..1/);
  });
});
