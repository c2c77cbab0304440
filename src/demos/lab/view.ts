import type { ChartBuilder } from '../../runtime/charts/chartFrame.ts';
import type { DataTable, TableSource } from '../../runtime/csv.ts';
import type { LabData } from './model.ts';
import { divergenceNote, labSeries, type LabSeries } from './summary.ts';
import { curvesChart, curvesTable, describeLab, finalLossChart, firstStepChart, seriesTable } from './charts.ts';

/** What the lab prints before its first live result: JSON-safe, computed at build time. */
export interface LabView {
  series: LabSeries[];
  text: ReturnType<typeof describeLab>;
}

export function labView(data: LabData): LabView {
  const series = labSeries(data);
  return { series, text: describeLab(data, series) };
}

/** What the lab shows while a sweep streams in: the charts' builders, tables and texts. */
export interface LabCharts {
  series: LabSeries[];
  text: LabView['text'];
  curves: ChartBuilder;
  grads: ChartBuilder | null;
  first: ChartBuilder | null;
  final: ChartBuilder | null;
  /** Every run's every step: built only when the table is opened or downloaded. */
  curvesTable: TableSource;
  seriesTable: DataTable;
  diverged: string;
  /** How many first-step laws the `first` chart was drawn with. */
  lawCount: number;
}

/**
 * The lab's charts after its `frame`-th publication. While results stream
 * in, the loss curves redraw every time, the gradient curves every other
 * time, the first-step chart once all the laws are in, the final-loss chart every third time
 * (a chart whose builder is unchanged is not redrawn), so the main thread
 * stays free for the reader's controls; the final publication redraws all.
 * The builders read `data` when they draw (a frame or two later, by then
 * perhaps with more steps).
 */
export function nextLabCharts(data: LabData, previous: LabCharts | null, frame: number, final: boolean): LabCharts {
  const series = labSeries(data);
  // The first-step chart (a hundred-odd dots) is drawn once every series' law is in, not as each arrives.
  const lawCount = data.laws.length;
  const lawsChanged = lawCount > 0 && (final || (lawCount === series.length && lawCount !== previous?.lawCount));
  return {
    series,
    text: describeLab(data, series),
    curves: (size) => curvesChart(data, 'loss', size),
    grads: final || frame % 2 === 1 || !previous ? (size) => curvesChart(data, 'gradNormB', size) : previous.grads,
    first: lawsChanged ? (size) => firstStepChart(series, size) : (previous?.first ?? null),
    final: final || frame % 3 === 1 ? (size) => finalLossChart(series, size) : (previous?.final ?? null),
    curvesTable: () => curvesTable(data),
    seriesTable: seriesTable(series),
    diverged: divergenceNote(data),
    lawCount: lawsChanged ? lawCount : (previous?.lawCount ?? 0),
  };
}
