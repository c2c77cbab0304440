import { describe, expect, it } from 'vitest';
import { CORPUS_VOCAB, createWorld, initLm, lmConfig, styleScore, styleTask } from '../src/lm/index.ts';

describe('styleScore', () => {
  it('parses prompt + completion; an untrained model writes neither register', () => {
    const world = createWorld({ seed: 0, people: 16 });
    const task = styleTask(world, { people: 4 });
    const w = initLm(lmConfig({ vocab: CORPUS_VOCAB, context: 32, dModel: 8, nLayers: 1, nHeads: 2 }), 0);
    const s = styleScore(w, world, task.probes.slice(0, 3));
    expect(s.sentences).toHaveLength(3);
    s.sentences.forEach((x, i) => expect(x.startsWith(task.probes[i].prompt)).toBe(true));
    expect(s).toMatchObject({ pirate: 0, plain: 0, true: 0 });
  });
});
