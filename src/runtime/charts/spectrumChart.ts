import * as Plot from '@observablehq/plot';
import type { DataTable } from '../csv.ts';
import { type ChartSize, COLORS, CHART_STYLE, fmt, isWide } from './chartFrame.ts';
import { logScale } from './logAxis.ts';

export interface SpectrumChartInput {
  /** Singular values, descending. */
  s: ArrayLike<number>;
  /** Planted singular values (before noise), drawn for comparison. */
  planted?: ArrayLike<number>;
  scale: 'linear' | 'log';
}

/** Points of a spectrum as Plot data: index i (1-based) and value. Zeros are dropped on a log axis. */
export function spectrumPoints(s: ArrayLike<number>, scale: 'linear' | 'log'): { i: number; sigma: number }[] {
  const out: { i: number; sigma: number }[] = [];
  for (let j = 0; j < s.length; j++) {
    const sigma = s[j]!;
    if (scale === 'log' && !(sigma > 0)) continue;
    out.push({ i: j + 1, sigma });
  }
  return out;
}

/** A one-paragraph text alternative for the spectrum chart. */
export function describeSpectrum(s: ArrayLike<number>): string {
  const n = s.length;
  if (n === 0) return 'No singular values.';
  const top = Array.from({ length: Math.min(n, 8) }, (_, j) => fmt(s[j]!)).join(', ');
  return `${n} singular values, from ${fmt(s[0]!)} down to ${fmt(s[n - 1]!)}. The largest ${Math.min(n, 8)}: ${top}.`;
}

/**
 * Plot options for the singular value spectrum: σᵢ against i, as dots joined
 * by a line, with the planted (noise-free) values as hollow rings. A log axis
 * is labelled 0.1, 0.01, 10⁻³ … (never SI prefixes).
 */
export function spectrumChart({ s, planted, scale }: SpectrumChartInput, size: ChartSize): Plot.PlotOptions {
  const points = spectrumPoints(s, scale);
  const plantedPoints = planted ? spectrumPoints(planted, scale) : [];
  const y: Plot.ScaleOptions =
    scale === 'log'
      ? logScale(
          [...points, ...plantedPoints].map((p) => p.sigma),
          isWide(size) ? 6 : 5,
        )
      : { type: 'linear', nice: true, domain: [0, Math.max(1e-12, s[0] ?? 0, ...plantedPoints.map((p) => p.sigma)) * 1.05] };
  const dense = s.length > 128 || (!isWide(size) && s.length > 64);
  return {
    marginTop: 20,
    marginRight: 12,
    marginBottom: 36,
    marginLeft: 48,
    style: CHART_STYLE,
    x: { label: 'index i →', domain: [0.5, Math.max(1, s.length) + 0.5], grid: false },
    y: { label: '↑ singular value σᵢ', grid: true, ...y },
    marks: [
      ...(scale === 'linear' ? [Plot.ruleY([0], { stroke: COLORS.rule })] : []),
      Plot.line(points, { x: 'i', y: 'sigma', stroke: COLORS.primary, strokeWidth: 1.5 }),
      Plot.dot(points, { x: 'i', y: 'sigma', fill: COLORS.primary, r: dense ? 1.5 : 2.5 }),
      Plot.dot(plantedPoints, { x: 'i', y: 'sigma', stroke: COLORS.secondary, r: 4.5, strokeWidth: 1.5 }),
    ],
  };
}

/** The spectrum as a table: index, singular value and (where planted) the value before noise. */
export function spectrumTable(s: ArrayLike<number>, planted: ArrayLike<number> = []): DataTable {
  const rows: (number | string)[][] = [];
  for (let j = 0; j < s.length; j++) rows.push([j + 1, s[j]!, j < planted.length ? planted[j]! : '']);
  return { columns: ['i', 'singular value', 'planted value'], rows };
}
