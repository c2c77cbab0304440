import type { LabData } from './labModel.ts';
import { labSeries, type LabSeries } from './labSummary.ts';
import { describeLab } from './charts/labCharts.ts';

/** What the lab prints before its first live result: JSON-safe, computed at build time. */
export interface LabView {
  series: LabSeries[];
  text: ReturnType<typeof describeLab>;
}

export function labView(data: LabData): LabView {
  const series = labSeries(data);
  return { series, text: describeLab(data, series) };
}
