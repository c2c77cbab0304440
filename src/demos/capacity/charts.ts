import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { CapacityPoint } from './model.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { rankScale } from '../../runtime/charts/logAxis.ts';

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
 * One capacity measure against rank (log₂ axis): the best rank-r truncation
 * as lines, adapters trained on retrieval as rings, facts and style in their
 * colours. For the relative error, the reference √(1 − r/N), exact for
 * orthonormal keys and orthogonal values of equal norm, is drawn dashed.
 */
export function capacityChart(points: CapacityPoint[], measure: CapacityMeasure, n: number, size: ChartSize): Plot.PlotOptions {
  const data = points.map((p) => ({ rank: p.rank, value: p[measure], task: p.task, method: p.method }));
  const truncation = data.filter((p) => p.method === 'truncation');
  const trained = data.filter((p) => p.method === 'trained');
  const maxRank = Math.max(1, ...data.map((p) => p.rank));
  const reference =
    measure === 'relativeError'
      ? Array.from({ length: 65 }, (_, i) => 2 ** ((i / 64) * Math.log2(Math.min(n, maxRank)))).map((r) => ({
          rank: r,
          value: Math.sqrt(Math.max(0, 1 - r / n)),
        }))
      : [];
  // Adapters trained on retrieval do not try to reproduce the values, so their value errors can be
  // far above 1; the axis stops at 1.1 (the truncation's range) and such points sit on the top edge.
  const yMax = measure === 'relativeError' ? 1.1 : 1;
  const ends = (['facts', 'style'] as const)
    .map((task) => truncation.filter((p) => p.task === task).at(-1))
    .filter((p): p is (typeof truncation)[number] => !!p);
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
      Plot.line(reference, { x: 'rank', y: 'value', stroke: COLORS.muted, strokeDasharray: '4 3' }),
      ...(['facts', 'style'] as const).flatMap((task) => [
        Plot.line(
          truncation.filter((p) => p.task === task),
          { x: 'rank', y: 'value', stroke: STROKE[task], strokeWidth: 2 },
        ),
        Plot.dot(
          truncation.filter((p) => p.task === task),
          { x: 'rank', y: 'value', fill: STROKE[task], r: 2.5 },
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
  const part = (task: 'facts' | 'style', method: 'truncation' | 'trained') => {
    const pts = points.filter((p) => p.task === task && p.method === method);
    return pts.length ? pts.map((p) => `r = ${p.rank}: ${fmt(p[measure])}`).join(', ') : 'not computed yet';
  };
  return `${MEASURE_LABEL[measure]}. Facts, best truncation: ${part('facts', 'truncation')}; trained on retrieval: ${part('facts', 'trained')}. Style, best truncation: ${part('style', 'truncation')}; trained: ${part('style', 'trained')}.`;
}
