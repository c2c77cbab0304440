import { describe, expect, it } from 'vitest';
import { encode, generate, lmLogits, mergeLmAdapters } from '../src/lm/index.ts';
import { LmDecoder } from '../src/lm/LmDecoder.ts';
import { close } from './close.ts';
import { TINY, randomAdapters, randomTiny } from './lmFixtures.ts';

/** Greedy continuation by re-running the full forward pass on the whole prefix each time. */
function slowGreedy(weights: ReturnType<typeof randomTiny>, prompt: string, maxTokens: number, stop = '.'): string {
  const { vocab, context } = weights.config;
  let text = prompt;
  let out = '';
  while (out.length < maxTokens && text.length <= context) {
    const ids = encode(vocab, text);
    const logits = lmLogits(weights, { tokens: ids, batch: 1, length: ids.length });
    const V = vocab.length;
    const last = logits.data.subarray((ids.length - 1) * V, ids.length * V);
    let best = 0;
    for (let j = 1; j < V; j++) if (last[j] > last[best]) best = j;
    text += vocab[best];
    out += vocab[best];
    if (vocab[best] === stop) break;
  }
  return out;
}

describe('LmDecoder (key/value cache)', () => {
  it('gives the logits of the full forward pass at every position (1e-12 relative), for several streams at once', () => {
    const w = randomTiny(7);
    const texts = ['abcde.', 'eeaab.', '.dcbaa'];
    const dec = new LmDecoder(w, 3);
    const V = TINY.vocab.length;
    const full = texts.map((t) => lmLogits(w, { tokens: encode(TINY.vocab, t), batch: 1, length: 6 }).data);
    for (let t = 0; t < 6; t++) {
      const logits = dec.step(texts.map((x) => TINY.vocab.indexOf(x[t])));
      texts.forEach((_, s) =>
        close(logits.subarray(s * V, (s + 1) * V), full[s].subarray(t * V, (t + 1) * V), { rtol: 1e-12, atol: 1e-13 }),
      );
    }
    expect(() => dec.step([0, 0, 0])).toThrow(/context of 6 tokens is full/);
  });
});

describe('generate', () => {
  const w = randomTiny(8);

  it('is the greedy argmax chain of the full model, prompt by prompt, whatever the other prompts', () => {
    const prompts = ['a', 'bc', 'dde', 'e.ab'];
    const got = generate(w, prompts, { stop: '' });
    prompts.forEach((p, i) => expect(got[i]).toBe(slowGreedy(w, p, 64, '')));
    expect(got.map((g, i) => prompts[i].length + g.length)).toEqual([7, 7, 7, 7]); // runs to the end of the context and one past
  });

  it('stops after the stop character or maxTokens', () => {
    const got = generate(w, ['a', 'b', 'c'], { maxTokens: 3, stop: 'e' });
    got.forEach((g, i) => {
      expect(g.length).toBeLessThanOrEqual(3);
      expect(g).toBe(slowGreedy(w, 'abc'[i], 3, 'e'));
      if (g.length < 3) expect(g.endsWith('e')).toBe(true);
    });
    expect(generate(w, ['ab'], { maxTokens: 0 })).toEqual(['']);
  });

  it('with adapters, generates what the merged model generates', () => {
    const ad = randomAdapters(TINY, 2, 4);
    expect(generate(w, ['ab', 'c'], { adapters: ad, stop: '' })).toEqual(generate(mergeLmAdapters(w, ad), ['ab', 'c'], { stop: '' }));
  });

  it('rejects empty prompts, prompts longer than the context and unknown characters', () => {
    expect(() => generate(w, ['ab', ''])).toThrow(/prompt 1 is empty/);
    expect(() => generate(w, ['abcdeab'])).toThrow(/prompt 0 has 7 characters, more than the context of 6/);
    expect(() => generate(w, ['aZ'])).toThrow(/character "Z"/);
  });
});
