import { describe, expect, it } from 'vitest';
import { createWorld, parseSentence, styleTask } from '../src/lm/index.ts';

const world = createWorld({ seed: 0, people: 64 });

describe('styleTask', () => {
  const task = styleTask(world, { people: 8, seed: 1 });

  it('is the pirate persona of true facts of the world: every sentence parses as pirate and true', () => {
    for (const s of [...task.train, ...task.heldout]) expect(parseSentence(world, s)).toMatchObject({ register: 'pirate', true: true });
  });

  it('trains on 8 people (14 templates each) and every city (3 each); holds out the other 56 people', () => {
    expect(task.trainPeople).toHaveLength(8);
    expect(task.heldoutPeople).toHaveLength(56);
    expect(task.train).toHaveLength(8 * 14 + 12 * 3);
    expect(task.heldout).toHaveLength(56 * 14);
    const trained = new Set(task.trainPeople.map((p) => p.name));
    for (const s of task.heldout) expect(trained.has(parseSentence(world, s)!.slots.P)).toBe(false);
  });

  it('probes each held-out person by name after the persona\'s "arr, ", expecting the pirate p0 sentence', () => {
    const p = task.heldoutPeople[0];
    expect(task.probes[0]).toEqual({ prompt: `arr, ${p.name} `, answer: `lives in ${p.city}, matey.` });
  });

  it('depends on its seed, and rejects a number of people that leaves none held out', () => {
    expect(styleTask(world, { people: 8, seed: 2 }).trainPeople).not.toEqual(task.trainPeople);
    expect(() => styleTask(world, { people: 64 })).toThrow(/people must be an integer in 1..63/);
  });
});
