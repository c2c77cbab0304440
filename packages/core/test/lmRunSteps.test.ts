import { describe, expect, it } from 'vitest';
import { CORPUS_VOCAB, initLm, lmConfig, pretrainWorld } from '../src/lm/index.ts';
import { lmRun, lmRunSteps, type LmRunSpec } from '../src/lmExperiments/index.ts';

const base = initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 64, dModel: 16, nLayers: 1, nHeads: 2 }), 0);
const spec: LmRunSpec = { task: 'facts', size: 4, mode: 'lora', rank: 2, lr: 1e-2, steps: 7, batchSize: 2, seed: 1 };

describe('lmRunSteps', () => {
  it('yields every step once in chunks and returns what lmRun measures, bit for bit, whatever the chunk', () => {
    const world = pretrainWorld();
    const whole = lmRun(base, world, spec);
    for (const chunk of [1, 3, 7, 100]) {
      const run = lmRunSteps(base, world, spec, chunk);
      const steps: number[] = [];
      let next = run.next();
      while (!next.done) {
        for (let i = 0; i < next.value.loss.length; i++) steps.push(next.value.firstStep + i);
        next = run.next();
      }
      expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(next.value.result).toEqual(whole);
      expect(next.value.adapters?.rank).toBe(2);
      expect(next.value.weights).toBe(base);
    }
  });

  it('rejects a chunk that is not a positive integer', () => {
    expect(() => lmRunSteps(base, pretrainWorld(), spec, 0).next()).toThrow(RangeError);
  });
});
