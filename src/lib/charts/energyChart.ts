import * as Plot from '@observablehq/plot';
import type { DataTable } from '../csv.ts';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, fmt, CHART_STYLE } from './chartFrame.ts';

export interface EnergyChartInput {
  /** energy[i] = share of the squared Frobenius norm in the top i + 1 singular values. */
  energy: ArrayLike<number>;
  rank90: number;
  rank99: number;
}

/** The curve as Plot data, starting from (0, 0) so the first step is visible. */
export function energyPoints(energy: ArrayLike<number>): { r: number; share: number }[] {
  const out = [{ r: 0, share: 0 }];
  for (let j = 0; j < energy.length; j++) out.push({ r: j + 1, share: energy[j]! });
  return out;
}

/** A one-paragraph text alternative for the energy chart. */
export function describeEnergy({ energy, rank90, rank99 }: EnergyChartInput): string {
  const n = energy.length;
  const at = (r: number) => `${fmt(100 * energy[Math.min(r, n) - 1]!, 3)} % at r = ${r}`;
  const marks = [1, 4, 8, 16, 64].filter((r) => r <= n).map(at).join(', ');
  return `Energy captured by the best rank-r approximation: ${marks}. 90 % needs r = ${rank90}; 99 % needs r = ${rank99} of ${n}.`;
}

/**
 * Plot options for the energy-captured curve: the share of ‖ΔW‖²_F kept by
 * the best rank-r approximation (Eckart-Young), with the 90 % and 99 %
 * thresholds and the ranks that reach them.
 */
export function energyChart({ energy, rank90, rank99 }: EnergyChartInput): Plot.PlotOptions {
  const points = energyPoints(energy);
  const thresholds = [
    { share: 0.9, r: rank90, label: `90 % at r = ${rank90}` },
    { share: 0.99, r: rank99, label: `99 % at r = ${rank99}` },
  ];
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    marginLeft: 56,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { label: 'rank r →', domain: [0, Math.max(1, energy.length)] },
    y: { label: '↑ energy captured (%)', domain: [0, 100], grid: true, percent: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY(thresholds, { y: 'share', stroke: COLORS.muted, strokeDasharray: '4 3' }),
      Plot.line(points, { x: 'r', y: 'share', stroke: COLORS.primary, strokeWidth: 2, curve: 'step-after' }),
      Plot.dot(thresholds, { x: 'r', y: 'share', fill: COLORS.secondary, r: 4 }),
      // The 99 % label sits below its rule and the 90 % label above, so they never collide.
      ...thresholds.map((t) =>
        Plot.text([t], { x: 'r', y: 'share', text: 'label', dx: 8, dy: t.share > 0.95 ? 12 : -10, textAnchor: 'start', fill: 'currentColor' }),
      ),
    ],
  };
}

/** The energy curve as a table: rank r and the share captured (as a fraction). */
export function energyTable(energy: ArrayLike<number>): DataTable {
  return { columns: ['r', 'energy captured'], rows: Array.from({ length: energy.length }, (_, j) => [j + 1, energy[j]!]) };
}
