import { describe, expect, it } from 'vitest';
import { renderStaticChart } from '../../../src/build/renderStaticChart.ts';
import { defaultCapacity, defaultLab, defaultLrSweep } from '../../../src/build/defaultRuns.ts';
import type { ChartBuilder, ChartHeights } from '../../../src/runtime/charts/chartFrame.ts';
import { spectrumChart } from '../../../src/runtime/charts/spectrumChart.ts';
import { energyChart } from '../../../src/runtime/charts/energyChart.ts';
import { computeSpectrum } from '../../../src/demos/spectrum/model.ts';
import { spectrumDefaults } from '../../../src/demos/spectrum/params.ts';
import { styleVsFacts } from '../../../src/demos/style-vs-facts/model.ts';
import { styleFactsDefaults } from '../../../src/demos/style-vs-facts/params.ts';
import { styleVsFactsCharts } from '../../../src/demos/style-vs-facts/charts.ts';
import { firstStepCurves, scaleCurves } from '../../../src/demos/scale-factor/model.ts';
import { scaleDefaults } from '../../../src/demos/scale-factor/params.ts';
import { firstOrderChart, scaleChart } from '../../../src/demos/scale-factor/charts.ts';
import { labSeries } from '../../../src/demos/lab/summary.ts';
import { curvePanels, curvesChart, curvesHeights, finalLossChart, firstStepChart } from '../../../src/demos/lab/charts.ts';
import { bitsChart, capacityChart } from '../../../src/demos/capacity/charts.ts';
import { bitsSummary, type CapacityFixture } from '../../../src/demos/capacity/bits.ts';
import capacity32 from '@lora-rank/core/data/retrieval-capacity.json' with { type: 'json' };
import capacity64 from '@lora-rank/core/data/retrieval-capacity-d64.json' with { type: 'json' };
import { capacityDefaults } from '../../../src/demos/capacity/params.ts';
import { lrSummaries } from '../../../src/demos/lr-sweep/model.ts';
import { lrSweepConfig, lrSweepDefaults } from '../../../src/demos/lr-sweep/params.ts';
import { bestLossChart, bestRateChart, lossByRateChart, rateHeights } from '../../../src/demos/lr-sweep/charts.ts';

// Every chart of the article, rendered at build time at both static sizes from its demo's
// default state, as Observable Plot's own tests do: an SVG snapshot with numbers rounded, so that a
// change in a chart builder shows up as a reviewable diff. Update with `npx vitest run -u`.

/** Rounds every number with more than two decimals (coordinates), so the snapshots ignore the last bits. */
const rounded = (svg: string) => svg.replace(/-?\d+\.\d{3,}/g, (x) => String(Number(Number(x).toFixed(2)))).replaceAll('><', '>\n<');

const spectrum = computeSpectrum(spectrumDefaults);
const svf = styleVsFactsCharts(styleVsFacts(styleFactsDefaults.seed));
const points = scaleCurves(scaleDefaults.alpha);
const firstStep = firstStepCurves(scaleDefaults);
const lab = defaultLab();
const series = labSeries(lab);
const panels = curvePanels(lab);
const labHeights = curvesHeights(panels.length, new Set(panels.map((p) => p.optimizer)).size);
const capacity = defaultCapacity();
const bits = [capacity32, capacity64].map((f) => bitsSummary(f as CapacityFixture));
const lrConfig = lrSweepConfig(lrSweepDefaults);
const lrRuns = defaultLrSweep();
const lrOptima = lrSummaries(lrRuns, lrConfig);

const charts: [string, ChartBuilder, ChartHeights?][] = [
  ['spectrum', (size) => spectrumChart({ s: spectrum.s, planted: spectrum.planted, scale: spectrumDefaults.scale }, size)],
  ['energy', (size) => energyChart(spectrum, size)],
  ['style-vs-facts-spectra', svf.spectra],
  ['style-vs-facts-energy', svf.energy],
  ['style-vs-facts-error', svf.error],
  ['scale-factor', (size) => scaleChart(points, size)],
  ['first-step-decrease', (size) => firstOrderChart(firstStep, size)],
  ['lab-loss-curves', (size) => curvesChart(lab, 'loss', size), labHeights],
  ['lab-gradient-norms', (size) => curvesChart(lab, 'gradNormB', size), labHeights],
  ['lab-first-step', (size) => firstStepChart(series, size)],
  ['lab-final-loss', (size) => finalLossChart(series, size)],
  ['capacity-relative-error', (size) => capacityChart(capacity, 'relativeError', capacityDefaults.n, size)],
  ['capacity-cosine', (size) => capacityChart(capacity, 'cosineShare', capacityDefaults.n, size)],
  ['capacity-retrieval', (size) => capacityChart(capacity, 'retrievalAccuracy', capacityDefaults.n, size)],
  ['capacity-bits', (size) => bitsChart(bits, size)],
  ['lr-sweep-best-rate', (size) => bestRateChart(lrOptima, size)],
  ['lr-sweep-best-loss', (size) => bestLossChart(lrOptima, size)],
  [
    'lr-sweep-runs',
    (size) => lossByRateChart(lrRuns, lrOptima, lrConfig.targets, lrConfig.ranks, size),
    rateHeights(lrConfig.targets.length),
  ],
];

describe("the article's static charts", () => {
  for (const [name, chart, heights] of charts) {
    it(`${name} renders as its snapshot, narrow and wide`, async () => {
      await expect(rounded(renderStaticChart(chart, heights))).toMatchFileSnapshot(`__snapshots__/${name}.svg.html`);
    });
  }
});
