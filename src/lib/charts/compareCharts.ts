import * as Plot from '@observablehq/plot';
import type { DataTable } from '../csv.ts';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, fmt, CHART_STYLE } from './chartFrame.ts';

/** Two updates compared on one chart: the article's "style" and "facts". */
export interface Pair {
  style: ArrayLike<number>;
  facts: ArrayLike<number>;
}

export interface Point {
  x: number;
  y: number;
  kind: 'style' | 'facts';
}

const KINDS = ['style', 'facts'] as const;
const STROKE = { style: COLORS.primary, facts: COLORS.secondary } as const;

/** Series as Plot data; `offset` is the x of the first value (1 for σ_1, 0 for r = 0). */
export function pairPoints(pair: Pair, offset: number, keep: (y: number) => boolean = () => true): Point[] {
  const out: Point[] = [];
  for (const kind of KINDS) {
    const ys = pair[kind];
    for (let j = 0; j < ys.length; j++) if (keep(ys[j]!)) out.push({ x: j + offset, y: ys[j]!, kind });
  }
  return out;
}

function frame(xLabel: string, yLabel: string, n: number, y: Plot.ScaleOptions): Plot.PlotOptions {
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    marginLeft: 56,
    marginRight: 40,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { label: xLabel, domain: [0, Math.max(1, n)] },
    y: { label: yLabel, grid: true, ...y },
  };
}

/** Direct labels at the right end of each series (no legend box to decode). */
function endLabels(points: Point[]): Plot.Markish {
  const last = KINDS.map((kind) => points.filter((p) => p.kind === kind).at(-1)).filter((p): p is Point => !!p);
  return KINDS.map((kind) =>
    Plot.text(
      last.filter((p) => p.kind === kind),
      { x: 'x', y: 'y', text: 'kind', dx: 6, textAnchor: 'start', fill: STROKE[kind], fontWeight: 600 },
    ),
  );
}

/**
 * Direct labels where the two series are farthest apart (for curves that
 * meet at their ends, like energy and error): the upper series is labelled
 * above its line, the lower one below.
 */
export function gapLabelPoints(points: Point[]): (Point & { above: boolean })[] {
  const style = points.filter((p) => p.kind === 'style');
  const facts = points.filter((p) => p.kind === 'facts');
  let best = -1;
  let at = 0;
  for (let j = 0; j < Math.min(style.length, facts.length); j++) {
    const gap = Math.abs(style[j]!.y - facts[j]!.y);
    if (gap > best) {
      best = gap;
      at = j;
    }
  }
  const s = style[at];
  const f = facts[at];
  if (!s || !f) return [];
  return [
    { ...s, above: s.y >= f.y },
    { ...f, above: f.y > s.y },
  ];
}

function gapLabels(points: Point[]): Plot.Markish {
  const labels = gapLabelPoints(points);
  return labels.map((p) =>
    Plot.text([p], {
      x: 'x',
      y: 'y',
      text: 'kind',
      dx: 4,
      dy: p.above ? -10 : 12,
      textAnchor: 'start',
      fill: STROKE[p.kind],
      fontWeight: 600,
    }),
  );
}

function lines(points: Point[], curve: Plot.CurveName = 'linear'): Plot.Markish[] {
  return KINDS.map((kind) =>
    Plot.line(
      points.filter((p) => p.kind === kind),
      { x: 'x', y: 'y', stroke: STROKE[kind], strokeWidth: 2, curve },
    ),
  );
}

/** Both spectra on a log axis: σ_i against i. */
export function spectraChart(s: Pair): Plot.PlotOptions {
  const points = pairPoints(s, 1, (y) => y > 0);
  return {
    ...frame('index i →', '↑ singular value σᵢ (log)', Math.max(s.style.length, s.facts.length), { type: 'log' }),
    marks: [
      ...lines(points),
      ...KINDS.map((kind) =>
        Plot.dot(
          points.filter((p) => p.kind === kind),
          { x: 'x', y: 'y', fill: STROKE[kind], r: 2 },
        ),
      ),
      endLabels(points),
    ],
  };
}

/** Energy captured against rank, with the 90 % and 99 % levels. */
export function energyPairChart(energy: Pair): Plot.PlotOptions {
  const points = [
    ...KINDS.map((kind) => ({ x: 0, y: 0, kind })),
    ...pairPoints(energy, 1),
  ];
  return {
    // With `percent`, Plot multiplies values by 100, so the domain is in percent.
    ...frame('rank r →', '↑ energy captured (%)', Math.max(energy.style.length, energy.facts.length), {
      domain: [0, 100],
      percent: true,
    }),
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY([0.9, 0.99], { stroke: COLORS.muted, strokeDasharray: '4 3' }),
      ...lines(points, 'step-after'),
      gapLabels(points),
    ],
  };
}

/** Relative error of the best rank-r approximation (Eckart–Young) against r. */
export function errorPairChart(error: Pair): Plot.PlotOptions {
  const points = pairPoints(error, 0);
  return {
    ...frame('rank r →', '↑ best relative error ‖ΔW − ΔW_r‖_F / ‖ΔW‖_F', Math.max(error.style.length, error.facts.length) - 1, {
      domain: [0, 1],
    }),
    marks: [Plot.ruleY([0], { stroke: COLORS.rule }), ...lines(points, 'step-after'), gapLabels(points)],
  };
}

/** A table with one row per index and a column per update. */
export function pairTable(index: string, value: string, pair: Pair, offset: number): DataTable {
  const n = Math.max(pair.style.length, pair.facts.length);
  const rows: (number | string)[][] = [];
  for (let j = 0; j < n; j++) rows.push([j + offset, pair.style[j] ?? '', pair.facts[j] ?? '']);
  return { columns: [index, `${value}, style`, `${value}, facts`], rows };
}

/** Text alternative of the side-by-side comparison. */
export function describePair(what: string, pair: Pair, marks: number[], offset: number, percent = false): string {
  const show = (x: number) => (percent ? `${fmt(100 * x)} %` : fmt(x));
  const at = (kind: 'style' | 'facts') =>
    marks
      .filter((m) => m - offset < pair[kind].length && m - offset >= 0)
      .map((m) => `${show(pair[kind][m - offset]!)} at ${m}`)
      .join(', ');
  return `${what}. Style: ${at('style')}. Facts: ${at('facts')}.`;
}
