import { RandomState } from '../random/RandomState.ts';
import { encode } from './encode.ts';
import type { LmBatch } from './lmLoss.ts';
import { CITY_TEMPLATES, PERSON_TEMPLATES, type Register, render } from './templates.ts';
import { type World, drawInt } from './world.ts';

/**
 * A source of training batches: each call draws `batch` rows of `length`
 * tokens (plus the target after each), advancing its own random stream.
 * Every row starts at the beginning of a sentence and runs on through the
 * following ones (joined by one space), cut at length + 1 characters, so a
 * prompt given at position 0 is in the distribution the model was trained
 * on.
 */
export interface TextSampler {
  next(batch: number, length: number): LmBatch;
}

/** Which sentences of the world's corpus: those a model trains on, or the held-out ones ({@link isHeldOut}). */
export type CorpusSplit = 'train' | 'heldout';

/**
 * Whether the pair (entity, template) is held out of training: entity i
 * (a person, or a city for city templates) with template j (its index among
 * the person or the city templates) is held out when `(3i + j) mod 7 = 0`.
 * So every person has exactly two of the 14 person templates held out and
 * every fact still appears in training through the other templates: the
 * held-out loss measures facts known across surface forms, not strings
 * seen verbatim.
 *
 * @example
 * isHeldOut(0, 0); // true: person 0's "{P} lives in {C}." is never trained on
 */
export function isHeldOut(entity: number, template: number): boolean {
  return (3 * entity + template) % 7 === 0;
}

/** Share of the corpus' sentences that are about cities. */
const CITY_SHARE = 1 / 8;

/**
 * A function drawing one random sentence of a world's corpus: a city
 * template with probability 1/8, else a person template (uniform among
 * each kind), then an entity uniform among those whose (entity, template)
 * pair is in the split ({@link isHeldOut}), rendered in the register.
 *
 * @example
 * const next = corpusSentences(world, new RandomState(0));
 * next(); // 'kato is a sailor who likes plums.'
 */
export function corpusSentences(world: World, rng: RandomState, split: CorpusSplit = 'train', register: Register = 'plain'): () => string {
  const want = split === 'heldout';
  const allowed = (count: number, templates: number) =>
    Array.from({ length: templates }, (_, j) => Array.from({ length: count }, (_, i) => i).filter((i) => isHeldOut(i, j) === want));
  const people = allowed(world.people.length, PERSON_TEMPLATES.length);
  const cities = allowed(world.cities.length, CITY_TEMPLATES.length);
  // Templates with no entity in this split (possible for tiny worlds) are skipped.
  const personTemplates = PERSON_TEMPLATES.map((_, j) => j).filter((j) => people[j].length > 0);
  const cityTemplates = CITY_TEMPLATES.map((_, j) => j).filter((j) => cities[j].length > 0);
  return () => {
    const city = cityTemplates.length > 0 && (personTemplates.length === 0 || rng.randomSample(1)[0] < CITY_SHARE);
    if (city) {
      const j = cityTemplates[drawInt(rng, cityTemplates.length)];
      const i = cities[j][drawInt(rng, cities[j].length)];
      return render(CITY_TEMPLATES[j], register, world.cities[i]);
    }
    const j = personTemplates[drawInt(rng, personTemplates.length)];
    const i = people[j][drawInt(rng, people[j].length)];
    return render(PERSON_TEMPLATES[j], register, world.people[i]);
  };
}

/** Fills rows by calling `sentence()` until each row has length + 1 characters. */
function fromSentences(vocab: string, sentence: () => string): TextSampler {
  return {
    next(batch, length) {
      const tokens = new Int32Array(batch * length);
      const targets = new Int32Array(batch * length);
      for (let b = 0; b < batch; b++) {
        let text = sentence();
        while (text.length < length + 1) text += ` ${sentence()}`;
        const ids = encode(vocab, text.slice(0, length + 1));
        tokens.set(ids.subarray(0, length), b * length);
        targets.set(ids.subarray(1), b * length);
      }
      return { tokens, targets, batch, length };
    },
  };
}

/**
 * Batches of the world's corpus (see {@link corpusSentences}), an endless
 * stream from `new RandomState(seed)`: deterministic, nothing stored.
 *
 * @example
 * const sampler = corpusSampler(world, { vocab: CORPUS_VOCAB, seed: 1 });
 * const batch = sampler.next(32, 64);
 */
export function corpusSampler(
  world: World,
  options: { vocab: string; seed: number; split?: CorpusSplit; register?: Register },
): TextSampler {
  const next = corpusSentences(world, new RandomState(options.seed), options.split, options.register);
  return fromSentences(options.vocab, next);
}

/**
 * Batches from a fixed list of sentences (a fine-tuning task): epochs in
 * fresh random orders (a Fisher–Yates shuffle from `new RandomState(seed)`),
 * each row taking the next sentences of the current order.
 *
 * @throws RangeError for an empty list or a sentence with a character
 *   outside the vocabulary (checked up front, naming the sentence).
 * @example
 * const sampler = sentenceSampler(task.train, { vocab: CORPUS_VOCAB, seed: 2 });
 */
export function sentenceSampler(sentences: readonly string[], options: { vocab: string; seed: number }): TextSampler {
  if (!Array.isArray(sentences) || sentences.length === 0) throw new RangeError('sentenceSampler: no sentences');
  sentences.forEach((s, i) => {
    try {
      encode(options.vocab, s);
    } catch (e) {
      throw new RangeError(`sentenceSampler: sentence ${i} (${JSON.stringify(s)}): ${(e as Error).message}`, { cause: e });
    }
  });
  const rng = new RandomState(options.seed);
  const n = sentences.length;
  const order = new Int32Array(n);
  let cursor = n;
  return fromSentences(options.vocab, () => {
    if (cursor >= n) {
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i >= 1; i--) {
        const j = drawInt(rng, i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      cursor = 0;
    }
    return sentences[order[cursor++]];
  });
}
