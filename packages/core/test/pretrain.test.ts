import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PRETRAIN,
  createPretrainer,
  lmLoss,
  loadLm,
  parameterCount,
  pretrainConfig,
  pretrainHeldout,
  pretrainWorld,
  recall,
  styleScore,
  worldProbes,
} from '../src/lm/index.ts';
import { close } from './close.ts';

const models = new URL('../../../public/models/base/', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pretrain-steps.json', import.meta.url), 'utf8')) as {
  steps: number;
  loss: number[];
  gradNorm: number[];
};
const report = JSON.parse(readFileSync(new URL('training.json', models), 'utf8'));

describe('pretraining (npm run pretrain)', () => {
  it('has the documented shape: 4 blocks, d = 64, 4 heads, context 64, 205,824 parameters', () => {
    expect(pretrainConfig()).toMatchObject({ context: 64, dModel: 64, nLayers: 4, nHeads: 4, dMlp: 256 });
    expect(parameterCount(pretrainConfig())).toBe(205_824);
  });

  it('its first steps reproduce bit for bit from the seed, and match the committed fixture to 1e-6', { timeout: 240_000 }, () => {
    const n = 2;
    const a = createPretrainer().run(n);
    const b = createPretrainer().run(n);
    expect(a.loss).toEqual(b.loss);
    expect(a.gradNorm).toEqual(b.gradNorm);
    // The fixture was written by the committed run; the kernels' summation order may change, hence a tolerance.
    close(a.loss, fixture.loss.slice(0, n), { rtol: 1e-6 });
    close(a.gradNorm, fixture.gradNorm.slice(0, n), { rtol: 1e-6 });
  });
});

describe('the shipped base model (public/models/base)', () => {
  const weights = loadLm({
    model: readFileSync(new URL('model.safetensors', models)),
    config: readFileSync(new URL('config.json', models), 'utf8'),
  });

  it("is the committed run's output: under 4 MB, the config of PRETRAIN", () => {
    expect(statSync(new URL('model.safetensors', models)).size).toBeLessThan(4e6);
    expect(weights.config).toEqual(pretrainConfig());
    expect(report.steps).toBe(PRETRAIN.steps);
  });

  it('reaches the documented held-out loss', { timeout: 120_000 }, () => {
    const loss = lmLoss(weights, pretrainHeldout());
    close(loss, report.heldoutLoss, { rtol: 1e-9 });
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme.toLowerCase()).toContain(`held-out loss ${loss.toFixed(3)} nats per character`);
  });

  it('generates the corpus\'s sentence shapes: completions of "{name} " parse as plain sentences', { timeout: 120_000 }, () => {
    const world = pretrainWorld();
    const s = styleScore(
      weights,
      world,
      world.people.map((p) => ({ prompt: `${p.name} `, answer: '' })),
    );
    expect(s.plain).toBeGreaterThanOrEqual(0.9);
    expect(s.pirate).toBe(0);
    close(s.plain, report.sentenceShapes.plain, { rtol: 0, atol: 1e-12 });
  });

  it("recalls the world's facts as documented", { timeout: 120_000 }, () => {
    const r = recall(weights, worldProbes(pretrainWorld()));
    close(r.accuracy, report.worldRecall, { rtol: 0, atol: 1e-12 });
  });
});
