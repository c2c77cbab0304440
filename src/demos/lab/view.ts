import type { LabData } from './model.ts';
import { labSeries, type LabSeries } from './summary.ts';
import { describeLab } from './charts.ts';

/** What the lab prints before its first live result: JSON-safe, computed at build time. */
export interface LabView {
  series: LabSeries[];
  text: ReturnType<typeof describeLab>;
}

export function labView(data: LabData): LabView {
  const series = labSeries(data);
  return { series, text: describeLab(data, series) };
}
