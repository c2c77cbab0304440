/**
 * The default runs of the training lab and the capacity experiment, computed
 * once per build (the static charts and the prose's numbers share them).
 */
import { runLab, type LabData } from '../demos/lab/model.ts';
import { labDefaults, labRanks } from '../demos/lab/params.ts';
import { capacityExperiment, type CapacityPoint } from '../demos/capacity/model.ts';
import { capacityDefaults } from '../demos/capacity/params.ts';

import { runLrSweep, type LrRun } from '../demos/lr-sweep/model.ts';
import { lrSweepConfig, lrSweepDefaults } from '../demos/lr-sweep/params.ts';

let lab: LabData | null = null;
let lrRuns: LrRun[] | null = null;
let capacity: CapacityPoint[] | null = null;

/** The lab's default sweep. */
export function defaultLab(): LabData {
  lab ??= runLab({ ...labDefaults, ranks: labRanks(labDefaults) });
  return lab;
}

/** The capacity experiment at its defaults. */
export function defaultCapacity(): CapacityPoint[] {
  capacity ??= capacityExperiment(capacityDefaults);
  return capacity;
}

/** The learning-rate sweep at its defaults. */
export function defaultLrSweep(): LrRun[] {
  lrRuns ??= runLrSweep(lrSweepConfig(lrSweepDefaults));
  return lrRuns;
}
