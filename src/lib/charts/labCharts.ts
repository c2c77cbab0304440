import * as Plot from '@observablehq/plot';
import type { DataTable } from '../csv.ts';
import type { LabData } from '../labModel.ts';
import { OPTIMIZER_LABEL, SCALING_LABEL, divergenceNote, logLogFit, type LabSeries } from '../labSummary.ts';
import { CHART_WIDTH, COLORS, fmt, CHART_STYLE } from './chartFrame.ts';

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
        out.push({ step: j + 1, value, rank: String(run.rank), scaling: SCALING_LABEL[run.scaling], optimizer: OPTIMIZER_LABEL[run.optimizer] });
      }
    }
  });
  return out;
}

/** Height of the curves chart for one or two rows of panels. */
export function curvesHeight(rows: number): number {
  return rows > 1 ? 420 : 250;
}

/**
 * Training curves, one panel per scaling (columns) and optimizer (rows),
 * one line per rank: loss, or ‖∂L/∂B‖_F, against step on a log axis.
 */
export function curvesChart(data: LabData, metric: 'loss' | 'gradNormB'): Plot.PlotOptions {
  const ranks = [...new Set(data.runs.map((r) => String(r.rank)))];
  const rows = [...new Set(data.runs.map((r) => OPTIMIZER_LABEL[r.optimizer]))];
  return {
    width: CHART_WIDTH,
    height: curvesHeight(rows.length),
    marginLeft: 60,
    marginRight: 56,
    marginBottom: 40,
    style: CHART_STYLE,
    // Few ticks: these charts redraw while a sweep streams in, and every element costs style and paint.
    x: { label: 'step →', domain: [1, Math.max(2, data.steps)], ticks: 4 },
    y: { type: 'log', label: metric === 'loss' ? '↑ loss (MSE)' : '↑ ‖∂L/∂B‖_F', grid: true, ticks: 4, tickFormat: (d: number) => fmt(d, 2) },
    fx: { label: null, domain: ['α/r', 'α/√r'] },
    fy: { label: null, domain: rows },
    color: { type: 'ordinal', domain: ranks, range: RANK_COLORS, legend: true, label: 'rank r' },
    marks: [
      Plot.line(curvePoints(data, metric), { x: 'step', y: 'value', z: 'rank', stroke: 'rank', fx: 'scaling', fy: 'optimizer', strokeWidth: 1.6 }),
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
export function firstStepChart(series: LabSeries[]): Plot.PlotOptions {
  const points = seriesPoints(series, (s) => s.firstDrop);
  const guides = series.flatMap((s, k) => {
    const pts = points.filter((p) => p.k === k);
    if (pts.length < 2) return [];
    const fit = logLogFit(pts.map((p) => p.r), pts.map((p) => p.value));
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
  return seriesChart(series, points, guides, '↑ loss drop of the first step');
}

/** Loss at the last step against rank, log–log; diverged runs are left out (they are named above the charts). */
export function finalLossChart(series: LabSeries[]): Plot.PlotOptions {
  return seriesChart(series, seriesPoints(series, (s) => s.finalLoss.map((x, i) => (s.diverged[i] ? Number.NaN : x))), [], '↑ loss after the last step');
}

function seriesChart(
  series: LabSeries[],
  points: { r: number; value: number; label: string; k: number }[],
  guides: { r: number; value: number; label: string; k: number }[],
  yLabel: string,
): Plot.PlotOptions {
  const labels = [...new Set(points.map((p) => p.label))];
  const ends = labels.map((label) => points.filter((p) => p.label === label).at(-1)!);
  return {
    width: CHART_WIDTH,
    height: 300,
    marginLeft: 60,
    marginRight: 96,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { type: 'log', base: 2, label: 'rank r →', tickFormat: (d: number) => String(d) },
    y: { type: 'log', label: yLabel, grid: true, ticks: 5, tickFormat: (d: number) => fmt(d, 2) },
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
      ...ends.map((p) =>
        Plot.text([p], { x: 'r', y: 'value', text: 'label', dx: 6, textAnchor: 'start', fill: seriesColor(series[p.k]!), fontWeight: 600 }),
      ),
    ],
  };
}

/** Every run's curves as one long table (step, run, metrics). */
export function curvesTable(data: LabData): DataTable {
  const rows: (number | string)[][] = [];
  data.runs.forEach((run, i) => {
    data.loss[i]!.forEach((loss, j) => {
      rows.push([OPTIMIZER_LABEL[run.optimizer], SCALING_LABEL[run.scaling], run.rank, j + 1, loss, data.gradNormA[i]![j]!, data.gradNormB[i]![j]!, data.deltaNorm[i]![j]!]);
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
