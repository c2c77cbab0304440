import { RandomState } from '../random/RandomState.ts';
import { CITY_TEMPLATES, PERSON_TEMPLATES, render } from './templates.ts';
import { type Person, type World, drawInt } from './world.ts';

/** A prompt and the continuation a model should produce. */
export interface Probe {
  prompt: string;
  answer: string;
}

/** The style task (see {@link styleTask}). */
export interface StyleTask {
  kind: 'style';
  /** Formal sentences about the training people and every city. */
  train: string[];
  /** Formal sentences about the held-out people (all 14 person templates each). */
  heldout: string[];
  /** The people whose formal sentences are trained on. */
  trainPeople: Person[];
  /** The others: their facts are in the base corpus, their formal sentences nowhere in training. */
  heldoutPeople: Person[];
  /**
   * One probe per held-out person: prompt `"{name} "`, answer its formal
   * p0 sentence's continuation (`"resides in {city}."`). Score completions
   * with {@link styleScore}, which accepts any formal, true sentence.
   */
  probes: Probe[];
}

/**
 * The style task: the same content in a new surface form. The base corpus
 * is in the plain register; this task is the formal register (a fixed
 * word-for-word rewrite, see PERSON_TEMPLATES) of facts the base model
 * already knows: no new facts. `people` of the world's people (a seeded
 * shuffle) are used for training, with all 14 person templates and all
 * city templates in the formal register; the rest are held out.
 *
 * @throws RangeError unless 1 ≤ people < the world's people.
 * @example
 * const task = styleTask(world, { people: 8, seed: 0 });
 * task.train[0]; // 'talen earns a living as a sailor.'
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
  const formal = (people: Person[]) => people.flatMap((p) => PERSON_TEMPLATES.map((t) => render(t, 'formal', p)));
  const train = [...formal(trainPeople), ...world.cities.flatMap((c) => CITY_TEMPLATES.map((t) => render(t, 'formal', c)))];
  return {
    kind: 'style',
    train,
    heldout: formal(heldoutPeople),
    trainPeople,
    heldoutPeople,
    probes: heldoutPeople.map((p) => ({ prompt: `${p.name} `, answer: render(PERSON_TEMPLATES[0], 'formal', p).slice(p.name.length + 1) })),
  };
}
