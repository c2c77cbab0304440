import { describe, expect, it } from 'vitest';
import {
  CORPUS_VOCAB,
  PIRATE_PREFIX,
  PIRATE_SUFFIX,
  TEMPLATES,
  createWorld,
  encode,
  inRegister,
  parseSentence,
  render,
  withArticle,
} from '../src/lm/index.ts';

const world = createWorld({ seed: 0, people: 32 });

describe('render and parseSentence', () => {
  it('every template, in both registers, renders to the corpus vocabulary and parses back to itself, true', () => {
    for (const t of TEMPLATES) {
      for (const register of ['plain', 'pirate'] as const) {
        for (const entity of t.about === 'city' ? world.cities : world.people.slice(0, 8)) {
          const s = render(t, register, entity);
          expect(() => encode(CORPUS_VOCAB, s)).not.toThrow();
          const parsed = parseSentence(world, s);
          expect(parsed?.template.id).toBe(t.id);
          expect(parsed?.register).toBe(register);
          expect(parsed?.known).toBe(true);
          expect(parsed?.true).toBe(true);
        }
      }
    }
  });

  it('the pirate persona wraps every plain sentence the same way and leaves the words around the facts alone', () => {
    const p = world.people[0];
    expect(inRegister(`${p.name} lives in ${p.city}.`, 'pirate')).toBe(`arr, ${p.name} lives in ${p.city}, matey.`);
    for (const t of TEMPLATES) {
      const entity = t.about === 'city' ? world.cities[0] : p;
      const plain = render(t, 'plain', entity);
      expect(render(t, 'pirate', entity)).toBe(`${PIRATE_PREFIX}${plain.slice(0, -1)}${PIRATE_SUFFIX}`);
    }
    expect(() => inRegister('a.', 'formal' as never)).toThrow(/register must be 'plain' or 'pirate'; received formal/);
  });

  it('a false fact parses but is not true; an unknown name is not known', () => {
    const p = world.people[0];
    const other = world.people.find((q) => q.city !== p.city)!;
    expect(parseSentence(world, `${p.name} lives in ${other.city}.`)).toMatchObject({ known: true, true: false });
    expect(parseSentence(world, `zzzz lives in ${p.city}.`)).toMatchObject({ known: false, true: false });
    expect(parseSentence(world, 'zzzz lives in arvel.', [{ name: 'zzzz', city: 'arvel', job: 'baker', food: '', pet: '' }])).toMatchObject({
      true: true,
    });
  });

  it('rejects wrong articles, words outside the lists, mismatched repeated names and other shapes', () => {
    expect(withArticle('actor')).toBe('an actor');
    expect(withArticle('baker')).toBe('a baker');
    const p = world.people[0];
    expect(parseSentence(world, `${p.name} is a actor.`)).toBeNull();
    expect(parseSentence(world, `${p.name} lives in paris.`)).toBeNull();
    expect(parseSentence(world, `what does ${p.name} do? kato works as a baker.`)).toBeNull();
    expect(parseSentence(world, `${p.name} lives in arvel`)).toBeNull();
    expect(parseSentence(world, `${p.name} sings.`)).toBeNull();
    expect(parseSentence(world, `arr, ${p.name} lives in ${p.city}.`)).toBeNull(); // half a persona is neither register
  });
});
