import { describe, expect, it } from 'vitest';
import { createWorld, parseSentence, worldProbes } from '../src/lm/index.ts';

describe('worldProbes', () => {
  const world = createWorld({ seed: 0, people: 10 });
  const probes = worldProbes(world);

  it('asks three facts per person and the country of every city', () => {
    expect(probes).toHaveLength(3 * 10 + 12);
    const p = world.people[2];
    expect(probes.slice(6, 9)).toEqual([
      { prompt: `where does ${p.name} live? in `, answer: `${p.city}.` },
      {
        prompt: `what does ${p.name} do? ${p.name} works as `,
        answer: `${p.job === 'actor' || p.job === 'artist' ? 'an' : 'a'} ${p.job}.`,
      },
      { prompt: `what does ${p.name} like? ${p.name} likes `, answer: `${p.food}.` },
    ]);
  });

  it('every prompt + answer is a true plain sentence of the corpus', () => {
    for (const { prompt, answer } of probes) expect(parseSentence(world, prompt + answer)).toMatchObject({ register: 'plain', true: true });
  });
});
