import * as Plot from '@observablehq/plot';
import type {
  CapacityRow,
  ForgettingRow,
  LmExperimentSummary,
  ScalingCurve,
  SpectraSummary,
  SweepCurve,
} from '@lora-rank/core/lm-experiments';
import type { DataTable } from '../../runtime/csv.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide } from '../../runtime/charts/chartFrame.ts';
import { logScale, rankScale } from '../../runtime/charts/logAxis.ts';

/*
 * The article's charts of the committed experiments (`npm run experiments`):
 * pure functions of the summary the core computes from the recorded runs.
 */

/** A task's colour: style in the first chart colour, facts in the second (as everywhere in the article). */
const TASK_COLOR = { style: COLORS.primary, facts: COLORS.secondary } as const;
const MARGINS = { marginTop: 20, marginRight: 16, marginBottom: 36, marginLeft: 48 } as const;

/** "style" or "facts (N = 128)". */
export function spectraLabel(s: Pick<SpectraSummary, 'task' | 'size'>): string {
  return s.task === 'style' ? 'style' : `facts, ${s.size}`;
}

/** Points of the mean energy curves: share of ‖ΔW‖² in the top r singular values, per task and size. */
export function energyCurvePoints(
  spectra: readonly SpectraSummary[],
): { series: string; task: 'style' | 'facts'; r: number; share: number }[] {
  return spectra.flatMap((s) => [
    { series: spectraLabel(s), task: s.task, r: 0, share: 0 },
    ...s.energyCurve.map((share, i) => ({ series: spectraLabel(s), task: s.task, r: i + 1, share })),
  ]);
}

/**
 * The energy captured by the best rank-r approximation of a full
 * fine-tune's update, averaged over every linear layer and seed, one curve
 * per task (facts: per number of facts, dashed when larger), with the 90 %
 * level and where each curve crosses it.
 */
export function fullSpectraChart(spectra: readonly SpectraSummary[], size: ChartSize): Plot.PlotOptions {
  const points = energyCurvePoints(spectra);
  const crossings = spectra.map((s) => {
    const i = s.energyCurve.findIndex((v) => v >= 0.9);
    return { series: spectraLabel(s), task: s.task, r: i < 0 ? s.energyCurve.length : i + 1, share: 0.9 };
  });
  const widest = Math.max(1, ...spectra.map((s) => s.energyCurve.length));
  const dash = (series: string) =>
    spectra.filter((s) => s.task === 'facts').findIndex((s) => spectraLabel(s) === series) > 0 ? '5 4' : null;
  return {
    ...MARGINS,
    style: CHART_STYLE,
    x: { label: 'rank r →', domain: [0, widest], ticks: isWide(size) ? 8 : 4 },
    y: { label: '↑ energy of ΔW captured (%)', domain: [0, 100], percent: true, grid: true },
    marks: [
      Plot.ruleY([0.9], { stroke: COLORS.muted, strokeDasharray: '4 3' }),
      ...spectra.map((s) =>
        Plot.line(
          points.filter((p) => p.series === spectraLabel(s)),
          {
            x: 'r',
            y: 'share',
            stroke: TASK_COLOR[s.task],
            strokeWidth: 2,
            strokeDasharray: dash(spectraLabel(s)) ?? undefined,
            curve: 'step-after',
          },
        ),
      ),
      Plot.dot(crossings, { x: 'r', y: 'share', fill: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task], r: 4 }),
    ],
  };
}

/** The key of the spectra chart: one entry per curve. */
export function fullSpectraLegend(spectra: readonly SpectraSummary[]): { label: string; color: string }[] {
  return spectra.map((s) => ({
    label:
      s.task === 'style' ? 'style' : `facts, N = ${s.size}${spectra.filter((x) => x.task === 'facts').indexOf(s) > 0 ? ' (dashed)' : ''}`,
    color: TASK_COLOR[s.task],
  }));
}

/** A text alternative for the spectra chart, with the median rank and its quartiles. */
export function describeFullSpectra(spectra: readonly SpectraSummary[]): string {
  return spectra
    .map(
      (s) =>
        `${s.task === 'style' ? 'Style' : `Facts (N = ${s.size})`}: rank for 90 % of the energy median ${fmt(s.rank90.median, 3)} (quartiles ${fmt(s.rank90.q25, 3)}–${fmt(s.rank90.q75, 3)}) over ${s.matrices} matrices × ${s.seeds.length} seeds; attention ${fmt(s.byKind.attention.rank90.median, 3)}, MLP ${fmt(s.byKind.mlp.rank90.median, 3)}.`,
    )
    .join(' ');
}

/** The spectra summaries as a table. */
export function fullSpectraTable(spectra: readonly SpectraSummary[]): DataTable {
  return {
    columns: [
      'task',
      'N',
      'seeds',
      'rank 90 % median',
      'q25',
      'q75',
      'rank 99 % median',
      'effective rank median',
      'stable rank median',
      'attention rank 90 %',
      'MLP rank 90 %',
    ],
    rows: spectra.map((s) => [
      s.task,
      s.size,
      s.seeds.length,
      s.rank90.median,
      s.rank90.q25,
      s.rank90.q75,
      s.rank99.median,
      s.effectiveRank.median,
      s.stableRank.median,
      s.byKind.attention.rank90.median,
      s.byKind.mlp.rank90.median,
    ]),
  };
}

/** The rank sweep as points of "share of full fine-tuning's improvement" against rank, one series per task and adapted layers. */
export function sweepPoints(
  curves: readonly SweepCurve[],
): { series: string; task: 'style' | 'facts'; targets: string; rank: number; gap: number }[] {
  const groups = new Map<string, { task: 'style' | 'facts'; targets: string; rank: number; gaps: number[] }>();
  for (const c of curves) {
    for (const p of c.points) {
      const key = `${c.task} ${c.targets} ${p.rank}`;
      const g = groups.get(key) ?? { task: c.task, targets: c.targets, rank: p.rank, gaps: [] };
      g.gaps.push(p.gapClosed);
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .map((g) => ({
      series: `${g.task}, ${g.targets === 'all' ? 'all layers' : 'attention only'}`,
      task: g.task,
      targets: g.targets,
      rank: g.rank,
      gap: g.gaps.reduce((a, b) => a + b, 0) / g.gaps.length,
    }))
    .sort((a, b) => a.rank - b.rank);
}

/**
 * LoRA against full fine-tuning, rank by rank: the share of full
 * fine-tuning's improvement over the base model that a rank-r adapter
 * reaches (1: as good as full; style measured by held-out loss, facts by
 * exact recall), all six linear layers solid, attention only dashed, the
 * 90 % level ("within 10 %") as a rule.
 */
export function rankSweepChart(curves: readonly SweepCurve[], size: ChartSize): Plot.PlotOptions {
  const points = sweepPoints(curves);
  const ranks = points.map((p) => p.rank);
  const top = Math.max(1.05, ...points.map((p) => p.gap));
  const bottom = Math.min(0, ...points.map((p) => p.gap));
  return {
    ...MARGINS,
    style: CHART_STYLE,
    x: { ...rankScale(ranks.length > 0 ? ranks : [1, 64], isWide(size) ? 7 : 4), label: 'LoRA rank r →' },
    y: { label: '↑ share of full fine-tuning’s gain (%)', domain: [100 * bottom, 100 * top], percent: true, grid: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY([0.9], { stroke: COLORS.muted, strokeDasharray: '4 3' }),
      // Plot's dash is one value per mark: one mark for all six layers (solid), one for attention only (dashed).
      ...(['all', 'attention'] as const).map((targets) =>
        Plot.line(
          points.filter((p) => p.targets === targets),
          {
            x: 'rank',
            y: 'gap',
            z: 'series',
            stroke: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task],
            strokeDasharray: targets === 'all' ? undefined : '5 4',
            strokeWidth: 2,
          },
        ),
      ),
      Plot.dot(points, { x: 'rank', y: 'gap', fill: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task], r: 3.5 }),
    ],
  };
}

/** A text alternative for the rank sweep. */
export function describeRankSweep(curves: readonly SweepCurve[], headline: LmExperimentSummary['headline']['rankWithin10']): string {
  const series = new Map<string, ReturnType<typeof sweepPoints>>();
  for (const p of sweepPoints(curves)) series.set(p.series, [...(series.get(p.series) ?? []), p]);
  const lines = [...series].map(([name, pts]) => `${name}: ${pts.map((p) => `r = ${p.rank} ${fmt(100 * p.gap, 3)} %`).join(', ')}`);
  const within = headline.map(
    (h) =>
      `${h.task}, ${h.targets === 'all' ? 'all layers' : 'attention only'}: ${h.median === null ? 'no rank tried' : `r = ${h.median}`}`,
  );
  return `Share of full fine-tuning's gain reached by LoRA. ${lines.join('; ')}. Smallest rank within 10 % of full fine-tuning: ${within.join('; ')}.`;
}

/** The sweep as a table: every point with its raw metric. */
export function rankSweepTable(curves: readonly SweepCurve[]): DataTable {
  return {
    columns: [
      'task',
      'layers',
      'seed',
      'rank',
      'parameters',
      'metric',
      'value',
      'base',
      'full fine-tuning',
      'share of gain',
      'base corpus loss after',
    ],
    rows: curves.flatMap((c) =>
      c.points.map((p) => [
        c.task,
        c.targets,
        c.seed,
        p.rank,
        p.parameters,
        c.metric,
        p.value,
        c.base,
        c.full,
        p.gapClosed,
        p.pretrainLoss,
      ]),
    ),
  };
}

/** Points of the scaling chart: the task metric against rank, per scaling, at the fixed and at the best rate. */
export function scalingPoints(
  curves: readonly ScalingCurve[],
): { series: string; scaling: string; lrChoice: string; rank: number; value: number; lr: number }[] {
  return curves.flatMap((c) =>
    (['fixedLr', 'bestLr'] as const).flatMap((which) =>
      c[which].map((p) => ({
        series: `${c.scaling === 'standard' ? 'α/r' : 'α/√r'}, ${which === 'fixedLr' ? 'one rate' : 'best rate'}`,
        scaling: c.scaling,
        lrChoice: which,
        rank: p.rank,
        value: p.value,
        lr: p.lr,
      })),
    ),
  );
}

/**
 * α/r against α/√r on the real model: the task metric at each rank, at the
 * task's default learning rate for every rank (solid) and at the best rate of
 * a small grid per rank (dashed).
 */
export function scalingChart(curves: readonly ScalingCurve[], size: ChartSize): Plot.PlotOptions {
  const points = scalingPoints(curves);
  const metric = curves[0]?.metric ?? 'recall';
  const ranks = points.map((p) => p.rank);
  return {
    ...MARGINS,
    style: CHART_STYLE,
    x: { ...rankScale(ranks.length > 0 ? ranks : [1, 64], isWide(size) ? 7 : 4), label: 'LoRA rank r →' },
    y:
      metric === 'recall'
        ? { label: '↑ new facts recalled exactly (%)', domain: [0, 100], percent: true, grid: true }
        : { label: '↑ held-out loss', grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      ...(['fixedLr', 'bestLr'] as const).map((choice) =>
        Plot.line(
          points.filter((p) => p.lrChoice === choice),
          {
            x: 'rank',
            y: 'value',
            z: 'series',
            stroke: (d: { scaling: string }) => (d.scaling === 'standard' ? COLORS.primary : COLORS.secondary),
            strokeDasharray: choice === 'fixedLr' ? undefined : '5 4',
            strokeWidth: 2,
          },
        ),
      ),
      Plot.dot(points, {
        x: 'rank',
        y: 'value',
        fill: (d: { scaling: string }) => (d.scaling === 'standard' ? COLORS.primary : COLORS.secondary),
        r: 3.5,
      }),
    ],
  };
}

/** A text alternative for the scaling chart. */
export function describeScaling(curves: readonly ScalingCurve[]): string {
  const groups = new Map<string, ReturnType<typeof scalingPoints>>();
  for (const p of scalingPoints(curves)) groups.set(p.series, [...(groups.get(p.series) ?? []), p]);
  const what = curves[0]?.metric === 'recall' ? 'exact recall' : 'held-out loss';
  return `${curves[0]?.task ?? 'facts'} task, ${what} by rank. ${[...groups]
    .map(
      ([name, pts]) =>
        `${name}: ${pts.map((p) => `r = ${p.rank} ${p.lrChoice === 'bestLr' ? `(rate ${fmt(p.lr, 2)}) ` : ''}${fmt(what === 'exact recall' ? 100 * p.value : p.value, 3)}${what === 'exact recall' ? ' %' : ''}`).join(', ')}`,
    )
    .join('; ')}.`;
}

/** The scaling comparison as a table. */
export function scalingTable(curves: readonly ScalingCurve[]): DataTable {
  return {
    columns: ['task', 'scaling', 'learning rate choice', 'rank', 'learning rate', 'value'],
    rows: curves.flatMap((c) =>
      (['fixedLr', 'bestLr'] as const).flatMap((which) =>
        c[which].map((p) => [c.task, c.scaling, which === 'fixedLr' ? 'default' : 'best of grid', p.rank, p.lr, p.value]),
      ),
    ),
  };
}

/**
 * The largest number of new facts a rank-r adapter (all six linear layers)
 * recalls at 90 % or more, against rank (log–log), labelled with its bits
 * per adapter parameter.
 */
export function capacityChart(rows: readonly CapacityRow[], size: ChartSize): Plot.PlotOptions {
  const ok = rows.filter((r) => r.largestN > 0);
  return {
    ...MARGINS,
    marginRight: 24,
    style: CHART_STYLE,
    x: { ...rankScale(rows.length > 0 ? rows.map((r) => r.rank) : [1, 64], isWide(size) ? 7 : 4), label: 'LoRA rank r →' },
    y: {
      ...logScale(ok.length > 0 ? ok.flatMap((r) => [r.largestN / 2.5, r.largestN * 1.6]) : [1, 100]),
      label: '↑ new facts recalled at ≥ 90 %',
      grid: true,
    },
    marks: [
      Plot.line(ok, { x: 'rank', y: 'largestN', stroke: COLORS.secondary, strokeWidth: 2 }),
      Plot.dot(ok, { x: 'rank', y: 'largestN', fill: COLORS.secondary, r: 4 }),
      // The count above each point; the bits per parameter in a row along the bottom, one under each rank,
      // so neighbouring ranks that hold as many facts never stack their labels.
      Plot.text(ok, { x: 'rank', y: 'largestN', text: (c: CapacityRow) => String(c.largestN), dy: -10, fill: 'currentColor' }),
      Plot.text(rows, {
        x: 'rank',
        // Per thousand parameters: two or three digits, short enough for neighbouring ranks on a phone.
        text: (c: CapacityRow) => fmt(1000 * c.bitsPerParameter, 2),
        frameAnchor: 'bottom',
        dy: -6,
        fill: COLORS.muted,
      }),
    ],
  };
}

/** A text alternative for the capacity chart. */
export function describeCapacity(rows: readonly CapacityRow[]): string {
  return `Largest number of new facts recalled at 90 % or more: ${rows
    .map(
      (r) =>
        `r = ${r.rank}: ${r.largestN} facts, ${fmt(r.bits, 3)} bits over ${r.parameters.toLocaleString('en-US')} adapter parameters (${fmt(r.bitsPerParameter, 2)} bits per parameter)`,
    )
    .join('; ')}.`;
}

/** The capacity search as a table: every N tried, per rank. */
export function capacityTable(rows: readonly CapacityRow[]): DataTable {
  return {
    columns: ['rank', 'adapter parameters', 'N tried', 'recall', 'largest N at 90 %', 'bits per parameter'],
    rows: rows.flatMap((r) => r.trials.map((t) => [r.rank, r.parameters, t.n, t.recall, r.largestN, r.bitsPerParameter])),
  };
}

/**
 * What fine-tuning forgets: the base corpus' held-out loss after LoRA at
 * each rank (all six layers), per task, with the base model and full
 * fine-tuning as rules.
 */
export function forgettingChart(rows: readonly ForgettingRow[], size: ChartSize): Plot.PlotOptions {
  const lora = rows
    .filter((r) => r.mode === 'lora' && r.targets === 'all')
    .map((r) => ({ task: r.task, rank: r.rank!, loss: r.pretrainLoss.median }));
  const full = rows.filter((r) => r.mode === 'full').map((r) => ({ task: r.task, loss: r.pretrainLoss.median }));
  const base = rows.find((r) => r.mode === 'base')?.pretrainLoss.median;
  const all = [...lora.map((p) => p.loss), ...full.map((p) => p.loss), ...(base === undefined ? [] : [base])];
  return {
    ...MARGINS,
    style: CHART_STYLE,
    x: { ...rankScale(lora.length > 0 ? lora.map((p) => p.rank) : [1, 64], isWide(size) ? 7 : 4), label: 'LoRA rank r →' },
    y: {
      label: '↑ loss on the base corpus (held out)',
      grid: true,
      domain: [Math.min(...all) * 0.95, Math.max(...all) * 1.05],
      nice: true,
    },
    marks: [
      ...(base === undefined ? [] : [Plot.ruleY([base], { stroke: COLORS.muted, strokeDasharray: '2 3' })]),
      Plot.ruleY(full, { y: 'loss', stroke: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task], strokeDasharray: '5 4' }),
      Plot.line(lora, { x: 'rank', y: 'loss', z: 'task', stroke: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task], strokeWidth: 2 }),
      Plot.dot(lora, { x: 'rank', y: 'loss', fill: (d: { task: 'style' | 'facts' }) => TASK_COLOR[d.task], r: 3.5 }),
    ],
  };
}

/** A text alternative for the forgetting chart. */
export function describeForgetting(rows: readonly ForgettingRow[]): string {
  const base = rows.find((r) => r.mode === 'base')?.pretrainLoss.median;
  const per = (['style', 'facts'] as const).map((task) => {
    const full = rows.find((r) => r.task === task && r.mode === 'full')?.pretrainLoss.median;
    const lora = rows.filter((r) => r.task === task && r.mode === 'lora' && r.targets === 'all');
    return `${task}: full fine-tuning ${full === undefined ? '–' : fmt(full, 3)}, LoRA ${lora.map((r) => `r = ${r.rank} ${fmt(r.pretrainLoss.median, 3)}`).join(', ')}`;
  });
  return `Loss on the base corpus' held-out sentences (base model ${base === undefined ? '–' : fmt(base, 3)}). ${per.join('; ')}.`;
}

/** The forgetting rows as a table. */
export function forgettingTable(rows: readonly ForgettingRow[]): DataTable {
  return {
    columns: ['task', 'run', 'rank', 'layers', 'runs', 'base corpus loss (median)', 'min', 'max'],
    rows: rows.map((r) => [
      r.task,
      r.mode,
      r.rank ?? '',
      r.targets ?? '',
      r.pretrainLoss.n,
      r.pretrainLoss.median,
      r.pretrainLoss.min,
      r.pretrainLoss.max,
    ]),
  };
}
