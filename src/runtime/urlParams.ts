/**
 * Typed, forgiving URL parameters for the demos' permalinks.
 *
 * Every demo describes its state as a small schema. Parsing never throws: a
 * value that is missing takes its default silently; a value that is garbled or
 * out of range is replaced by the nearest valid value and a notice says what
 * was changed, so a hand-edited or truncated permalink still opens a working
 * demo. Serializing writes only the values that differ from their defaults,
 * which keeps permalinks short and stable when defaults do not change.
 */

/** A whole number in `[min, max]`. */
export interface IntParam {
  kind: 'int';
  label: string;
  min: number;
  max: number;
  default: number;
}

/** A finite number in `[min, max]`, written with at most `digits` decimals. */
export interface FloatParam {
  kind: 'float';
  label: string;
  min: number;
  max: number;
  default: number;
  digits: number;
}

/** One of a fixed list of strings. */
export interface EnumParam<V extends string = string> {
  kind: 'enum';
  label: string;
  values: readonly V[];
  default: V;
}

/** A subset of a fixed list of strings, written comma-separated in list order. */
export interface ListParam<V extends string = string> {
  kind: 'list';
  label: string;
  values: readonly V[];
  default: readonly V[];
}

export type ParamSpec = IntParam | FloatParam | EnumParam | ListParam;
export type ParamSchema = Record<string, ParamSpec>;

/** The state a schema describes: numbers for int/float, the union of values for enums. */
export type StateOf<S extends ParamSchema> = {
  [K in keyof S]: S[K] extends EnumParam<infer V> ? V : S[K] extends ListParam<infer W> ? W[] : number;
};

export interface Parsed<S extends ParamSchema> {
  state: StateOf<S>;
  /** Human-readable sentences, one per value that was changed. */
  notices: string[];
}

/** The default state of a schema. */
export function defaults<S extends ParamSchema>(schema: S): StateOf<S> {
  const out: Record<string, string | number | string[]> = {};
  for (const [key, spec] of Object.entries(schema)) out[key] = spec.kind === 'list' ? [...spec.default] : spec.default;
  return out as StateOf<S>;
}

function show(raw: string): string {
  const clipped = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
  return JSON.stringify(clipped);
}

function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Coerces one raw string to a valid value of `spec`, returning the value and,
 * when it had to change anything, a notice.
 */
export function coerce(spec: ParamSpec, raw: string): { value: string | number | string[]; notice?: string } {
  const name = spec.label;
  if (spec.kind === 'list') {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const known = spec.values.filter((v) => items.some((item) => item.toLowerCase() === v.toLowerCase()));
    const unknown = items.filter((item) => !spec.values.some((v) => v.toLowerCase() === item.toLowerCase()));
    if (unknown.length === 0) return { value: known };
    return {
      value: known,
      notice: `${name}: ${unknown.map(show).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${spec.values.join(', ')}; ignored.`,
    };
  }
  if (spec.kind === 'enum') {
    const lower = raw.trim().toLowerCase();
    const hit = spec.values.find((v) => v.toLowerCase() === lower);
    if (hit !== undefined) return { value: hit };
    return {
      value: spec.default,
      notice: `${name}: ${show(raw)} is not one of ${spec.values.join(', ')}; using ${spec.default}.`,
    };
  }
  const text = raw.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  const x = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(x)) {
    return { value: spec.default, notice: `${name}: ${show(raw)} is not a number; using ${spec.default}.` };
  }
  let value = spec.kind === 'int' ? Math.round(x) : roundTo(x, spec.digits);
  const notes: string[] = [];
  if (spec.kind === 'int' && value !== x) notes.push(`${show(raw)} is not a whole number`);
  if (value < spec.min) {
    notes.push(`${show(raw)} is below the minimum ${spec.min}`);
    value = spec.min;
  } else if (value > spec.max) {
    notes.push(`${show(raw)} is above the maximum ${spec.max}`);
    value = spec.max;
  }
  if (notes.length === 0) return { value };
  return { value, notice: `${name}: ${notes.join(' and ')}; using ${value}.` };
}

/**
 * Reads a demo's state from URL parameters. Keys are `prefix + name`; unknown
 * keys are left alone (they may belong to another demo on the page).
 */
export function parseParams<S extends ParamSchema>(schema: S, params: URLSearchParams, prefix = ''): Parsed<S> {
  const state: Record<string, string | number | string[]> = {};
  const notices: string[] = [];
  for (const [key, spec] of Object.entries(schema)) {
    const raw = params.get(prefix + key);
    if (raw === null) {
      state[key] = spec.kind === 'list' ? [...spec.default] : spec.default;
      continue;
    }
    const { value, notice } = coerce(spec, raw);
    state[key] = value;
    if (notice) notices.push(notice);
  }
  return { state: state as StateOf<S>, notices };
}

/**
 * Writes a demo's state into `params` (in place): values equal to their
 * defaults are removed, others set as `prefix + name`.
 */
export function writeParams<S extends ParamSchema>(schema: S, state: StateOf<S>, params: URLSearchParams, prefix = ''): URLSearchParams {
  for (const [key, spec] of Object.entries(schema)) {
    const value = (state as Record<string, string | number | string[]>)[key];
    if (value === undefined || sameValue(value, spec.default)) params.delete(prefix + key);
    else params.set(prefix + key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

function sameValue(value: string | number | readonly string[], fallback: string | number | readonly string[]): boolean {
  if (Array.isArray(value) && Array.isArray(fallback)) {
    return value.length === fallback.length && value.every((v, i) => v === fallback[i]);
  }
  return value === fallback;
}
