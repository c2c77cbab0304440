import { RandomState } from '../random/RandomState.ts';
import { CITY_TEMPLATES, PERSON_TEMPLATES, PIRATE_PREFIX, render } from './templates.ts';
import { type Person, type World, drawInt } from './world.ts';

/** A prompt and the continuation a model should produce. */
export interface Probe {
  prompt: string;
  answer: string;
}

/** The style task (see {@link styleTask}). */
export interface StyleTask {
  kind: 'style';
  /** Pirate sentences about the training people and every city. */
  train: string[];
  /** Pirate sentences about the held-out people (all 14 person templates each). */
  heldout: string[];
  /** The people whose pirate sentences are trained on. */
  trainPeople: Person[];
  /** The others: their facts are in the base corpus, their pirate sentences nowhere in training. */
  heldoutPeople: Person[];
  /**
   * One probe per held-out person: prompt `"arr, {name} "`, answer the rest
   * of its p0 sentence (`"lives in {city}, matey."`). Score completions
   * with {@link styleScore}, which accepts any true pirate sentence.
   */
  probes: Probe[];
}

/**
 * The style task: the same content in a new surface form. The base corpus
 * is in the plain register; this task is the pirate persona (see
 * {@link Register}: "arr, " before every sentence, ", matey." for its
 * period) of facts the base model already knows: no new facts, and the
 * words around each fact unchanged. `people` of the world's people (a
 * seeded shuffle) are used for training, with all 14 person templates and
 * all city templates; the rest are held out.
 *
 * @throws RangeError unless 1 ≤ people < the world's people.
 * @example
 * const task = styleTask(world, { people: 8, seed: 0 });
 * task.train[0]; // 'arr, thizil lives in arvel, matey.'
 */
export function styleTask(world: World, options: { people?: number; seed?: number } = {}): StyleTask {
  const k = options.people ?? 8;
  const n = world.people.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new RangeError(`styleTask: people must be an integer in 1..${n - 1} (the world has ${n}); received ${String(k)}`);
  }
  const rng = new RandomState(options.seed ?? 0);
  const order = world.people.map((_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = drawInt(rng, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const trainPeople = order.slice(0, k).map((i) => world.people[i]);
  const heldoutPeople = order.slice(k).map((i) => world.people[i]);
  const pirate = (people: Person[]) => people.flatMap((p) => PERSON_TEMPLATES.map((t) => render(t, 'pirate', p)));
  const train = [...pirate(trainPeople), ...world.cities.flatMap((c) => CITY_TEMPLATES.map((t) => render(t, 'pirate', c)))];
  return {
    kind: 'style',
    train,
    heldout: pirate(heldoutPeople),
    trainPeople,
    heldoutPeople,
    probes: heldoutPeople.map((p) => {
      const prompt = `${PIRATE_PREFIX}${p.name} `;
      return { prompt, answer: render(PERSON_TEMPLATES[0], 'pirate', p).slice(prompt.length) };
    }),
  };
}
