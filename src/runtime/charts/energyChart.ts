import * as Plot from '@observablehq/plot';
import type { SpectrumAnalysis } from '@lora-rank/core';
import type { DataTable } from '../csv.ts';
import { type ChartSize, COLORS, CHART_STYLE, FONT_SIZE, fmt } from './chartFrame.ts';

export interface EnergyChartInput {
  /** energy[i] = share of the squared Frobenius norm in the top i + 1 singular values. */
  energy: ArrayLike<number>;
  /** Smallest r capturing 90 %; null when it lies beyond the values known. */
  rank90: number | null;
  /** Same for 99 %. */
  rank99: number | null;
  /**
   * min(rows, cols) when `energy` covers only the top values (a randomized
   * SVD of a large matrix): the x axis then says how many were computed.
   */
  total?: number;
}

/** The curve as Plot data, starting from (0, 0) so the first step is visible. */
export function energyPoints(energy: ArrayLike<number>): { r: number; share: number }[] {
  const out = [{ r: 0, share: 0 }];
  for (let j = 0; j < energy.length; j++) out.push({ r: j + 1, share: energy[j]! });
  return out;
}

/** "90 % at r = 6", or "90 % needs r > 64" when the threshold lies beyond the values known. */
export function thresholdLabel(percent: number, rank: number | null, known: number): string {
  return rank === null ? `${percent} % needs r > ${known}` : `${percent} % at r = ${rank}`;
}

/** A one-paragraph text alternative for the energy chart. */
export function describeEnergy({ energy, rank90, rank99, total }: EnergyChartInput): string {
  const n = energy.length;
  const at = (r: number) => `${fmt(100 * energy[Math.min(r, n) - 1]!, 3)} % at r = ${r}`;
  const marks = [1, 4, 8, 16, 64]
    .filter((r) => r <= n)
    .map(at)
    .join(', ');
  const of = total !== undefined && total > n ? `${total} (top ${n} computed)` : String(n);
  const need = (p: number, r: number | null) => (r === null ? `${p} % needs more than ${n}` : `${p} % needs r = ${r}`);
  return `Energy captured by the best rank-r approximation: ${marks}. ${need(90, rank90)}; ${need(99, rank99)} of ${of}.`;
}

/**
 * Plot options for the energy-captured curve: the share of ‖ΔW‖²_F kept by
 * the best rank-r approximation (Eckart–Young), with the 90 % and 99 %
 * levels, dots where the curve reaches them, and one two-line label.
 *
 * The label never collides with the curve or with itself: the curve is
 * concave (σ sorted descending) and lies above its chord, so when it ends
 * high (at least half the energy known) the corner under the chord, bottom
 * right, is empty; when it ends low (the top k of a flat spectrum), the top
 * half of the chart is.
 */
export function energyChart({ energy, rank90, rank99, total }: EnergyChartInput, size: ChartSize): Plot.PlotOptions {
  const k = energy.length;
  const truncated = total !== undefined && total > k;
  const points = energyPoints(energy);
  const levels = [
    { share: 0.9, r: rank90, label: thresholdLabel(90, rank90, k) },
    { share: 0.99, r: rank99, label: thresholdLabel(99, rank99, k) },
  ];
  const reached = levels.filter((t) => t.r !== null);
  const endsHigh = k === 0 || energy[k - 1]! >= 0.5;
  const lineHeight = FONT_SIZE + 4;
  const margin = { top: 20, right: 12, bottom: 36, left: 48 };
  // Below the 90 % rule: 15 % of the plot's height from its top.
  const belowRules = 0.15 * (size.height - margin.top - margin.bottom);
  const labels = endsHigh
    ? levels
        .slice()
        .reverse()
        .map((t, i) =>
          Plot.text([t.label], { frameAnchor: 'bottom-right', dx: -4, dy: -6 - i * lineHeight, textAnchor: 'end', fill: 'currentColor' }),
        )
    : levels.map((t, i) =>
        Plot.text([t.label], {
          frameAnchor: 'top-left',
          dx: 8,
          dy: belowRules + i * lineHeight,
          textAnchor: 'start',
          lineAnchor: 'top',
          fill: 'currentColor',
        }),
      );
  return {
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    style: CHART_STYLE,
    x: { label: truncated ? `rank r → (top ${k} of ${total} computed)` : 'rank r →', domain: [0, Math.max(1, k)] },
    y: { label: '↑ energy captured (%)', domain: [0, 100], grid: true, percent: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY(levels, { y: 'share', stroke: COLORS.muted, strokeDasharray: '4 3' }),
      Plot.line(points, { x: 'r', y: 'share', stroke: COLORS.primary, strokeWidth: 2, curve: 'step-after' }),
      Plot.dot(reached, { x: 'r', y: 'share', fill: COLORS.secondary, r: 4 }),
      ...labels,
    ],
  };
}

/** The energy curve as a table: rank r and the share captured (as a fraction). */
export function energyTable(energy: ArrayLike<number>): DataTable {
  return { columns: ['r', 'energy captured'], rows: Array.from({ length: energy.length }, (_, j) => [j + 1, energy[j]!]) };
}

/** The energy chart's input for a matrix of the analysis page (its spectrum may hold only the top values). */
export function analysisEnergyInput(a: SpectrumAnalysis): EnergyChartInput {
  return { energy: a.energy, rank90: a.rank90, rank99: a.rank99, total: Math.min(a.rows, a.cols) };
}
