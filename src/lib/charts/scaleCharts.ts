import * as Plot from '@observablehq/plot';
import type { DataTable } from '../csv.ts';
import type { ScalePoint } from '../scaleModel.ts';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, fmt, CHART_STYLE } from './chartFrame.ts';

interface Series {
  key: keyof Omit<ScalePoint, 'r'>;
  label: string;
  stroke: string;
  dash?: string;
}

function logLog(points: ScalePoint[], series: Series[], yLabel: string): Plot.PlotOptions {
  const data = series.flatMap((s) => points.map((p) => ({ r: p.r, y: p[s.key], label: s.label })));
  const last = points.at(-1);
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    marginLeft: 56,
    marginRight: 110,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { type: 'log', label: 'rank r →', base: 2, tickFormat: (d: number) => String(d) },
    y: { type: 'log', label: yLabel, grid: true, tickFormat: (d: number) => fmt(d) },
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
      ...(last
        ? series.map((s, i) =>
            Plot.text([{ r: last.r, y: last[s.key], label: s.label }], {
              x: 'r',
              y: 'y',
              text: 'label',
              dx: 6,
              dy: labelOffsets(series.map((t) => last[t.key]))[i],
              textAnchor: 'start',
              fill: s.stroke,
              fontWeight: 600,
            }),
          )
        : []),
    ],
  };
}

/**
 * Vertical offsets (px) for end labels, so that series ending at the same
 * value (SGD with α/√r and Adam with α/r both stay at 1) do not print on top
 * of each other: labels within 10 % of each other are fanned out 12 px apart.
 */
export function labelOffsets(values: number[]): number[] {
  const out = values.map(() => 0);
  const done = new Set<number>();
  values.forEach((v, i) => {
    if (done.has(i)) return;
    const group = values.map((_, j) => j).filter((j) => !done.has(j) && Math.abs(Math.log(values[j]! / v)) < Math.log(1.1));
    group.forEach((j, k) => {
      out[j] = (k - (group.length - 1) / 2) * 12;
      done.add(j);
    });
  });
  return out;
}

/** γ = α/r and α/√r against r, log–log. */
export function scaleChart(points: ScalePoint[]): Plot.PlotOptions {
  return logLog(
    points,
    [
      { key: 'standard', label: 'α/r', stroke: COLORS.primary },
      { key: 'rslora', label: 'α/√r', stroke: COLORS.secondary },
    ],
    '↑ scale γ',
  );
}

/** Relative first-step size against r: SGD (γ²r) and Adam (γr), each scaling, log–log. */
export function stepSizeChart(points: ScalePoint[]): Plot.PlotOptions {
  return logLog(
    points,
    [
      { key: 'sgdStandard', label: 'SGD, α/r', stroke: COLORS.primary },
      { key: 'sgdRslora', label: 'SGD, α/√r', stroke: COLORS.secondary },
      { key: 'adamStandard', label: 'Adam, α/r', stroke: COLORS.primary, dash: '5 4' },
      { key: 'adamRslora', label: 'Adam, α/√r', stroke: COLORS.secondary, dash: '5 4' },
    ],
    '↑ first-step size, relative to r = 1',
  );
}

/** The curves as a table. */
export function scaleTable(points: ScalePoint[]): DataTable {
  return {
    columns: ['r', 'alpha/r', 'alpha/sqrt(r)', 'SGD step, alpha/r', 'SGD step, alpha/sqrt(r)', 'Adam step, alpha/r', 'Adam step, alpha/sqrt(r)'],
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
