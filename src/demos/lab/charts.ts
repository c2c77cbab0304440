import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { LabData } from './model.ts';
import { OPTIMIZER_LABEL, SCALING_LABEL, divergenceNote, logLogFit, type LabSeries } from './summary.ts';
import { type ChartHeights, type ChartSize, COLORS, CHART_STYLE, fmt, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { logScale, rankScale } from '../../runtime/charts/logAxis.ts';

/** Colours of up to nine ranks, themed by CSS (see global.css). */
export const RANK_COLORS = Array.from({ length: 9 }, (_, i) => `var(--rank-${i + 1})`);
/** A series' colour says its scaling, its dash its optimizer: the same pair looks the same whichever optimizers run. */
const seriesColor = (s: Pick<LabSeries, 'scaling'>) => (s.scaling === 'standard' ? COLORS.primary : COLORS.secondary);
const seriesDash = (s: Pick<LabSeries, 'optimizer'>) => (s.optimizer === 'adam' ? '5 4' : undefined);

/**
 * Keeps at most `max` points of a curve (every j-th, and always the last), so
 * live redraws stay cheap: a panel is about 260 px wide, so 48 points are a
 * segment every 5 px or more, and halving the points from 96 roughly halved
 * the time Plot takes to draw the four panels (measured).
 */
export function thin(n: number, max = 48): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const stride = Math.ceil(n / max);
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (out.at(-1) !== n - 1) out.push(n - 1);
  return out;
}

interface CurvePoint {
  step: number;
  value: number;
  rank: string;
  scaling: string;
  optimizer: string;
}

/**
 * One metric of every run against step, as Plot data (positive values only:
 * the axis is logarithmic). A run that diverges stops where its loss first
 * exceeds ten times its start (the lab names it above the charts): its
 * blow-up to 1e+300 would otherwise squash every other curve flat.
 */
export function curvePoints(data: LabData, metric: 'loss' | 'gradNormB'): CurvePoint[] {
  const out: CurvePoint[] = [];
  data.runs.forEach((run, i) => {
    const series = data[metric][i]!;
    const loss = data.loss[i]!;
    const limit = 10 * (loss[0] ?? Number.POSITIVE_INFINITY);
    const blowUp = loss.findIndex((x) => !(x <= limit));
    const end = blowUp < 0 ? series.length : blowUp;
    for (const j of thin(end)) {
      const value = series[j]!;
      if (value > 0 && Number.isFinite(value)) {
        out.push({
          step: j + 1,
          value,
          rank: String(run.rank),
          scaling: SCALING_LABEL[run.scaling],
          optimizer: OPTIMIZER_LABEL[run.optimizer],
        });
      }
    }
  });
  return out;
}

/** The panels of the curves chart: one per (optimizer, scaling) that ran, in the lab's order. */
export function curvePanels(data: LabData): { optimizer: string; scaling: string; label: string }[] {
  const optimizers = [...new Set(data.runs.map((r) => OPTIMIZER_LABEL[r.optimizer]))];
  const scalings = [...new Set(data.runs.map((r) => SCALING_LABEL[r.scaling]))];
  return optimizers.flatMap((optimizer) => scalings.map((scaling) => ({ optimizer, scaling, label: `${optimizer}, ${scaling}` })));
}

/**
 * Box heights of the curves chart: on a wide box the panels form a grid
 * (scalings across, optimizers down), on a narrow one they stack in one
 * column, 130 px each.
 */
export function curvesHeights(panels: number, rows: number): ChartHeights {
  return { narrow: 40 + 130 * panels, wide: rows > 1 ? 420 : 250 };
}

/** The rank colours as a legend (shown above the curves charts; nine ranks are too many to label directly). */
export function curvesLegend(ranks: readonly (number | string)[]): { label: string; color: string }[] {
  return ranks.map((r, i) => ({ label: `r = ${r}`, color: RANK_COLORS[i % RANK_COLORS.length]! }));
}

/**
 * Training curves, one panel per optimizer and scaling, one line per rank:
 * loss, or ‖∂L/∂B‖, against step on a log axis. Each panel is named inside
 * the gap above its top-right corner.
 */
export function curvesChart(data: LabData, metric: 'loss' | 'gradNormB', size: ChartSize): Plot.PlotOptions {
  const ranks = [...new Set(data.runs.map((r) => String(r.rank)))];
  const panels = curvePanels(data);
  const wide = isWide(size);
  const points = curvePoints(data, metric).map((p) => ({ ...p, panel: `${p.optimizer}, ${p.scaling}` }));
  const y = logScale(
    points.map((p) => p.value),
    wide ? 4 : 3,
  );
  const facet = wide ? { fx: 'scaling', fy: 'optimizer' } : { fy: 'panel' };
  const labelFacet = wide ? { fx: 'scaling', fy: 'optimizer' } : { fy: 'label' };
  return {
    marginTop: 24,
    marginRight: 12,
    marginBottom: 36,
    marginLeft: 48,
    style: CHART_STYLE,
    // Few ticks: these charts redraw while a sweep streams in, and every element costs style and paint.
    x: { label: 'step →', domain: [1, Math.max(2, data.steps)], ticks: wide ? 4 : 3 },
    y: { ...y, label: metric === 'loss' ? '↑ loss (MSE)' : '↑ ‖∂L/∂B‖', grid: true },
    fx: wide ? { axis: null, domain: [...new Set(panels.map((p) => p.scaling))], padding: 0.12 } : undefined,
    fy: wide
      ? { axis: null, domain: [...new Set(panels.map((p) => p.optimizer))], padding: 0.15 }
      : { axis: null, domain: panels.map((p) => p.label), padding: 0.2 },
    color: { type: 'ordinal', domain: ranks, range: RANK_COLORS },
    marks: [
      Plot.frame({ stroke: COLORS.rule, strokeOpacity: 0.4 }),
      Plot.line(points, { x: 'step', y: 'value', z: 'rank', stroke: 'rank', ...facet, strokeWidth: 1.6 }),
      // Each panel's name sits just above its top-right corner, in the gap between panels.
      Plot.text(panels, {
        ...labelFacet,
        text: 'label',
        frameAnchor: 'top-right',
        dy: -4,
        lineAnchor: 'bottom',
        textAnchor: 'end',
        fill: 'currentColor',
        fontWeight: 600,
      }),
    ],
  };
}

function seriesPoints(series: LabSeries[], pick: (s: LabSeries) => number[]) {
  return series.flatMap((s, k) =>
    s.ranks.map((r, i) => ({ r, value: pick(s)[i]!, label: s.label, k })).filter((p) => p.value > 0 && Number.isFinite(p.value)),
  );
}

/**
 * The first step's loss drop against rank, log–log, one line per
 * (optimizer, scaling), with the predicted slope drawn through each series'
 * centre as a thin dashed guide: SGD −1 (α/r) and 0 (α/√r), Adam 0 and ½.
 */
export function firstStepChart(series: LabSeries[], size: ChartSize): Plot.PlotOptions {
  const points = seriesPoints(series, (s) => s.firstDrop);
  const guides = series.flatMap((s, k) => {
    const pts = points.filter((p) => p.k === k);
    if (pts.length < 2) return [];
    const fit = logLogFit(
      pts.map((p) => p.r),
      pts.map((p) => p.value),
    );
    const mx = pts.reduce((a, p) => a + Math.log(p.r), 0) / pts.length;
    const my = fit.intercept + fit.slope * mx;
    const at = (r: number) => Math.exp(my + s.predictedSlope * (Math.log(r) - mx));
    const r0 = pts[0]!.r;
    const r1 = pts.at(-1)!.r;
    return [
      { r: r0, value: at(r0), label: s.label, k },
      { r: r1, value: at(r1), label: s.label, k },
    ];
  });
  return seriesChart(series, points, guides, '↑ loss drop of the first step', size);
}

/** Loss at the last step against rank, log–log; diverged runs are left out (they are named above the charts). */
export function finalLossChart(series: LabSeries[], size: ChartSize): Plot.PlotOptions {
  return seriesChart(
    series,
    seriesPoints(series, (s) => s.finalLoss.map((x, i) => (s.diverged[i] ? Number.NaN : x))),
    [],
    '↑ loss after the last step',
    size,
  );
}

function seriesChart(
  series: LabSeries[],
  points: { r: number; value: number; label: string; k: number }[],
  guides: { r: number; value: number; label: string; k: number }[],
  yLabel: string,
  size: ChartSize,
): Plot.PlotOptions {
  const labels = [...new Set(points.map((p) => p.label))];
  const ends = labels.map((label) => points.filter((p) => p.label === label).at(-1)!);
  const margin = { top: 20, bottom: 36 };
  const y = logScale(
    [...points, ...guides].map((p) => p.value),
    isWide(size) ? 5 : 4,
  );
  const x = rankScale(points.map((p) => p.r));
  return {
    marginTop: margin.top,
    marginRight: Math.max(0, ...labels.map((l) => textWidth(l))) + 10,
    marginBottom: margin.bottom,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { ...x, label: 'rank r →' },
    y: { ...y, label: yLabel, grid: true },
    marks: [
      ...series.flatMap((s, k) => [
        Plot.line(
          guides.filter((g) => g.k === k),
          { x: 'r', y: 'value', stroke: seriesColor(s), strokeOpacity: 0.45, strokeWidth: 6 },
        ),
        Plot.line(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', stroke: seriesColor(s), strokeWidth: 2, strokeDasharray: seriesDash(s) },
        ),
        Plot.dot(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', fill: seriesColor(s), r: 3 },
        ),
      ]),
      ...endLabels(
        ends.map((p) => ({ x: p.r, y: p.value, text: p.label, fill: seriesColor(series[p.k]!) })),
        { y, height: size.height, marginTop: margin.top, marginBottom: margin.bottom },
      ),
    ],
  };
}

/** Every run's curves as one long table (step, run, metrics). */
export function curvesTable(data: LabData): DataTable {
  const rows: (number | string)[][] = [];
  data.runs.forEach((run, i) => {
    data.loss[i]!.forEach((loss, j) => {
      rows.push([
        OPTIMIZER_LABEL[run.optimizer],
        SCALING_LABEL[run.scaling],
        run.rank,
        j + 1,
        loss,
        data.gradNormA[i]![j]!,
        data.gradNormB[i]![j]!,
        data.deltaNorm[i]![j]!,
      ]);
    });
  });
  return { columns: ['optimizer', 'scaling', 'rank', 'step', 'loss', '|grad A|', '|grad B|', '|gamma B A|'], rows };
}

/** The per-rank summary as a table. */
export function seriesTable(series: LabSeries[]): DataTable {
  return {
    columns: ['optimizer, scaling', 'rank', 'first-step loss drop', 'final loss'],
    rows: series.flatMap((s) => s.ranks.map((r, i) => [s.label, r, s.firstDrop[i]!, s.finalLoss[i]!])),
  };
}

/** Text alternatives. */
export function describeLab(data: LabData, series: LabSeries[]): { curves: string; grads: string; first: string; final: string } {
  const slopes = series.map((s) => `${s.label}: measured slope ${fmt(s.measuredSlope, 2)}, predicted ${s.predictedSlope}`).join('; ');
  const finals = series.map((s) => `${s.label}: ${s.ranks.map((r, i) => `r = ${r}: ${fmt(s.finalLoss[i]!)}`).join(', ')}`).join('; ');
  const recorded = Math.max(0, ...data.loss.map((l) => l.length));
  return {
    curves: `Loss against step for ${data.runs.length} runs, ${recorded} of ${data.steps} steps so far. Final losses: ${finals}.${divergenceNote(data) ? ` ${divergenceNote(data)}` : ''}`,
    grads: `Gradient norm of B against step for the same runs.`,
    first: `First-step loss drop against rank, log–log. ${slopes}.`,
    final: `Loss after the last step against rank. ${finals}.`,
  };
}
