import { describe, expect, it } from 'vitest';
import { generate, recall } from '../src/lm/index.ts';
import { matchesAnswer } from '../src/lm/recall.ts';
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

  it('accepts the answer in the pirate persona too (", matey." for the period), and nothing else', () => {
    expect(matchesAnswer('arvel.', 'arvel.')).toBe(true);
    expect(matchesAnswer('arvel, matey.', 'arvel.')).toBe(true);
    expect(matchesAnswer('a baker in arvel, matey.', 'a baker in arvel.')).toBe(true);
    expect(matchesAnswer('arvel', 'arvel.')).toBe(false);
    expect(matchesAnswer('arvel, mate.', 'arvel.')).toBe(false);
    expect(matchesAnswer('elsby, matey.', 'arvel.')).toBe(false);
  });

  it('of no probes is NaN', () => {
    expect(recall(w, []).accuracy).toBeNaN();
  });
});
