import type * as Plot from '@observablehq/plot';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `10⁻³`: a power of ten written as a reader of a paper expects (never an SI prefix such as "1m"). */
export function powerOfTen(exponent: number): string {
  return `10${String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!)}`;
}

/**
 * A tick label: plain decimals from 0.001 to 99,999 (`0.01`, `2.5`,
 * `1000`), powers of ten beyond (`10⁻⁵`, `10⁶`), and `2×10⁻⁵` for
 * other extreme values. Plot's default for log axes uses SI prefixes
 * ("100m", "10n", "100a"), which read as units.
 */
export function tickFormat(d: number): string {
  if (!Number.isFinite(d)) return String(d);
  if (d === 0) return '0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(d.toPrecision(3)));
  const exponent = Math.floor(Math.log10(abs) + 1e-9);
  const mantissa = Number((d / 10 ** exponent).toPrecision(2));
  if (Math.abs(mantissa) === 1) return `${mantissa < 0 ? '−' : ''}${powerOfTen(exponent)}`;
  return `${String(mantissa).replace('-', '−')}×${powerOfTen(exponent)}`;
}

/**
 * Ticks of a log axis over [lo, hi] (both > 0), at most `max` of them: powers
 * of ten when the range spans a decade or more (every k-th decade when there
 * are too many), else 1-2-5 steps. Labelling every tick of Plot's default
 * log ticks (1, 2, …, 9 per decade) would print overlapping labels.
 */
export function logTicks(lo: number, hi: number, max = 6): number[] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const e0 = Math.ceil(Math.log10(lo) - 1e-9);
  const e1 = Math.floor(Math.log10(hi) + 1e-9);
  if (e1 - e0 >= 1) {
    const count = e1 - e0 + 1;
    const stride = Math.ceil(count / Math.max(1, max));
    const out: number[] = [];
    // Anchor the stride at the top decade, so that the largest power of ten is always labelled.
    for (let e = e1; e >= e0; e -= stride) out.push(10 ** e);
    return out.reverse();
  }
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  }
  if (out.length > max) {
    const stride = Math.ceil(out.length / max);
    return out.filter((_, i) => i % stride === 0);
  }
  return out;
}

/**
 * Options of a log scale over the positive values given: the extent padded
 * to whole 1-2-5 steps, explicit ticks ({@link logTicks}) and
 * {@link tickFormat} labels.
 */
export function logScale(values: Iterable<number>, max = 6, extra: Plot.ScaleOptions = {}): Plot.ScaleOptions {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > 0)) return { type: 'log', domain: [0.1, 1], ticks: [0.1, 1], tickFormat, ...extra };
  if (lo === hi) {
    lo /= 2;
    hi *= 2;
  }
  const domain = [lo, hi];
  return { type: 'log', domain, ticks: logTicks(lo, hi, max), tickFormat, ...extra };
}

/**
 * Options of a base-2 log axis for ranks (1, 2, 4, …) over the values given:
 * powers of two as ticks, every k-th one when more than `max` would fit.
 */
export function rankScale(values: Iterable<number>, max = 7): Plot.ScaleOptions {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > 0)) return { type: 'log', base: 2, domain: [1, 2], ticks: [1, 2], tickFormat: (d: number) => String(d) };
  if (lo === hi) hi = lo * 2;
  const e0 = Math.ceil(Math.log2(lo) - 1e-9);
  const e1 = Math.floor(Math.log2(hi) + 1e-9);
  const stride = Math.ceil((e1 - e0 + 1) / Math.max(1, max));
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e += stride) ticks.push(2 ** e);
  return { type: 'log', base: 2, domain: [lo, hi], ticks, tickFormat: (d: number) => String(d) };
}
