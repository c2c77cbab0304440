import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { LabData } from './model.ts';
import { OPTIMIZER_LABEL, SCALING_LABEL, divergenceNote, floorAt, floorNote, twinGaps, type LabSeries } from './summary.ts';
import { LAW_FROM_RANK, LAW_SEEDS } from './model.ts';
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
export function curvePoints(data: LabData, metric: 'loss' | 'gradNormB', twins = false): CurvePoint[] {
  const out: CurvePoint[] = [];
  data.runs.forEach((run, i) => {
    if (Boolean(run.twin) !== twins) return;
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
          // A twin is drawn over the α/√r Adam run it follows.
          scaling: SCALING_LABEL[run.twin ? 'rslora' : run.scaling],
          optimizer: OPTIMIZER_LABEL[run.optimizer],
        });
      }
    }
  });
  return out;
}

/** The panels of the curves chart: one per (optimizer, scaling) that ran, in the lab's order. */
export function curvePanels(data: LabData): { optimizer: string; scaling: string; label: string }[] {
  const runs = data.runs.filter((r) => !r.twin);
  const optimizers = [...new Set(runs.map((r) => OPTIMIZER_LABEL[r.optimizer]))];
  const scalings = [...new Set(runs.map((r) => SCALING_LABEL[r.scaling]))];
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

/** The colour of the LoRA+ twins' dotted overlay: the page's text colour, so it shows on every rank's colour. */
export const TWIN_COLOR = 'currentColor';
const TWIN_DASH = '1.5 3';
const FLOOR_DASH = '5 4';

/**
 * The rank colours as a legend (shown above the curves charts; nine ranks are
 * too many to label directly), with the floors' dashes (loss chart) and the
 * twins' dots (when they ran).
 */
export function curvesLegend(
  ranks: readonly (number | string)[],
  { floor = false, twin = false }: { floor?: boolean; twin?: boolean } = {},
): { label: string; color: string; dashed?: boolean }[] {
  return [
    ...ranks.map((r, i) => ({ label: `r = ${r}`, color: RANK_COLORS[i % RANK_COLORS.length]! })),
    ...(floor ? [{ label: 'dashed: best rank-r fit', color: COLORS.muted, dashed: true }] : []),
    ...(twin ? [{ label: 'dotted: LoRA+ twin', color: 'var(--text)', dashed: true }] : []),
  ];
}

/**
 * The floors drawn in the loss chart: for every rank that ran, the best
 * rank-r fit of the loss when it is above 0 (a floor of 0, reached only at
 * r = min(d, k) or by an exact-rank target, has no place on a log axis).
 */
export function floorLines(data: LabData): { rank: string; value: number }[] {
  const ranks = [...new Set(data.runs.map((r) => r.rank))];
  return ranks.flatMap((r) => {
    const value = floorAt(data.floor, r);
    return value > 0 ? [{ rank: String(r), value }] : [];
  });
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
  const panel = <T extends { optimizer: string; scaling: string }>(p: T) => ({ ...p, panel: `${p.optimizer}, ${p.scaling}` });
  const points = curvePoints(data, metric).map(panel);
  const twins = curvePoints(data, metric, true).map(panel);
  // Every panel shows every rank's floor: one rule per rank and panel.
  const floors =
    metric === 'loss'
      ? panels.flatMap((p) => floorLines(data).map((f) => ({ ...f, optimizer: p.optimizer, scaling: p.scaling, panel: p.label })))
      : [];
  const y = logScale([...points.map((p) => p.value), ...floors.map((f) => f.value)], wide ? 4 : 3);
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
      Plot.ruleY(floors, { y: 'value', stroke: 'rank', ...facet, strokeWidth: 1, strokeDasharray: FLOOR_DASH }),
      Plot.line(points, { x: 'step', y: 'value', z: 'rank', stroke: 'rank', ...facet, strokeWidth: 1.6 }),
      Plot.line(twins, { x: 'step', y: 'value', z: 'rank', stroke: TWIN_COLOR, ...facet, strokeWidth: 1.6, strokeDasharray: TWIN_DASH }),
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

interface SeriesPoint {
  r: number;
  value: number;
  label: string;
  k: number;
}

function seriesPoints(series: LabSeries[], pick: (s: LabSeries) => number[]): SeriesPoint[] {
  return series.flatMap((s, k) =>
    s.ranks.map((r, i) => ({ r, value: pick(s)[i]!, label: s.label, k })).filter((p) => p.value > 0 && Number.isFinite(p.value)),
  );
}

/**
 * The predicted slope drawn through a series' mean curve: a segment over the
 * fitted ranks (r ≥ {@link LAW_FROM_RANK}) with slope `predicted` in
 * log–log, through the centre (mean log r, mean log value) of those points.
 */
export function slopeGuide(points: { r: number; value: number }[], predicted: number): { r: number; value: number }[] {
  const fit = points.filter((p) => p.r >= LAW_FROM_RANK && p.value > 0);
  if (fit.length < 2) return [];
  const mx = fit.reduce((a, p) => a + Math.log(p.r), 0) / fit.length;
  const my = fit.reduce((a, p) => a + Math.log(p.value), 0) / fit.length;
  const at = (r: number) => Math.exp(my + predicted * (Math.log(r) - mx));
  const r0 = fit[0]!.r;
  const r1 = fit.at(-1)!.r;
  return [
    { r: r0, value: at(r0) },
    { r: r1, value: at(r1) },
  ];
}

/**
 * The first step's loss drop per unit learning rate against rank, log–log,
 * measured at each series' probe rate over {@link LAW_SEEDS} seeds of A: one
 * faint dot per seed, the mean as a line, and the predicted slope (SGD −1
 * under α/r and 0 under α/√r, Adam 0 and ½) drawn through the mean over the
 * fitted ranks as a thin wide guide. Series whose law is not measured yet
 * are left out.
 */
export function firstStepChart(series: LabSeries[], size: ChartSize): Plot.PlotOptions {
  const points = series.flatMap((s, k) =>
    (s.law?.ranks ?? [])
      .map((r, i) => ({ r, value: s.law!.mean[i]!, label: s.label, k }))
      .filter((p) => p.value > 0 && Number.isFinite(p.value)),
  );
  const seeds = series.flatMap((s, k) =>
    (s.law?.perSeed ?? []).flatMap((row) => row.map((value, i) => ({ r: s.law!.ranks[i]!, value, label: s.label, k }))),
  );
  const guides = series.flatMap((s, k) =>
    slopeGuide(
      points.filter((p) => p.k === k),
      s.predictedSlope,
    ).map((g) => ({ ...g, label: s.label, k })),
  );
  return seriesChart(
    series,
    points,
    guides,
    '↑ first-step loss drop ÷ η',
    size,
    seeds.filter((p) => p.value > 0),
  );
}

/**
 * Loss at the last step against rank, log–log, with the floor every run is
 * read against: the best rank-r fit of the same loss (grey, dashed, named in
 * the legend {@link finalLossLegend}; left out where it is 0). Diverged runs
 * are left out (they are named above the charts).
 */
export function finalLossChart(series: LabSeries[], size: ChartSize): Plot.PlotOptions {
  const floors = series[0] ? series[0].ranks.map((r, i) => ({ r, value: series[0]!.floor[i]!, label: FLOOR_LABEL, k: -1 })) : [];
  return seriesChart(
    series,
    seriesPoints(series, (s) => s.finalLoss.map((x, i) => (s.diverged[i] ? Number.NaN : x))),
    [],
    '↑ loss after the last step',
    size,
    [],
    floors.filter((p) => p.value > 0 && Number.isFinite(p.value)),
  );
}

/** The name of the floor series in the final-loss chart. */
export const FLOOR_LABEL = 'best rank-r fit (floor)';

/** The final-loss chart's key: its floor series (the series themselves are labelled at their ends). */
export function finalLossLegend(): { label: string; color: string; dashed: boolean }[] {
  return [{ label: FLOOR_LABEL, color: COLORS.muted, dashed: true }];
}

function seriesChart(
  series: LabSeries[],
  points: SeriesPoint[],
  guides: SeriesPoint[],
  yLabel: string,
  size: ChartSize,
  faint: SeriesPoint[] = [],
  floor: SeriesPoint[] = [],
): Plot.PlotOptions {
  const labels = [...new Set(points.map((p) => p.label))];
  const ends = labels.map((label) => points.filter((p) => p.label === label).at(-1)!);
  const margin = { top: 20, bottom: 36 };
  const y = logScale(
    [...points, ...guides, ...faint, ...floor].map((p) => p.value),
    isWide(size) ? 5 : 4,
  );
  const x = rankScale([...points, ...floor].map((p) => p.r));
  const endOf = ends.map((p) => ({ x: p.r, y: p.value, text: p.label, fill: seriesColor(series[p.k]!) }));
  return {
    marginTop: margin.top,
    marginRight: Math.max(0, ...endOf.map((l) => textWidth(l.text))) + 10,
    marginBottom: margin.bottom,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { ...x, label: 'rank r →' },
    y: { ...y, label: yLabel, grid: true },
    marks: [
      Plot.line(floor, { x: 'r', y: 'value', stroke: COLORS.muted, strokeWidth: 1.5, strokeDasharray: FLOOR_DASH }),
      Plot.dot(floor, { x: 'r', y: 'value', stroke: COLORS.muted, r: 4.5, strokeWidth: 1.5 }),
      // All the faint dots in one mark (they are the most numerous elements), coloured by series.
      Plot.dot(faint, { x: 'r', y: 'value', fill: (p: SeriesPoint) => seriesColor(series[p.k]!), fillOpacity: 0.3, r: 1.8 }),
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
      ...endLabels(endOf, { y, height: size.height, marginTop: margin.top, marginBottom: margin.bottom }),
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

/** The per-rank summary as a table: the run's numbers, its floor, and the first-step law at the probe rate. */
export function seriesTable(series: LabSeries[]): DataTable {
  return {
    columns: [
      'optimizer, scaling',
      'rank',
      'first-step loss drop at the training rate',
      'final loss',
      'best rank-r fit (floor)',
      'reached the floor',
      'probe rate',
      `first-step drop / probe rate, mean of ${LAW_SEEDS} seeds`,
      'sd over seeds',
    ],
    rows: series.flatMap((s) =>
      s.ranks.map((r, i) => {
        const at = s.law ? s.law.ranks.indexOf(r) : -1;
        return [
          s.label,
          r,
          s.firstDrop[i]!,
          s.finalLoss[i]!,
          s.floor[i]!,
          s.reached[i] ? 'yes' : 'no',
          s.law ? s.law.probeLr : Number.NaN,
          at >= 0 ? s.law!.mean[at]! : Number.NaN,
          at >= 0 ? s.law!.sd[at]! : Number.NaN,
        ];
      }),
    ),
  };
}

/** A predicted slope as the table prints it: −1, 0, +0.5. */
export function formatPredicted(slope: number): string {
  return slope === 0 ? '0' : `${slope < 0 ? '−' : '+'}${Math.abs(slope)}`;
}

/** A slope as "−0.97 ± 0.20". */
export function formatSlope(mean: number, sd: number): string {
  if (!Number.isFinite(mean)) return '—';
  const sign = (x: number) => (x < 0 ? '−' : '+');
  const m = Number(mean.toFixed(2));
  return `${m === 0 ? '' : sign(m)}${Math.abs(m).toFixed(2)} ± ${(Number.isFinite(sd) ? sd : 0).toFixed(2)}`;
}

/** The LoRA+ twins' agreement as a sentence, or '' without twins. */
export function describeTwins(data: LabData, eps: number): string {
  const gaps = twinGaps(data).filter((g) => g.steps > 0);
  if (gaps.length === 0) return '';
  const worst = gaps.map((g) => `r = ${g.rank}: ${g.gap === 0 ? '0' : g.gap.toExponential(1)}`).join(', ');
  return `Largest relative gap ‖ΔW(twin) − ΔW‖ / ‖ΔW‖ over ${Math.max(...gaps.map((g) => g.steps))} steps: ${worst} (Adam eps ${eps.toExponential(0)}).`;
}

/** Text alternatives. */
export function describeLab(data: LabData, series: LabSeries[]): { curves: string; grads: string; first: string; final: string } {
  const slopes = series
    .map((s) =>
      s.law
        ? `${s.label}: slope ${formatSlope(s.measuredSlope, s.slopeSd)} over ${s.law.seeds.length} seeds at probe rate ${fmt(s.law.probeLr)}, predicted ${s.predictedSlope}`
        : `${s.label}: not measured yet`,
    )
    .join('; ');
  const finals = series.map((s) => `${s.label}: ${s.ranks.map((r, i) => `r = ${r}: ${fmt(s.finalLoss[i]!)}`).join(', ')}`).join('; ');
  const floors = series[0]
    ? `Best rank-r fit: ${series[0].ranks.map((r, i) => `r = ${r}: ${Number.isNaN(series[0]!.floor[i]!) ? '…' : fmt(series[0]!.floor[i]!)}`).join(', ')}.`
    : '';
  const recorded = Math.max(0, ...data.loss.map((l) => l.length));
  const reached = floorNote(series, recorded);
  return {
    curves: `Loss against step for ${data.runs.length} runs, ${recorded} of ${data.steps} steps so far, each rank's floor dashed. Final losses: ${finals}. ${floors}${divergenceNote(data) ? ` ${divergenceNote(data)}` : ''}`,
    grads: `Gradient norm of B against step for the same runs.`,
    first: `First-step loss drop per unit learning rate against rank, log–log, from r = ${LAW_FROM_RANK} in the fits. ${slopes}.`,
    final: `Loss after the last step against rank, with the best rank-r fit. ${finals}. ${floors} ${reached}`.trim(),
  };
}
