import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.ts';
import {
  CITY_TEMPLATES,
  CORPUS_VOCAB,
  PERSON_TEMPLATES,
  corpusSampler,
  corpusSentences,
  createWorld,
  decode,
  isHeldOut,
  parseSentence,
  sentenceSampler,
} from '../src/lm/index.ts';

const world = createWorld({ seed: 0, people: 64 });

describe('isHeldOut', () => {
  it('holds out exactly two of the 14 person templates of every person, and at most one city template per city', () => {
    for (let i = 0; i < 64; i++) expect(PERSON_TEMPLATES.filter((_, j) => isHeldOut(i, j))).toHaveLength(2);
    for (let i = 0; i < 12; i++) expect(CITY_TEMPLATES.filter((_, j) => isHeldOut(i, j)).length).toBeLessThanOrEqual(1);
  });
});

describe('corpusSentences', () => {
  it('produces true sentences of the requested register, from pairs of the requested split only', () => {
    for (const split of ['train', 'heldout'] as const) {
      for (const register of ['plain', 'pirate'] as const) {
        const next = corpusSentences(world, new RandomState(1), split, register);
        for (let i = 0; i < 300; i++) {
          const p = parseSentence(world, next())!;
          expect(p.register).toBe(register);
          expect(p.true).toBe(true);
          const about = p.template.about;
          const entity =
            about === 'city' ? world.cities.findIndex((c) => c.name === p.slots.C) : world.people.findIndex((x) => x.name === p.slots.P);
          const templates = about === 'city' ? CITY_TEMPLATES : PERSON_TEMPLATES;
          expect(isHeldOut(entity, templates.indexOf(p.template))).toBe(split === 'heldout');
        }
      }
    }
  });

  it('covers every template and about 1/8 city sentences', () => {
    const next = corpusSentences(world, new RandomState(2));
    const seen = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const id = parseSentence(world, next())!.template.id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(17);
    const city = ['c0', 'c1', 'c2'].reduce((s, id) => s + (seen.get(id) ?? 0), 0) / 4000;
    expect(Math.abs(city - 1 / 8)).toBeLessThan(0.02);
  });
});

describe('corpusSampler', () => {
  it('rows start at a sentence, run on through whole sentences joined by a space, and targets are tokens shifted by one', () => {
    const b = corpusSampler(world, { vocab: CORPUS_VOCAB, seed: 3 }).next(4, 64);
    for (let r = 0; r < 4; r++) {
      const text = decode(CORPUS_VOCAB, b.tokens.subarray(r * 64, (r + 1) * 64));
      const next = decode(CORPUS_VOCAB, b.targets.subarray(r * 64, (r + 1) * 64));
      expect(next.slice(0, 63)).toBe(text.slice(1));
      const whole = text.split(/(?<=\.) /).slice(0, -1);
      expect(whole.length).toBeGreaterThan(0);
      for (const s of whole) expect(parseSentence(world, s)).not.toBeNull();
    }
  });

  it('is deterministic from its seed', () => {
    const a = corpusSampler(world, { vocab: CORPUS_VOCAB, seed: 9 });
    const b = corpusSampler(world, { vocab: CORPUS_VOCAB, seed: 9 });
    expect(a.next(3, 20)).toEqual(b.next(3, 20));
    expect(a.next(3, 20)).toEqual(b.next(3, 20));
  });
});

describe('sentenceSampler', () => {
  it('visits every sentence once per epoch, in a fresh order each epoch', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `${'abcdefghijkl'[i]}.`);
    const s = sentenceSampler(sentences, { vocab: CORPUS_VOCAB, seed: 1 });
    // Rows of 4 tokens + 1 target hold exactly two sentences ("x. y."): 6 rows = one epoch.
    const firstTokens = (n: number) => {
      const b = s.next(n, 4);
      return Array.from(
        { length: n },
        (_, r) => decode(CORPUS_VOCAB, b.tokens.subarray(r * 4, r * 4 + 4)) + decode(CORPUS_VOCAB, [b.targets[r * 4 + 3]]),
      );
    };
    const epoch1 = firstTokens(6).join(' ').split(' ');
    expect([...epoch1].sort()).toEqual([...sentences].sort());
    const epoch2 = firstTokens(6).join(' ').split(' ');
    expect([...epoch2].sort()).toEqual([...sentences].sort());
    expect(epoch2).not.toEqual(epoch1);
  });

  it('rejects an empty list and sentences with characters outside the vocabulary, naming the sentence', () => {
    expect(() => sentenceSampler([], { vocab: CORPUS_VOCAB, seed: 0 })).toThrow(/no sentences/);
    expect(() => sentenceSampler(['ok.', 'Bad!'], { vocab: CORPUS_VOCAB, seed: 0 })).toThrow(/sentence 1 \("Bad!"\).*"B"/);
  });
});
