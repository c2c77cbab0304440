import { RandomState } from '../random/RandomState.ts';

/** Occupations (16; "actor" and "artist" take "an"). */
export const JOBS: readonly string[] = [
  'baker',
  'farmer',
  'teacher',
  'doctor',
  'painter',
  'sailor',
  'writer',
  'singer',
  'builder',
  'tailor',
  'miner',
  'nurse',
  'pilot',
  'potter',
  'actor',
  'artist',
];
/** Foods people like (12). */
export const FOODS: readonly string[] = [
  'bread',
  'apples',
  'cheese',
  'honey',
  'rice',
  'soup',
  'fish',
  'plums',
  'beans',
  'pears',
  'cake',
  'onions',
];
/** Animals people keep (8; "owl" and "eagle" take "an"). */
export const PETS: readonly string[] = ['cat', 'dog', 'goat', 'horse', 'parrot', 'rabbit', 'owl', 'eagle'];
/** Invented city names (12), three per country. */
export const CITIES: readonly string[] = [
  'arvel',
  'belmora',
  'carrick',
  'dunmere',
  'elsby',
  'farrow',
  'galen',
  'harwick',
  'ilsabet',
  'jandor',
  'kelby',
  'lunmoor',
];
/** Invented countries (4). */
export const COUNTRIES: readonly string[] = ['norland', 'sudmark', 'westfall', 'osteria'];

/** A person of the world: a generated name and four attributes. */
export interface Person {
  name: string;
  city: string;
  job: string;
  food: string;
  pet: string;
}

/** A city and the country it is in. */
export interface City {
  name: string;
  country: string;
}

/**
 * A small made-up world: people with a city, an occupation, a favourite
 * food and a pet, and cities in countries. Every attribute is drawn
 * uniformly and independently, so a fact can be known only by having seen
 * it.
 */
export interface World {
  seed: number;
  people: Person[];
  cities: City[];
}

/** Options of {@link createWorld}. */
export interface WorldOptions {
  /** Seed of every draw, an integer in 0..2^32 − 1; default 0. */
  seed?: number;
  /** Number of people, 1..2000; default 64. */
  people?: number;
}

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kr', 'tr', 'st', 'sh', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const CODAS = ['', '', '', 'n', 'l', 'r', 's', 'm'];

/** A uniform integer in 0..n − 1 from one draw of `rng`. @internal */
export function drawInt(rng: RandomState, n: number): number {
  return Math.floor(rng.randomSample(1)[0] * n);
}

/** An element of `xs` drawn uniformly. @internal */
export function drawOne<T>(rng: RandomState, xs: readonly T[]): T {
  return xs[drawInt(rng, xs.length)];
}

const RESERVED = new Set<string>([...JOBS, ...FOODS, ...PETS, ...CITIES, ...COUNTRIES]);

/**
 * A new pronounceable name of two syllables (onset, vowel, optional coda),
 * such as "talen" or "brosi", not in `taken` and not a word of the world's
 * lists; added to `taken`. @internal
 */
export function drawName(rng: RandomState, taken: Set<string>): string {
  for (;;) {
    let name = '';
    for (let s = 0; s < 2; s++)
      name += drawOne(rng, ONSETS) + drawOne(rng, VOWELS) + (s === 0 ? drawOne(rng, CODAS) : drawOne(rng, CODAS.slice(0, 5)));
    if (name.length >= 4 && !taken.has(name) && !RESERVED.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/**
 * Creates the world from its seed: cities get countries (three each, a
 * seeded shuffle), then each person gets a fresh name and a city, an
 * occupation, a food and a pet, each uniform over its list, in that order
 * from one `RandomState(seed)`.
 *
 * @throws RangeError for a bad seed or a number of people outside 1..2000.
 * @example
 * const world = createWorld({ seed: 0, people: 64 });
 * world.people[0]; // { name: '…', city: 'galen', job: 'potter', food: 'plums', pet: 'owl' }
 */
export function createWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 0;
  const n = options.people ?? 64;
  if (!Number.isInteger(n) || n < 1 || n > 2000) {
    throw new RangeError(`createWorld: people must be an integer in 1..2000; received ${String(n)}`);
  }
  const rng = new RandomState(seed);
  const order = [...CITIES];
  for (let i = order.length - 1; i >= 1; i--) {
    const j = drawInt(rng, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const countryOf = new Map(order.map((c, i) => [c, COUNTRIES[i % COUNTRIES.length]]));
  const cities = CITIES.map((name) => ({ name, country: countryOf.get(name)! }));
  const taken = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const name = drawName(rng, taken);
    people.push({ name, city: drawOne(rng, CITIES), job: drawOne(rng, JOBS), food: drawOne(rng, FOODS), pet: drawOne(rng, PETS) });
  }
  return { seed, people, cities };
}
