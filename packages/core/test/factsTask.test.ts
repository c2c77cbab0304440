import { describe, expect, it } from 'vitest';
import { CITIES, FACT_VALUES, JOBS, createWorld, factsTask, parseSentence } from '../src/lm/index.ts';

const world = createWorld({ seed: 0, people: 64 });

describe('factsTask', () => {
  const task = factsTask(world, { n: 40, seed: 1 });

  it('makes n new people, none in the world, each with an occupation and a city from the lists', () => {
    expect(task.people).toHaveLength(40);
    const names = new Set(world.people.map((p) => p.name));
    for (const p of task.people) {
      expect(names.has(p.name)).toBe(false);
      expect(JOBS).toContain(p.job);
      expect(CITIES).toContain(p.city);
    }
    expect(new Set(task.people.map((p) => p.name)).size).toBe(40);
    expect(FACT_VALUES).toBe(192);
  });

  it('states each fact twice in the base grammar (p6, p11), true of the new people and unknown to the world', () => {
    expect(task.train).toHaveLength(80);
    for (const s of task.train) {
      expect(parseSentence(world, s)).toMatchObject({ known: false });
      expect(parseSentence(world, s, task.people)).toMatchObject({ register: 'plain', true: true });
      expect(['p6', 'p11']).toContain(parseSentence(world, s, task.people)!.template.id);
    }
    for (const s of task.heldout) expect(['p0', 'p2']).toContain(parseSentence(world, s, task.people)!.template.id);
  });

  it('recall probes complete the trained form; held-out probes use forms never trained for these people', () => {
    const p = task.people[3];
    const a = p.job === 'actor' || p.job === 'artist' ? 'an' : 'a';
    expect(task.recall[3]).toEqual({ prompt: `${p.name} is `, answer: `${a} ${p.job} in ${p.city}.` });
    expect(task.heldoutRecall.slice(6, 8)).toEqual([
      { prompt: `where does ${p.name} live? in `, answer: `${p.city}.` },
      { prompt: `what does ${p.name} do? ${p.name} works as `, answer: `${a} ${p.job}.` },
    ]);
    for (const probe of task.recall) expect(task.train).toContain(probe.prompt + probe.answer);
    for (const probe of task.heldoutRecall) expect(task.train.some((s) => s.includes(probe.prompt))).toBe(false);
  });

  it('draws values roughly uniformly over the 192 (occupation, city) pairs', () => {
    const big = factsTask(world, { n: 960, seed: 2 });
    for (const c of CITIES) {
      const k = big.people.filter((p) => p.city === c).length;
      expect(k).toBeGreaterThan(40);
      expect(k).toBeLessThan(120);
    }
  });

  it('is deterministic from its seed and a larger n extends a smaller one', () => {
    expect(factsTask(world, { n: 10, seed: 1 }).people).toEqual(task.people.slice(0, 10));
  });

  it('rejects n outside 1..1000', () => {
    expect(() => factsTask(world, { n: 0 })).toThrow(/n must be an integer in 1..1000; received 0/);
  });
});
