import * as Plot from '@observablehq/plot';
import type { DataTable } from '../../runtime/csv.ts';
import type { ScalePoint } from './model.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide, textWidth } from '../../runtime/charts/chartFrame.ts';
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

/** Relative first-step size against r: SGD (γ²r) and Adam (γr), each scaling, log–log. */
export function stepSizeChart(points: ScalePoint[], size: ChartSize): Plot.PlotOptions {
  return logLog(
    points,
    [
      { key: 'sgdStandard', label: 'SGD, α/r', stroke: COLORS.primary },
      { key: 'sgdRslora', label: 'SGD, α/√r', stroke: COLORS.secondary },
      { key: 'adamStandard', label: 'Adam, α/r', stroke: COLORS.primary, dash: '5 4' },
      { key: 'adamRslora', label: 'Adam, α/√r', stroke: COLORS.secondary, dash: '5 4' },
    ],
    '↑ first-step size, relative to r = 1',
    size,
  );
}

/** The curves as a table. */
export function scaleTable(points: ScalePoint[]): DataTable {
  return {
    columns: [
      'r',
      'alpha/r',
      'alpha/sqrt(r)',
      'SGD step, alpha/r',
      'SGD step, alpha/sqrt(r)',
      'Adam step, alpha/r',
      'Adam step, alpha/sqrt(r)',
    ],
    rows: points.map((p) => [p.r, p.standard, p.rslora, p.sgdStandard, p.sgdRslora, p.adamStandard, p.adamRslora]),
  };
}

/** Text alternatives for both charts. */
export function describeScale(points: ScalePoint[], alpha: number): { scale: string; steps: string } {
  const pick = points.filter((p) => [1, 8, 64, 512].includes(p.r));
  return {
    scale: `With lora_alpha = ${alpha}: ${pick.map((p) => `r = ${p.r}: α/r = ${fmt(p.standard)}, α/√r = ${fmt(p.rslora)}`).join('; ')}.`,
    steps: `Relative first-step size: ${pick
      .map(
        (p) =>
          `r = ${p.r}: SGD ${fmt(p.sgdStandard)} (α/r) and ${fmt(p.sgdRslora)} (α/√r), Adam ${fmt(p.adamStandard)} (α/r) and ${fmt(p.adamRslora)} (α/√r)`,
      )
      .join('; ')}.`,
  };
}
