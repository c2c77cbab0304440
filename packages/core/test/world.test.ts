import { describe, expect, it } from 'vitest';
import { CITIES, COUNTRIES, FOODS, JOBS, PETS, createWorld } from '../src/lm/index.ts';

describe('createWorld', () => {
  it('is a function of its seed: the same seed gives the same world, another seed another', () => {
    expect(createWorld({ seed: 3, people: 20 })).toEqual(createWorld({ seed: 3, people: 20 }));
    expect(createWorld({ seed: 4, people: 20 }).people).not.toEqual(createWorld({ seed: 3, people: 20 }).people);
  });

  it('gives every person a distinct name that is not a word of the lists, and attributes from the lists', () => {
    const w = createWorld({ seed: 0, people: 500 });
    const names = new Set(w.people.map((p) => p.name));
    expect(names.size).toBe(500);
    for (const p of w.people) {
      expect(p.name).toMatch(/^[a-z]{4,}$/);
      expect([...JOBS, ...FOODS, ...PETS, ...CITIES, ...COUNTRIES]).not.toContain(p.name);
      expect(CITIES).toContain(p.city);
      expect(JOBS).toContain(p.job);
      expect(FOODS).toContain(p.food);
      expect(PETS).toContain(p.pet);
    }
  });

  it('draws attributes uniformly: every city and occupation occurs, none more than 3× its expected count (n = 500)', () => {
    const w = createWorld({ seed: 0, people: 500 });
    for (const [list, key] of [
      [CITIES, 'city'],
      [JOBS, 'job'],
    ] as const) {
      for (const v of list) {
        const count = w.people.filter((p) => p[key] === v).length;
        expect(count).toBeGreaterThan(0);
        expect(count).toBeLessThan((3 * 500) / list.length);
      }
    }
  });

  it('puts three cities in each country', () => {
    const w = createWorld({ seed: 1 });
    for (const k of COUNTRIES) expect(w.cities.filter((c) => c.country === k)).toHaveLength(3);
  });

  it('rejects a bad number of people or seed', () => {
    expect(() => createWorld({ people: 0 })).toThrow(/people must be an integer in 1..2000; received 0/);
    expect(() => createWorld({ seed: -1 })).toThrow(RangeError);
  });
});
