import * as Plot from '@observablehq/plot';
import type { LoraScaling } from '@lora-rank/core';
import type { DataTable } from '../../runtime/csv.ts';
import { type ChartHeights, type ChartSize, COLORS, CHART_STYLE, fmt, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
import { endLabels } from '../../runtime/charts/endLabels.ts';
import { logScale, rankScale } from '../../runtime/charts/logAxis.ts';
import { LR_FROM_RANK, lrAnswer, type LrRun, type LrSummary, type LrTarget } from './model.ts';

/** Colours of up to nine ranks, themed by CSS (the training lab's). */
export const RANK_COLORS = Array.from({ length: 9 }, (_, i) => `var(--rank-${i + 1})`);
export const SCALING_LABEL: Record<LoraScaling, string> = { standard: 'α/r', rslora: 'α/√r' };
/** A series' colour says its scaling, its dash its target (as the lab's colours say the scaling). */
const seriesColor = (scaling: LoraScaling) => (scaling === 'standard' ? COLORS.primary : COLORS.secondary);
const seriesDash = (target: LrTarget) => (target === 'facts' ? '5 4' : undefined);
const seriesLabel = (s: Pick<LrSummary, 'target' | 'scaling'>) => `${s.target}, ${SCALING_LABEL[s.scaling]}`;

/** One point of the loss-against-rate chart: a (target, scaling, rank, rate), averaged over the seeds received. */
export interface RatePoint {
  target: LrTarget;
  scaling: string;
  rank: string;
  lr: number;
  /** Mean final loss over the seeds received; NaN when any of them diverged. */
  loss: number;
  panel: string;
}

/**
 * The runs received so far as points of final loss against learning rate,
 * averaged over seeds; a rate at which any seed diverged is left out (the
 * sweep counts it as infinitely bad).
 */
export function ratePoints(runs: readonly LrRun[]): RatePoint[] {
  const groups = new Map<string, LrRun[]>();
  for (const run of runs) {
    const key = `${run.target} ${run.scaling} ${run.rank} ${run.lr}`;
    const g = groups.get(key);
    if (g) g.push(run);
    else groups.set(key, [run]);
  }
  const out: RatePoint[] = [];
  for (const g of groups.values()) {
    const { target, scaling, rank, lr } = g[0]!;
    if (g.some((r) => r.diverged || !Number.isFinite(r.finalLoss))) continue;
    const loss = g.reduce((a, r) => a + r.finalLoss, 0) / g.length;
    out.push({ target, scaling: SCALING_LABEL[scaling], rank: String(rank), lr, loss, panel: `${target}, ${SCALING_LABEL[scaling]}` });
  }
  return out.sort((a, b) => a.lr - b.lr);
}

/** The panels of the loss-against-rate chart: targets down, scalings across. */
export function ratePanels(targets: readonly LrTarget[]): { target: LrTarget; scaling: string; label: string }[] {
  return targets.flatMap((target) =>
    (['standard', 'rslora'] as const).map((s) => ({ target, scaling: SCALING_LABEL[s], label: `${target}, ${SCALING_LABEL[s]}` })),
  );
}

/** Box heights of the loss-against-rate chart: a grid on a wide box, one column of 130 px panels on a narrow one. */
export function rateHeights(targets: number): ChartHeights {
  return { narrow: 40 + 130 * 2 * targets, wide: targets > 1 ? 420 : 250 };
}

/** The rank colours and the best-rate ring, as the loss-against-rate chart's key. */
export function rateLegend(ranks: readonly number[]): { label: string; color: string }[] {
  return [
    ...ranks.map((r, i) => ({ label: `r = ${r}`, color: RANK_COLORS[i % RANK_COLORS.length]! })),
    { label: 'ring: best rate', color: COLORS.muted },
  ];
}

/**
 * Final loss against learning rate, log–log, one panel per target and
 * scaling, one line per rank, the best rate of each finished rank ringed.
 */
export function lossByRateChart(
  runs: readonly LrRun[],
  summaries: readonly LrSummary[],
  targets: readonly LrTarget[],
  ranks: readonly number[],
  size: ChartSize,
): Plot.PlotOptions {
  const wide = isWide(size);
  const panels = ratePanels(targets);
  const points = ratePoints(runs);
  const best = summaries.flatMap((s) =>
    s.optima.map((o) => ({
      target: s.target,
      scaling: SCALING_LABEL[s.scaling],
      rank: String(o.rank),
      lr: o.bestLr,
      loss: o.bestLoss,
      panel: seriesLabel(s),
    })),
  );
  const x = logScale(
    points.map((p) => p.lr),
    wide ? 3 : 2,
  );
  const y = logScale(
    points.map((p) => p.loss),
    wide ? 4 : 3,
  );
  const facet = wide ? { fx: 'scaling', fy: 'target' } : { fy: 'panel' };
  const labelFacet = wide ? { fx: 'scaling', fy: 'target' } : { fy: 'label' };
  return {
    marginTop: 24,
    marginRight: 12,
    marginBottom: 36,
    marginLeft: 48,
    style: CHART_STYLE,
    x: { ...x, label: 'learning rate →' },
    y: { ...y, label: '↑ final loss', grid: true },
    fx: wide ? { axis: null, domain: ['α/r', 'α/√r'], padding: 0.12 } : undefined,
    fy: wide ? { axis: null, domain: [...targets], padding: 0.15 } : { axis: null, domain: panels.map((p) => p.label), padding: 0.2 },
    color: { type: 'ordinal', domain: ranks.map(String), range: RANK_COLORS },
    marks: [
      Plot.frame({ stroke: COLORS.rule, strokeOpacity: 0.4 }),
      Plot.line(points, { x: 'lr', y: 'loss', z: 'rank', stroke: 'rank', ...facet, strokeWidth: 1.6 }),
      Plot.dot(points, { x: 'lr', y: 'loss', fill: 'rank', ...facet, r: 2 }),
      Plot.dot(best, { x: 'lr', y: 'loss', stroke: 'rank', ...facet, r: 6, strokeWidth: 1.5 }),
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

interface RankPoint {
  r: number;
  value: number;
  k: number;
}

/**
 * The fitted slope drawn through a series: a segment over the fitted ranks
 * (r ≥ {@link LR_FROM_RANK}) with the measured mean slope in log–log,
 * through the centre of those points.
 */
export function fitLine(points: readonly { r: number; value: number }[], slope: number): { r: number; value: number }[] {
  const fit = points.filter((p) => p.r >= LR_FROM_RANK && p.value > 0);
  if (fit.length < 2 || !Number.isFinite(slope)) return [];
  const mx = fit.reduce((a, p) => a + Math.log(p.r), 0) / fit.length;
  const my = fit.reduce((a, p) => a + Math.log(p.value), 0) / fit.length;
  const at = (r: number) => Math.exp(my + slope * (Math.log(r) - mx));
  return [fit[0]!, fit.at(-1)!].map((p) => ({ r: p.r, value: at(p.r) }));
}

function rankChart(
  summaries: readonly LrSummary[],
  pick: (s: LrSummary) => RankPoint[],
  yLabel: string,
  size: ChartSize,
  { fits = false, seeds = false }: { fits?: boolean; seeds?: boolean } = {},
): Plot.PlotOptions {
  const points = summaries.flatMap((s, k) => pick(s).map((p) => ({ ...p, k })));
  const faint = seeds
    ? summaries.flatMap((s, k) =>
        s.optima[0]!.perSeedLr.length > 1 ? s.optima.flatMap((o) => Array.from(o.perSeedLr, (value) => ({ r: o.rank, value, k }))) : [],
      )
    : [];
  const lines = fits
    ? summaries.flatMap((s, k) =>
        fitLine(
          points.filter((p) => p.k === k),
          s.slope?.mean ?? Number.NaN,
        ).map((p) => ({ ...p, k })),
      )
    : [];
  const ends = summaries.map((s, k) => ({ s, end: points.filter((p) => p.k === k).at(-1) })).filter((e) => e.end);
  const margin = { top: 20, bottom: 36 };
  const y = logScale(
    [...points, ...faint, ...lines].map((p) => p.value),
    isWide(size) ? 5 : 4,
  );
  const labels = ends.map(({ s, end }) => ({ x: end!.r, y: end!.value, text: seriesLabel(s), fill: seriesColor(s.scaling) }));
  return {
    marginTop: margin.top,
    marginRight: Math.max(0, ...labels.map((l) => textWidth(l.text))) + 10,
    marginBottom: margin.bottom,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { ...rankScale(points.map((p) => p.r)), label: 'rank r →' },
    y: { ...y, label: yLabel, grid: true },
    marks: [
      ...summaries.flatMap((s, k) => [
        Plot.dot(
          faint.filter((p) => p.k === k),
          { x: 'r', y: 'value', fill: seriesColor(s.scaling), fillOpacity: 0.3, r: 1.8 },
        ),
        Plot.line(
          lines.filter((p) => p.k === k),
          { x: 'r', y: 'value', stroke: seriesColor(s.scaling), strokeOpacity: 0.45, strokeWidth: 6 },
        ),
        Plot.line(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', stroke: seriesColor(s.scaling), strokeWidth: 2, strokeDasharray: seriesDash(s.target) },
        ),
        Plot.dot(
          points.filter((p) => p.k === k),
          { x: 'r', y: 'value', fill: seriesColor(s.scaling), r: 3 },
        ),
      ]),
      ...endLabels(labels, { y, height: size.height, marginTop: margin.top, marginBottom: margin.bottom }),
    ],
  };
}

/**
 * The best learning rate (refined between grid points) against rank,
 * log–log, per target and scaling; faint wide lines: the fitted slope from
 * r = {@link LR_FROM_RANK}; faint dots: each seed's best rate (with several
 * seeds).
 */
export function bestRateChart(summaries: readonly LrSummary[], size: ChartSize): Plot.PlotOptions {
  return rankChart(summaries, (s) => s.optima.map((o) => ({ r: o.rank, value: o.refinedLr, k: 0 })), '↑ best learning rate', size, {
    fits: true,
    seeds: true,
  });
}

/** The best final loss (mean over seeds, at the best grid rate) against rank, log–log. */
export function bestLossChart(summaries: readonly LrSummary[], size: ChartSize): Plot.PlotOptions {
  return rankChart(summaries, (s) => s.optima.map((o) => ({ r: o.rank, value: o.bestLoss, k: 0 })), '↑ best final loss', size);
}

/** Text split so that every power `r^x` can be set with x as a superscript: `{ text }` and `{ base, sup }` parts. */
export function powerParts(text: string): ({ text: string } | { base: string; sup: string })[] {
  const out: ({ text: string } | { base: string; sup: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(/r\^([−+]?\d+(?:\.\d+)?)/g)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ base: 'r', sup: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** A slope as "−0.01 ± 0.02" (one seed: "−0.01"). */
export function formatRateSlope(slope: LrSummary['slope']): string {
  if (!slope) return '—';
  const m = Number(slope.mean.toFixed(2));
  const mean = `${m === 0 ? '' : m < 0 ? '−' : '+'}${Math.abs(m).toFixed(2)}`;
  return slope.perSeed.length > 1 ? `${mean} ± ${slope.sd.toFixed(2)}` : mean;
}

/** Every run as a table. */
export function runsTable(runs: readonly LrRun[]): DataTable {
  return {
    columns: ['target', 'scaling', 'rank', 'seed of A', 'learning rate', 'final loss', 'diverged', 'steps'],
    rows: runs.map((r) => [r.target, SCALING_LABEL[r.scaling], r.rank, r.seed, r.lr, r.finalLoss, r.diverged ? 'yes' : 'no', r.steps]),
  };
}

/** The optima as a table. */
export function optimaTable(summaries: readonly LrSummary[]): DataTable {
  return {
    columns: ['target', 'scaling', 'rank', 'best grid rate', 'refined best rate', 'best final loss', 'best rate at the grid edge'],
    rows: summaries.flatMap((s) =>
      s.optima.map((o) => [s.target, SCALING_LABEL[s.scaling], o.rank, o.bestLr, o.refinedLr, o.bestLoss, o.atEdge ? 'yes' : 'no']),
    ),
  };
}

/** Text alternatives. */
export function describeLrSweep(runs: readonly LrRun[], summaries: readonly LrSummary[]): { rates: string; best: string; loss: string } {
  const per = (f: (s: LrSummary) => string) => summaries.map((s) => `${seriesLabel(s)}: ${f(s)}`).join('; ');
  return {
    rates: `Final loss against learning rate for ${runs.length} runs, one panel per target and scaling, one line per rank.`,
    best: `Best learning rate against rank. ${per((s) => s.optima.map((o) => `r = ${o.rank}: ${fmt(o.refinedLr, 2)}`).join(', ') + `; slope from r = ${LR_FROM_RANK}: ${formatRateSlope(s.slope)}`)}. ${lrAnswer(summaries)}`,
    loss: `Best final loss against rank. ${per((s) => s.optima.map((o) => `r = ${o.rank}: ${fmt(o.bestLoss)}`).join(', '))}.`,
  };
}
