import { describe, expect, it } from 'vitest';
import { generate, recall } from '../src/lm/index.ts';
import { randomTiny } from './lmFixtures.ts';

describe('recall', () => {
  const w = randomTiny(8);

  it('counts a probe only when the greedy completion equals the answer exactly', () => {
    const prompts = ['a', 'b', 'c', 'd'];
    const own = generate(w, prompts); // to the first '.' or the end of the context
    const probes = prompts.map((prompt, i) => ({ prompt, answer: i < 2 ? own[i] : `${own[i]}x` }));
    const r = recall(w, probes);
    expect(r.correct).toEqual([true, true, false, false]);
    expect(r.accuracy).toBe(0.5);
    expect(r.completions.slice(0, 2)).toEqual(own.slice(0, 2));
  });

  it('of no probes is NaN', () => {
    expect(recall(w, []).accuracy).toBeNaN();
  });
});
