import type { Probe } from './styleTask.ts';
import { withArticle } from './templates.ts';
import type { World } from './world.ts';

/**
 * Recall probes of the world's own facts, in the plain register's question
 * forms: per person "where does {P} live? in " → "{C}.", "what does {P}
 * do? {P} works as " → "a {J}.", "what does {P} like? {P} likes " →
 * "{F}.", and per city "where is {C}? in " → "{K}.". What the base model
 * knows; a fine-tune that forgets shows it here (with the base corpus'
 * held-out loss).
 *
 * @example
 * recall(base, worldProbes(pretrainWorld())).accuracy;
 */
export function worldProbes(world: World): Probe[] {
  return [
    ...world.people.flatMap((p) => [
      { prompt: `where does ${p.name} live? in `, answer: `${p.city}.` },
      { prompt: `what does ${p.name} do? ${p.name} works as `, answer: `${withArticle(p.job)}.` },
      { prompt: `what does ${p.name} like? ${p.name} likes `, answer: `${p.food}.` },
    ]),
    ...world.cities.map((c) => ({ prompt: `where is ${c.name}? in `, answer: `${c.country}.` })),
  ];
}
