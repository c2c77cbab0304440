import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { FirstOrderCurve } from '@lora-rank/core/train';
import type { ScalePoint } from './model.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, fmtMeanSd, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { logScale, rankScale } from '../../runtime/charts/logAxis.ts';

interface Series {
  key: keyof Omit<ScalePoint, 'r'>;
  label: string;
  stroke: string;
  dash?: string;
}

const MARGIN = { top: 20, bottom: 36, left: 52 };

function logLog(points: ScalePoint[], series: Series[], yLabel: string, size: ChartSize): Plot.PlotOptions {
  const data = series.flatMap((s) => points.map((p) => ({ r: p.r, y: p[s.key], label: s.label })));
  const last = points.at(-1);
  const y = logScale(
    data.map((d) => d.y),
    isWide(size) ? 6 : 4,
  );
  const rs = points.map((p) => p.r);
  const x = rankScale(rs, isWide(size) ? 10 : 5);
  const labels = last ? series.map((s) => ({ x: last.r, y: last[s.key], text: s.label, fill: s.stroke })) : [];
  return {
    marginTop: MARGIN.top,
    marginRight: Math.max(...series.map((s) => textWidth(s.label))) + 10,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: CHART_STYLE,
    x: { ...x, label: 'rank r →' },
    y: { ...y, label: yLabel, grid: true },
    marks: [
      ...series.map((s) =>
        Plot.line(
          data.filter((d) => d.label === s.label),
          { x: 'r', y: 'y', stroke: s.stroke, strokeWidth: 2, strokeDasharray: s.dash },
        ),
      ),
      ...series.map((s) =>
        Plot.dot(
          data.filter((d) => d.label === s.label),
          { x: 'r', y: 'y', fill: s.stroke, r: 2.5 },
        ),
      ),
      ...endLabels(labels, { y, height: size.height, marginTop: MARGIN.top, marginBottom: MARGIN.bottom }),
    ],
  };
}

/** γ = α/r and α/√r against r, log–log. */
export function scaleChart(points: ScalePoint[], size: ChartSize): Plot.PlotOptions {
  return logLog(
    points,
    [
      { key: 'standard', label: 'α/r', stroke: COLORS.primary },
      { key: 'rslora', label: 'α/√r', stroke: COLORS.secondary },
    ],
    '↑ scale γ',
    size,
  );
}

/** Display name of a curve. */
export function curveLabel(c: Pick<FirstOrderCurve, 'optimizer' | 'scaling'>): string {
  return `${c.optimizer === 'sgd' ? 'SGD' : 'Adam'}, ${c.scaling === 'standard' ? 'α/r' : 'α/√r'}`;
}

const curveColor = (c: Pick<FirstOrderCurve, 'scaling'>) => (c.scaling === 'standard' ? COLORS.primary : COLORS.secondary);
const curveDash = (c: Pick<FirstOrderCurve, 'optimizer'>) => (c.optimizer === 'adam' ? '5 4' : undefined);

/** The points the first-step chart draws: mean ± sd over seeds, relative to the mean at the first rank. */
export function firstStepPoints(
  curves: FirstOrderCurve[],
): { r: number; value: number; low: number; high: number; label: string; k: number }[] {
  return curves.flatMap((c, k) =>
    c.ranks.map((r, i) => {
      const base = c.mean[0]!;
      return {
        r,
        value: c.mean[i]! / base,
        low: Math.max(1e-300, (c.mean[i]! - c.sd[i]!) / base),
        high: (c.mean[i]! + c.sd[i]!) / base,
        label: curveLabel(c),
        k,
      };
    }),
  );
}

/**
 * The first step's first-order loss decrease against rank, relative to
 * r = 1, log–log: the mean over seeds of A as a line, ± one standard
 * deviation as a band, and the predicted slope (SGD −1 and 0, Adam 0 and ½)
 * as a thin dashed guide from r = 1.
 */
export function firstOrderChart(curves: FirstOrderCurve[], size: ChartSize): Plot.PlotOptions {
  const points = firstStepPoints(curves);
  const rMax = Math.max(1, ...points.map((p) => p.r));
  const guides = curves.flatMap((c, k) => [1, rMax].map((r) => ({ r, value: r ** c.predictedSlope, k })));
  const y = logScale(
    [...points.flatMap((p) => [p.value, p.high, Math.max(p.low, p.value / 10)]), ...guides.map((g) => g.value)],
    isWide(size) ? 6 : 4,
  );
  const labels = curves.map((c, k) => {
    const last = points.filter((p) => p.k === k).at(-1)!;
    return { x: last.r, y: last.value, text: curveLabel(c), fill: curveColor(c) };
  });
  return {
    marginTop: MARGIN.top,
    marginRight: Math.max(...curves.map((c) => textWidth(curveLabel(c)))) + 10,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: CHART_STYLE,
    x: {
      ...rankScale(
        points.map((p) => p.r),
        isWide(size) ? 7 : 4,
      ),
      label: 'rank r →',
    },
    y: { ...y, label: isWide(size) ? '↑ first-order loss decrease, relative to r = 1' : '↑ loss decrease, rel. to r = 1', grid: true },
    marks: [
      ...curves.flatMap((c, k) => [
        Plot.areaY(
          points.filter((p) => p.k === k),
          { x: 'r', y1: 'low', y2: 'high', fill: curveColor(c), fillOpacity: 0.12 },
        ),
        Plot.line(
          guides.filter((g) => g.k === k),
          { x: 'r', y: 'value', stroke: curveColor(c), strokeOpacity: 0.5, strokeWidth: 1, strokeDasharray: '2 3' },
        ),
        Plot.line(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', stroke: curveColor(c), strokeWidth: 2, strokeDasharray: curveDash(c) },
        ),
        Plot.dot(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', fill: curveColor(c), r: 2.5 },
        ),
      ]),
      ...endLabels(labels, { y, height: size.height, marginTop: MARGIN.top, marginBottom: MARGIN.bottom }),
    ],
  };
}

/** The slope table: per curve, the log–log slope per seed (from r = 2) as mean ± sd, the mean curve's slope, and the prediction. */
export function slopeRows(
  curves: FirstOrderCurve[],
): { label: string; mean: number; sd: number; seeds: number; ofMean: number; predicted: number }[] {
  return curves.map((c) => ({
    label: curveLabel(c),
    mean: c.slope.mean,
    sd: c.slope.sd,
    seeds: c.slope.perSeed.length,
    ofMean: c.slope.ofMean,
    predicted: c.predictedSlope,
  }));
}

/** The scale factors as a table. */
export function scaleTable(points: ScalePoint[]): DataTable {
  return { columns: ['r', 'alpha/r', 'alpha/sqrt(r)'], rows: points.map((p) => [p.r, p.standard, p.rslora]) };
}

/** The first-order decreases as a table: one row per curve and rank. */
export function firstStepTable(curves: FirstOrderCurve[]): DataTable {
  return {
    columns: ['optimizer, scaling', 'r', 'mean decrease per unit learning rate', 'sd over seeds', 'relative to r = 1'],
    rows: curves.flatMap((c) => c.ranks.map((r, i) => [curveLabel(c), r, c.mean[i]!, c.sd[i]!, c.relative[i]!])),
  };
}

/** Text alternatives of both charts. */
export function describeScale(points: ScalePoint[], alpha: number, curves: FirstOrderCurve[]): { scale: string; steps: string } {
  const pick = points.filter((p) => [1, 8, 64, 512].includes(p.r));
  return {
    scale: `With lora_alpha = ${alpha}: ${pick.map((p) => `r = ${p.r}: α/r = ${fmt(p.standard)}, α/√r = ${fmt(p.rslora)}`).join('; ')}.`,
    steps: `First-order loss decrease of the first step against rank, relative to r = 1, over ${curves[0]?.slope.perSeed.length ?? 0} seeds of A. ${slopeRows(
      curves,
    )
      .map((s) => `${s.label}: slope ${fmtMeanSd(s.mean, s.sd)} (predicted ${s.predicted})`)
      .join('; ')}.`,
  };
}
