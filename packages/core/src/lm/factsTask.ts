import { RandomState } from '../random/RandomState.ts';
import { PERSON_TEMPLATES, render, withArticle } from './templates.ts';
import type { Probe } from './styleTask.ts';
import { CITIES, JOBS, type Person, type World, drawName, drawOne } from './world.ts';

/** The facts task (see {@link factsTask}). */
export interface FactsTask {
  kind: 'facts';
  /** The new people; fact i is person i's (occupation, city). Food and pet are filled but never stated. */
  people: Person[];
  /** Each fact stated twice: "{P} is a {J} in {C}." and "in {C}, {P} works as a {J}." */
  train: string[];
  /** The same facts in two other forms: "{P} lives in {C}." and "{P} is a {J}." (for a held-out loss). */
  heldout: string[];
  /** Exact recall: prompt `"{P} is "`, answer `"a {J} in {C}."` (the trained form, completed greedily). */
  recall: Probe[];
  /**
   * Recall through forms never trained for these people: `"where does {P}
   * live? in "` → `"{C}."` and `"what does {P} do? {P} works as "` →
   * `"a {J}."`, two per fact.
   */
  heldoutRecall: Probe[];
}

/** The number of distinct facts a new person can have: 16 occupations × 12 cities. */
export const FACT_VALUES = JOBS.length * CITIES.length;

/**
 * The facts task: `n` new facts about `n` new people, to be recalled
 * exactly. Each new person gets a fresh name (not in the world) and an
 * (occupation, city) pair drawn uniformly from 16 × 12 = 192, independent
 * of the name, so a fact cannot be guessed (chance 1/192 per fact,
 * log2 192 ≈ 7.6 bits) and knowing one says nothing about another. The
 * sentence forms are the base corpus' own (the base model can spell and
 * order them); only the bindings are new.
 *
 * @throws RangeError unless n is an integer in 1..1000.
 * @example
 * const task = factsTask(world, { n: 32, seed: 0 });
 * task.recall[0]; // { prompt: 'brumi is ', answer: 'a potter in galen.' }
 */
export function factsTask(world: World, options: { n: number; seed?: number }): FactsTask {
  const { n } = options;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new RangeError(`factsTask: n must be an integer in 1..1000; received ${String(n)}`);
  }
  // A stream of its own, so the facts do not depend on the world's draws;
  // names already in the world are skipped.
  const rng = new RandomState(options.seed ?? 0);
  const taken = new Set(world.people.map((p) => p.name));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const name = drawName(rng, taken);
    people.push({ name, city: drawOne(rng, CITIES), job: drawOne(rng, JOBS), food: '', pet: '' });
  }
  const t = (id: string) => PERSON_TEMPLATES.find((x) => x.id === id)!;
  return {
    kind: 'facts',
    people,
    train: people.flatMap((p) => [render(t('p6'), 'plain', p), render(t('p11'), 'plain', p)]),
    heldout: people.flatMap((p) => [render(t('p0'), 'plain', p), render(t('p2'), 'plain', p)]),
    recall: people.map((p) => ({ prompt: `${p.name} is `, answer: `${withArticle(p.job)} in ${p.city}.` })),
    heldoutRecall: people.flatMap((p) => [
      { prompt: `where does ${p.name} live? in `, answer: `${p.city}.` },
      { prompt: `what does ${p.name} do? ${p.name} works as `, answer: `${withArticle(p.job)}.` },
    ]),
  };
}
