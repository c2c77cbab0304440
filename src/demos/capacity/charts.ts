import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { CapacityPoint } from './model.ts';
import type { BitsSummary } from './bits.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { logScale, rankScale } from '../../runtime/charts/logAxis.ts';

export type CapacityMeasure = 'relativeError' | 'cosineShare' | 'retrievalAccuracy';

const STROKE = { style: COLORS.primary, facts: COLORS.secondary } as const;

/** Axis labels that fit a phone's width. */
const SHORT_LABEL: Record<CapacityMeasure, string> = {
  relativeError: 'relative error of values',
  cosineShare: 'facts recalled (cos ≥ 0.9)',
  retrievalAccuracy: 'retrieval accuracy',
};

export const MEASURE_LABEL: Record<CapacityMeasure, string> = {
  relativeError: 'relative error of the recalled values',
  cosineShare: 'share of facts recalled (cosine ≥ 0.9)',
  retrievalAccuracy: 'retrieval accuracy (own value nearest)',
};

/**
 * One capacity measure against rank (log₂ axis), facts and style in their
 * colours: the best rank-r fit at every rank as a line, the SVD truncation
 * of the least-squares update as a thin line for comparison, and adapters
 * trained on retrieval as rings. For the relative error with N ≤ min(d, k),
 * the reference √(1 − r/N), exact for orthonormal keys and orthogonal values
 * of equal norm, is dotted.
 */
export function capacityChart(points: CapacityPoint[], measure: CapacityMeasure, n: number, size: ChartSize): Plot.PlotOptions {
  const data = points.map((p) => ({ rank: p.rank, value: p[measure], task: p.task, method: p.method }));
  const best = data.filter((p) => p.method === 'best');
  const truncation = data.filter((p) => p.method === 'truncation');
  const trained = data.filter((p) => p.method === 'trained');
  const maxRank = Math.max(1, ...data.map((p) => p.rank));
  const reference =
    measure === 'relativeError' && n <= maxRank
      ? Array.from({ length: 65 }, (_, i) => 2 ** ((i / 64) * Math.log2(Math.min(n, maxRank)))).map((r) => ({
          rank: r,
          value: Math.sqrt(Math.max(0, 1 - r / n)),
        }))
      : [];
  // Adapters trained on retrieval do not try to reproduce the values, so their value errors can be
  // far above 1; the axis stops at 1.1 (the truncation's range) and such points sit on the top edge.
  const yMax = measure === 'relativeError' ? 1.1 : 1;
  const ends = (['facts', 'style'] as const)
    .map((task) => best.filter((p) => p.task === task).at(-1))
    .filter((p): p is (typeof best)[number] => !!p);
  const margin = { top: 20, bottom: 36 };
  const y: Plot.ScaleOptions = { domain: [0, yMax] };
  const yLabel = isWide(size) ? `↑ ${MEASURE_LABEL[measure]}` : `↑ ${SHORT_LABEL[measure]}`;
  return {
    marginTop: margin.top,
    marginRight: textWidth('facts') + 12,
    marginBottom: margin.bottom,
    marginLeft: 44,
    style: CHART_STYLE,
    x: {
      ...rankScale(
        data.map((p) => p.rank),
        isWide(size) ? 7 : 4,
      ),
      label: 'rank r →',
    },
    y: { ...y, label: yLabel, grid: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.line(reference, { x: 'rank', y: 'value', stroke: COLORS.muted, strokeDasharray: '2 3' }),
      ...(['facts', 'style'] as const).flatMap((task) => [
        Plot.line(
          truncation.filter((p) => p.task === task),
          { x: 'rank', y: 'value', stroke: STROKE[task], strokeWidth: 1, strokeOpacity: 0.55, strokeDasharray: '5 3' },
        ),
        Plot.line(
          best.filter((p) => p.task === task),
          { x: 'rank', y: 'value', stroke: STROKE[task], strokeWidth: 2 },
        ),
        Plot.dot(
          trained.filter((p) => p.task === task).map((p) => ({ ...p, value: Math.min(p.value, yMax) })),
          { x: 'rank', y: 'value', stroke: STROKE[task], r: 6, strokeWidth: 2 },
        ),
      ]),
      ...endLabels(
        ends.map((p) => ({ x: p.rank, y: p.value, text: p.task, fill: STROKE[p.task] })),
        { y, height: size.height, marginTop: margin.top, marginBottom: margin.bottom },
        { dx: 8 },
      ),
    ],
  };
}

/** A sentence for the caption when trained adapters' errors lie above the axis (their rings sit on its top edge). */
export function offChartNote(points: CapacityPoint[], measure: CapacityMeasure): string {
  if (measure !== 'relativeError') return '';
  return points.some((p) => p.method === 'trained' && p.relativeError > 1.1) ? ' Rings on the top edge: error above 1.1.' : '';
}

/** All points as a table. */
export function capacityTable(points: CapacityPoint[]): DataTable {
  return {
    columns: ['task', 'method', 'rank', 'relative error', 'share with cosine >= 0.9', 'retrieval accuracy'],
    rows: points.map((p) => [p.task, p.method, p.rank, p.relativeError, p.cosineShare, p.retrievalAccuracy]),
  };
}

/** Text alternative of one measure's chart. */
export function describeCapacity(points: CapacityPoint[], measure: CapacityMeasure): string {
  const part = (task: 'facts' | 'style', method: CapacityPoint['method']) => {
    // Powers of two only: the fitted curves have every rank, which is too much to read aloud.
    const pts = points.filter((p) => p.task === task && p.method === method && Number.isInteger(Math.log2(p.rank)));
    return pts.length ? pts.map((p) => `r = ${p.rank}: ${fmt(p[measure])}`).join(', ') : 'not computed yet';
  };
  return `${MEASURE_LABEL[measure]}. Facts, best rank-r fit: ${part('facts', 'best')}; SVD truncation: ${part('facts', 'truncation')}; trained on retrieval: ${part('facts', 'trained')}. Style, best fit: ${part('style', 'best')}; trained: ${part('style', 'trained')}.`;
}

/** Colour of a layer size in the bits chart. */
const SIZE_STROKE = [COLORS.secondary, COLORS.primary] as const;

/**
 * Capacity as information: bits retrieved (facts · log₂ N) against the
 * adapter's parameters r·(d + k), log–log, one dot per rank and seed, for
 * each layer size measured; the fit bits = c·parameters over the low ranks
 * as a line, and 2 bits per parameter (Allen-Zhu and Li's figure for whole
 * language models) dotted.
 */
export function bitsChart(summaries: BitsSummary[], size: ChartSize): Plot.PlotOptions {
  const points = summaries.flatMap((s, i) => s.points.map((p) => ({ ...p, i, label: `d = k = ${s.d}` })));
  const params = points.map((p) => p.parameters);
  const lo = Math.min(...params);
  const hi = Math.max(...params);
  const fits = summaries.flatMap((s, i) => (s.lowRank ? [lo, hi].map((x) => ({ x, y: s.lowRank!.mean * x, i })) : []));
  const two = [lo, hi].map((x) => ({ x, y: 2 * x }));
  const y = logScale([...points.map((p) => p.bits), ...two.map((p) => p.y), ...fits.map((f) => f.y)], isWide(size) ? 5 : 4);
  const labels = summaries.map((s, i) => {
    const last = points
      .filter((p) => p.i === i)
      .sort((a, b) => a.parameters - b.parameters)
      .at(-1)!;
    return { x: last.parameters, y: last.bits, text: `d = ${s.d}`, fill: SIZE_STROKE[i % 2]! };
  });
  const margin = { top: 20, bottom: 36 };
  return {
    marginTop: margin.top,
    marginRight: textWidth('d = 64') + 12,
    marginBottom: margin.bottom,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { ...logScale(params, isWide(size) ? 5 : 3), label: 'adapter parameters r·(d + k) →' },
    y: { ...y, label: '↑ bits retrieved (facts · log₂ N)', grid: true },
    marks: [
      Plot.line(two, { x: 'x', y: 'y', stroke: COLORS.muted, strokeDasharray: '2 3' }),
      ...summaries.map((_, i) =>
        Plot.line(
          fits.filter((f) => f.i === i),
          { x: 'x', y: 'y', stroke: SIZE_STROKE[i % 2], strokeOpacity: 0.6, strokeWidth: 1.5 },
        ),
      ),
      ...summaries.map((_, i) =>
        Plot.dot(
          points.filter((p) => p.i === i),
          { x: 'parameters', y: 'bits', fill: SIZE_STROKE[i % 2], r: 3 },
        ),
      ),
      ...endLabels(labels, { y, height: size.height, marginTop: margin.top, marginBottom: margin.bottom }, { dx: 8 }),
    ],
  };
}

/** The bits measurements as a table, one row per layer size and rank. */
export function bitsTable(summaries: BitsSummary[]): DataTable {
  return {
    columns: [
      'd = k',
      'rank',
      'parameters r(d+k)',
      'largest N (min over seeds)',
      'largest N (max over seeds)',
      'bits (mean)',
      'bits per parameter',
    ],
    rows: summaries.flatMap((s) => s.perRank.map((r) => [s.d, r.rank, r.parameters, r.nMin, r.nMax, r.bits, r.bitsPerParameter])),
  };
}

/** Text alternative of the bits chart. */
export function describeBits(summaries: BitsSummary[]): string {
  return summaries
    .map(
      (s) =>
        `d = k = ${s.d}: ${s.perRank.map((r) => `rank ${r.rank} holds N = ${r.nMin}${r.nMax !== r.nMin ? `–${r.nMax}` : ''} facts, ${fmt(r.bitsPerParameter, 2)} bits per parameter`).join('; ')}.` +
        (s.lowRank
          ? ` Fit over ranks ${s.lowRanks[0]}–${s.lowRanks[1]}: ${fmt(s.lowRank.mean, 3)} ± ${fmt(s.lowRank.sd, 2)} bits per parameter.`
          : ''),
    )
    .join(' ');
}
