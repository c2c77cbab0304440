import { describe, expect, it } from 'vitest';
import { CORPUS_VOCAB, FINETUNE_DEFAULTS, createFinetuner, createWorld, factsTask, initLm, lmConfig, styleTask } from '../src/lm/index.ts';
import { close } from './close.ts';

const world = createWorld({ seed: 0, people: 16 });
const base = initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 32, dModel: 16, nLayers: 1, nHeads: 2 }), 0);

describe('createFinetuner', () => {
  it("LoRA by default at rank 8, alpha 16 on all six modules, at the task's LoRA rate after a 10-step warmup", () => {
    const trainer = createFinetuner({ weights: base, task: factsTask(world, { n: 4 }), mode: 'lora' });
    expect(trainer.adapters).toMatchObject({
      rank: 8,
      alpha: 16,
      gamma: 2,
      targets: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj'],
    });
    const h = trainer.run(11);
    close(h.lr[0], FINETUNE_DEFAULTS.facts.loraLr / 10, { rtol: 1e-15 });
    expect(h.lr[10]).toBe(FINETUNE_DEFAULTS.facts.loraLr);
    expect(trainer.weights).toBe(base);
  });

  it("full fine-tuning at the task's full rate (5–7× lower), on a copy", () => {
    const trainer = createFinetuner({ weights: base, task: styleTask(world, { people: 4 }), mode: 'full', warmup: 0 });
    expect(trainer.run(1).lr[0]).toBe(FINETUNE_DEFAULTS.style.fullLr);
    for (const t of [FINETUNE_DEFAULTS.style, FINETUNE_DEFAULTS.facts]) {
      expect(t.loraLr / t.fullLr).toBeGreaterThanOrEqual(5);
      expect(t.loraLr / t.fullLr).toBeLessThanOrEqual(7);
      // a default run is at most about 100k tokens (64 characters per row)
      expect(t.steps * t.batchSize * 64).toBeLessThanOrEqual(102_400);
    }
    expect(trainer.weights).not.toBe(base);
  });

  it('overrides: LoRA settings, batch size, learning rate and seed', () => {
    const task = factsTask(world, { n: 4 });
    const trainer = createFinetuner({
      weights: base,
      task,
      mode: 'lora',
      lora: { rank: 2, scaling: 'rslora', targets: ['v_proj'] },
      lr: 0.1,
      warmup: 0,
      batchSize: 2,
    });
    expect(trainer.adapters).toMatchObject({ rank: 2, alpha: 16, scaling: 'rslora', targets: ['v_proj'] });
    expect(trainer.run(1).lr[0]).toBe(0.1);
    const other = createFinetuner({ weights: base, task, mode: 'lora', seed: 2 });
    expect(other.run(1).loss[0]).not.toBe(createFinetuner({ weights: base, task, mode: 'lora' }).run(1).loss[0]);
  });
});
