import { CITIES, COUNTRIES, FOODS, JOBS, PETS, type City, type Person, type World } from './world.ts';

/**
 * The two surface forms of the corpus: the base model's `plain` sentences,
 * and the style task's `pirate` persona, which wraps every plain sentence
 * the same way: "arr, " before it and ", matey." in place of its final
 * period ("arr, talen lives in arvel, matey."). The words around every
 * fact are left as they are, so a model that knows a fact in plain
 * sentences can state it in the persona without learning it again: the
 * persona is a pure change of surface form.
 */
export type Register = 'plain' | 'pirate';

/**
 * A sentence shape. Slots: `{P}` a person's name, `{C}` a city, `{K}` a
 * country, `{J}` an occupation, `{aJ}` one with its article ("a baker",
 * "an actor"), `{F}` a food, `{A}` a pet, `{aA}` a pet with its article.
 * Person templates are filled from one person, city templates from one
 * city.
 */
export interface Template {
  id: string;
  about: 'person' | 'city';
  /** The template in the plain register. */
  plain: string;
}

/** The person templates (plain register). */
export const PERSON_TEMPLATES: readonly Template[] = [
  { id: 'p0', about: 'person', plain: '{P} lives in {C}.' },
  { id: 'p1', about: 'person', plain: '{P} is from {C}.' },
  { id: 'p2', about: 'person', plain: '{P} is {aJ}.' },
  { id: 'p3', about: 'person', plain: '{P} works as {aJ}.' },
  { id: 'p4', about: 'person', plain: '{P} likes {F}.' },
  { id: 'p5', about: 'person', plain: '{P} has {aA}.' },
  { id: 'p6', about: 'person', plain: '{P} is {aJ} in {C}.' },
  { id: 'p7', about: 'person', plain: '{P} is {aJ} who likes {F}.' },
  { id: 'p8', about: 'person', plain: '{P} lives in {C} and has {aA}.' },
  { id: 'p9', about: 'person', plain: 'where does {P} live? in {C}.' },
  { id: 'p10', about: 'person', plain: 'what does {P} do? {P} works as {aJ}.' },
  { id: 'p11', about: 'person', plain: 'in {C}, {P} works as {aJ}.' },
  { id: 'p12', about: 'person', plain: 'the {J} {P} lives in {C}.' },
  { id: 'p13', about: 'person', plain: 'what does {P} like? {P} likes {F}.' },
];

/** The city templates (plain register). */
export const CITY_TEMPLATES: readonly Template[] = [
  { id: 'c0', about: 'city', plain: '{C} is a city in {K}.' },
  { id: 'c1', about: 'city', plain: '{C} is in {K}.' },
  { id: 'c2', about: 'city', plain: 'where is {C}? in {K}.' },
];

/** Every template, person templates first. */
export const TEMPLATES: readonly Template[] = [...PERSON_TEMPLATES, ...CITY_TEMPLATES];

/** What the pirate persona puts before a sentence. */
export const PIRATE_PREFIX = 'arr, ';
/** What replaces the sentence's final period in the pirate persona. */
export const PIRATE_SUFFIX = ', matey.';

/**
 * A plain sentence in a register: unchanged for `plain`; for `pirate`,
 * "arr, " + the sentence without its final period + ", matey.".
 *
 * @example
 * inRegister('talen lives in arvel.', 'pirate'); // 'arr, talen lives in arvel, matey.'
 */
export function inRegister(sentence: string, register: Register): string {
  if (register === 'plain') return sentence;
  if (register === 'pirate') return PIRATE_PREFIX + sentence.replace(/\.$/, '') + PIRATE_SUFFIX;
  throw new RangeError(`inRegister: register must be 'plain' or 'pirate'; received ${String(register)}`);
}

/** The characters of every sentence the templates can produce: space, a–z, and . , ? ' */
export const CORPUS_VOCAB = " abcdefghijklmnopqrstuvwxyz.,?'";

/**
 * The word with the article English puts before it (this corpus' words: a
 * vowel letter takes "an").
 *
 * @example
 * withArticle('baker'); // 'a baker'
 * withArticle('owl'); // 'an owl'
 */
export function withArticle(word: string): string {
  return (/^[aeiou]/.test(word) ? 'an ' : 'a ') + word;
}

/**
 * Fills a template from a person (person templates) or a city (city
 * templates), in a register (see {@link inRegister}).
 *
 * @example
 * render(PERSON_TEMPLATES[6], 'plain', { name: 'talen', city: 'arvel', job: 'actor', food: 'rice', pet: 'owl' }); // 'talen is an actor in arvel.'
 * render(PERSON_TEMPLATES[0], 'pirate', talen); // 'arr, talen lives in arvel, matey.'
 */
export function render(template: Template, register: Register, entity: Person | City): string {
  return inRegister(fill(template.plain, template, entity), register);
}

function fill(text: string, template: Template, entity: Person | City): string {
  if (template.about === 'city') {
    const c = entity as City;
    return text.replaceAll('{C}', c.name).replaceAll('{K}', c.country);
  }
  const p = entity as Person;
  return text
    .replaceAll('{P}', p.name)
    .replaceAll('{C}', p.city)
    .replaceAll('{aJ}', withArticle(p.job))
    .replaceAll('{J}', p.job)
    .replaceAll('{F}', p.food)
    .replaceAll('{aA}', withArticle(p.pet))
    .replaceAll('{A}', p.pet);
}

/** What {@link parseSentence} found in a sentence. */
export interface ParsedSentence {
  template: Template;
  register: Register;
  /** The slot values read from the sentence (P, C, K, J, F, A). */
  slots: Record<string, string>;
  /** Whether the subject (person or city) exists in the world (or among `extraPeople`). */
  known: boolean;
  /** Whether every stated attribute is the subject's true one (false when unknown). */
  true: boolean;
}

const SLOT_LISTS: Record<string, readonly string[] | null> = { P: null, C: CITIES, K: COUNTRIES, J: JOBS, F: FOODS, A: PETS };

interface Compiled {
  template: Template;
  regex: RegExp;
  names: string[];
}

let compiled: Compiled[] | undefined;

function compile(): Compiled[] {
  if (compiled) return compiled;
  compiled = [];
  for (const template of TEMPLATES) {
    const names: string[] = [];
    let source = '';
    for (const part of template.plain.split(/(\{a?[A-Z]\})/)) {
      const m = /^\{(a?)([A-Z])\}$/.exec(part);
      if (!m) {
        source += part.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&');
        continue;
      }
      names.push(m[2]);
      source += m[1] ? '(an? [a-z]+)' : '([a-z]+)';
    }
    compiled.push({ template, regex: new RegExp(`^${source}$`), names });
  }
  return compiled;
}

/**
 * Reads a sentence back: which template and register produced it, its slot
 * values, and whether it is grammatical and true of the world. Returns null
 * when no template matches, a slot holds a word outside its list, an
 * article is wrong ("a actor"), or a repeated name differs. Used to check
 * that a model generates the corpus's sentence shapes and to score style.
 *
 * @example
 * parseSentence(world, 'arr, talen lives in arvel, matey.'); // { template: p0, register: 'pirate', known: true, true: … }
 */
export function parseSentence(world: World, sentence: string, extraPeople: readonly Person[] = []): ParsedSentence | null {
  let register: Register = 'plain';
  let plain = sentence;
  if (sentence.startsWith(PIRATE_PREFIX) && sentence.endsWith(PIRATE_SUFFIX)) {
    register = 'pirate';
    plain = `${sentence.slice(PIRATE_PREFIX.length, -PIRATE_SUFFIX.length)}.`;
  }
  for (const c of compile()) {
    const m = c.regex.exec(plain);
    if (!m) continue;
    const slots: Record<string, string> = {};
    let ok = true;
    c.names.forEach((name, i) => {
      let value = m[i + 1];
      if (/^an? /.test(value)) {
        const word = value.replace(/^an? /, '');
        if (withArticle(word) !== value) ok = false;
        value = word;
      }
      const list = SLOT_LISTS[name];
      if (list && !list.includes(value)) ok = false;
      if (slots[name] !== undefined && slots[name] !== value) ok = false;
      slots[name] = value;
    });
    if (!ok) continue;
    let known: boolean;
    let isTrue: boolean;
    if (c.template.about === 'city') {
      const city = world.cities.find((x) => x.name === slots.C);
      known = city !== undefined;
      isTrue = known && city!.country === slots.K;
    } else {
      const person = world.people.find((x) => x.name === slots.P) ?? extraPeople.find((x) => x.name === slots.P);
      known = person !== undefined;
      isTrue =
        known &&
        (slots.C === undefined || slots.C === person!.city) &&
        (slots.J === undefined || slots.J === person!.job) &&
        (slots.F === undefined || slots.F === person!.food) &&
        (slots.A === undefined || slots.A === person!.pet);
    }
    return { template: c.template, register, slots, known, true: isTrue };
  }
  return null;
}
