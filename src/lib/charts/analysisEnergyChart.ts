import * as Plot from '@observablehq/plot';
import type { SpectrumAnalysis } from '@lora-rank/core';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, fmt, CHART_STYLE } from './chartFrame.ts';
import { energyChart, energyPoints } from './energyChart.ts';

/**
 * The energy curve of an analyzed matrix. With a full spectrum it is the
 * explorer's chart; with only the top k values it stops at k (shares up to k
 * are exact) and says which thresholds lie beyond.
 */
export function analysisEnergyChart(a: SpectrumAnalysis): Plot.PlotOptions {
  if (a.rank90 !== null && a.rank99 !== null) return energyChart({ energy: a.energy, rank90: a.rank90, rank99: a.rank99 });
  const k = a.s.length;
  const thresholds = [
    { share: 0.9, r: a.rank90, label: a.rank90 === null ? `90 % needs r > ${k}` : `90 % at r = ${a.rank90}` },
    { share: 0.99, r: a.rank99, label: a.rank99 === null ? `99 % needs r > ${k}` : `99 % at r = ${a.rank99}` },
  ];
  const reached = thresholds.filter((t) => t.r !== null);
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    marginLeft: 56,
    marginBottom: 40,
    style: CHART_STYLE,
    x: { label: `rank r → (top ${k} of ${Math.min(a.rows, a.cols)} computed)`, domain: [0, Math.max(1, k)] },
    y: { label: '↑ energy captured (%)', domain: [0, 100], grid: true, percent: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.rule }),
      Plot.ruleY(thresholds, { y: 'share', stroke: COLORS.muted, strokeDasharray: '4 3' }),
      Plot.line(energyPoints(a.energy), { x: 'r', y: 'share', stroke: COLORS.primary, strokeWidth: 2, curve: 'step-after' }),
      Plot.dot(reached, { x: 'r', y: 'share', fill: COLORS.secondary, r: 4 }),
      ...thresholds.map((t) =>
        Plot.text([t], {
          x: () => (t.r ?? k),
          y: 'share',
          text: 'label',
          dx: t.r === null ? -4 : 8,
          dy: t.share > 0.95 ? 12 : -10,
          textAnchor: t.r === null ? 'end' : 'start',
          fill: 'currentColor',
        }),
      ),
    ],
  };
}

/** A text alternative for the energy chart of an analyzed matrix. */
export function describeAnalysisEnergy(a: SpectrumAnalysis): string {
  const k = a.s.length;
  const shares = a.energyAt.map((e) => `${e.share === null ? 'unknown' : `${fmt(100 * e.share)} %`} at r = ${e.r}`).join(', ');
  const r90 = a.rank90 === null ? `more than ${k}` : String(a.rank90);
  const r99 = a.rank99 === null ? `more than ${k}` : String(a.rank99);
  return `Energy captured by the best rank-r approximation: ${shares}. 90 % needs r = ${r90}; 99 % needs r = ${r99}.`;
}
