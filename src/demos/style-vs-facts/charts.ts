import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import {
  type ChartBuilder,
  type ChartSize,
  COLORS,
  CHART_STYLE,
  FONT_SIZE,
  fmt,
  isWide,
  textWidth,
} from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { type Box, type Px, freeSpot, stepAfter } from '../../runtime/charts/freeSpot.ts';
import { logScale } from '../../runtime/charts/logAxis.ts';

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

const MARGIN = { top: 20, bottom: 36, left: 48 };

function frame(xLabel: string, yLabel: string, n: number, y: Plot.ScaleOptions, marginRight = 12): Plot.PlotOptions {
  return {
    marginTop: MARGIN.top,
    marginRight,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: CHART_STYLE,
    x: { label: xLabel, domain: [0, Math.max(1, n)] },
    y: { label: yLabel, grid: true, ...y },
  };
}

/**
 * A direct label for each series on a chart with x in [0, n] and y in [0, 1]:
 * near where the two series are farthest apart, in the first spot that
 * touches neither line nor the other label ({@link freeSpot}).
 */
function directLabels(points: Point[], n: number, size: ChartSize, marginRight: number, curve: 'linear' | 'step-after'): Plot.Markish[] {
  const frameBox: Box = { left: MARGIN.left, right: size.width - marginRight, top: MARGIN.top, bottom: size.height - MARGIN.bottom };
  const px = (p: Point): Px => ({
    x: frameBox.left + (p.x / Math.max(1, n)) * (frameBox.right - frameBox.left),
    y: frameBox.bottom - p.y * (frameBox.bottom - frameBox.top),
  });
  const series = KINDS.map((kind) => points.filter((p) => p.kind === kind));
  const lines = series.map((s) => (curve === 'step-after' ? stepAfter(s.map(px)) : s.map(px)));
  const taken: Box[] = [];
  const marks: Plot.Markish[] = [];
  KINDS.forEach((kind, k) => {
    const own = series[k]!;
    const other = series[1 - k]!;
    const anchors = own
      .map((p, j) => ({ p, gap: Math.abs(p.y - (other[j]?.y ?? p.y)) }))
      .sort((a, b) => b.gap - a.gap)
      .map((a) => px(a.p));
    const box = freeSpot(anchors, { w: textWidth(kind) + 2, h: FONT_SIZE + 2 }, frameBox, lines, taken);
    if (!box) return;
    taken.push(box);
    marks.push(
      Plot.text([kind], {
        frameAnchor: 'top-left',
        dx: box.left - frameBox.left,
        dy: box.top - frameBox.top,
        textAnchor: 'start',
        lineAnchor: 'top',
        fill: STROKE[kind],
        fontWeight: 600,
      }),
    );
  });
  return marks;
}

function lines(points: Point[], curve: Plot.CurveName = 'linear'): Plot.Markish[] {
  return KINDS.map((kind) =>
    Plot.line(
      points.filter((p) => p.kind === kind),
      { x: 'x', y: 'y', stroke: STROKE[kind], strokeWidth: 2, curve },
    ),
  );
}

/** Both spectra on a log axis: σᵢ against i, each labelled at its end. */
export function spectraChart(s: Pair, size: ChartSize): Plot.PlotOptions {
  const points = pairPoints(s, 1, (y) => y > 0);
  const n = Math.max(s.style.length, s.facts.length);
  const y = logScale(
    points.map((p) => p.y),
    isWide(size) ? 6 : 5,
  );
  const ends = KINDS.map((kind) => points.filter((p) => p.kind === kind).at(-1))
    .filter((p): p is Point => !!p)
    .map((p) => ({ x: p.x, y: p.y, text: p.kind, fill: STROKE[p.kind] }));
  return {
    ...frame('index i →', '↑ singular value σᵢ (log)', n, y, textWidth('facts') + 10),
    x: { label: 'index i →', domain: [1, Math.max(2, n)] },
    marks: [
      ...lines(points),
      ...KINDS.map((kind) =>
        Plot.dot(
          points.filter((p) => p.kind === kind),
          { x: 'x', y: 'y', fill: STROKE[kind], r: 2 },
        ),
      ),
      ...endLabels(ends, { y, height: size.height, marginTop: MARGIN.top, marginBottom: MARGIN.bottom }),
    ],
  };
}

/** Energy captured against rank, with the 90 % and 99 % levels. */
export function energyPairChart(energy: Pair, size: ChartSize): Plot.PlotOptions {
  const points = [...KINDS.map((kind) => ({ x: 0, y: 0, kind })), ...pairPoints(energy, 1)];
  const n = Math.max(energy.style.length, energy.facts.length);
  return {
    // With `percent`, Plot multiplies values by 100, so the domain is in percent.
    ...frame('rank r →', '↑ energy captured (%)', n, { domain: [0, 100], percent: true }),
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY([0.9, 0.99], { stroke: COLORS.muted, strokeDasharray: '4 3' }),
      ...lines(points, 'step-after'),
      ...directLabels(points, n, size, 12, 'step-after'),
    ],
  };
}

/** Relative error of the best rank-r approximation (Eckart–Young) against r. */
export function errorPairChart(error: Pair, size: ChartSize): Plot.PlotOptions {
  const points = pairPoints(error, 0);
  const n = Math.max(error.style.length, error.facts.length) - 1;
  const yLabel = isWide(size) ? '↑ best relative error ‖ΔW − ΔWᵣ‖ / ‖ΔW‖' : '↑ best relative error';
  return {
    ...frame('rank r →', yLabel, n, { domain: [0, 1] }),
    marks: [Plot.ruleY([0], { stroke: COLORS.rule }), ...lines(points, 'step-after'), ...directLabels(points, n, size, 12, 'step-after')],
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

/** The three charts of the style-versus-facts demo, each a function of its size. */
export function styleVsFactsCharts(result: {
  style: { s: ArrayLike<number>; energy: ArrayLike<number>; error: ArrayLike<number> };
  facts: { s: ArrayLike<number>; energy: ArrayLike<number>; error: ArrayLike<number> };
}): Record<'spectra' | 'energy' | 'error', ChartBuilder> {
  const { style, facts } = result;
  return {
    spectra: (size) => spectraChart({ style: style.s, facts: facts.s }, size),
    energy: (size) => energyPairChart({ style: style.energy, facts: facts.energy }, size),
    error: (size) => errorPairChart({ style: style.error, facts: facts.error }, size),
  };
}
