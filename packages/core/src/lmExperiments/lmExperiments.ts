import type { LmWeights } from '../lm/lmWeights.ts';
import type { World } from '../lm/world.ts';
import { factsCapacitySearch } from './factsCapacitySearch.ts';
import { fullSpectraSpecs } from './fullSpectraSpecs.ts';
import type { LmExperimentSettings } from './lmExperimentSettings.ts';
import { type LmRunResult, type LmRunSpec, lmRun } from './lmRun.ts';
import { rankSweepSpecs } from './rankSweepSpecs.ts';
import { runKey } from './runKey.ts';
import { scalingSpecs } from './scalingSpecs.ts';

/** The experiments ({@link lmExperiments} runs them in the order fullSpectra, rankSweep, capacity, scaling). */
export type LmExperimentName = 'fullSpectra' | 'rankSweep' | 'scaling' | 'capacity';

/** One step of {@link lmExperiments}: a run an experiment needed, new or reused. */
export interface LmExperimentEvent {
  experiment: LmExperimentName;
  /** {@link runKey} of the run. */
  key: string;
  result: LmRunResult;
  /** True when an earlier experiment had already made this run (no time spent). */
  reused: boolean;
  /** Capacity runs: the rank searched. */
  capacityRank?: number;
  /** Index of this event and an upper bound on their number (the capacity search's length is not known in advance). */
  index: number;
  total: number;
}

/**
 * Runs the experiments one run at a time: (a) full fine-tunes with ΔW
 * spectra, (b) the LoRA rank sweep (all linear layers and attention only,
 * with full fine-tuning and the untrained model as references), (d) the
 * facts capacity search per rank, (c) α/r against α/√r over a small
 * learning-rate grid (in that order: the most informative first, for a
 * run that is stopped early). Forgetting (e) is measured in every run
 * (`pretrainLoss`). A generator: it yields after every run, so a caller
 * can time runs, report progress, write partial results, or stop; runs
 * that two experiments share are made once and yielded again with
 * `reused: true`. Deterministic from the settings' seeds. `known` runs
 * (by {@link runKey}, e.g. from an earlier, partial or smaller, run of the
 * script) are not made again: their events come with `reused: true`.
 *
 * @example
 * for (const e of lmExperiments(base, pretrainWorld(), settings)) console.log(e.experiment, e.key, e.result.heldoutLoss);
 */
export function* lmExperiments(
  base: LmWeights,
  world: World,
  settings: LmExperimentSettings,
  options: { known?: ReadonlyMap<string, LmRunResult> } = {},
): Generator<LmExperimentEvent, void, void> {
  const cache = new Map<string, LmRunResult>(options.known ?? []);
  const planned: [LmExperimentName, LmRunSpec[]][] = [
    ['fullSpectra', fullSpectraSpecs(settings)],
    ['rankSweep', rankSweepSpecs(settings)],
  ];
  const scaling = scalingSpecs(settings);
  const searchBound = Math.ceil(Math.log2(settings.capacityMax / settings.capacityStart)) + 1 + settings.capacityBisections;
  const total = planned.reduce((n, [, specs]) => n + specs.length, 0) + scaling.length + settings.capacityRanks.length * searchBound;
  let index = 0;
  const run = (spec: LmRunSpec): [string, LmRunResult, boolean] => {
    const key = runKey(spec);
    const hit = cache.get(key);
    if (hit) return [key, hit, true];
    const result = lmRun(base, world, spec);
    cache.set(key, result);
    return [key, result, false];
  };
  for (const [experiment, specs] of planned) {
    for (const spec of specs) {
      const [key, result, reused] = run(spec);
      yield { experiment, key, result, reused, index: index++, total };
    }
  }
  for (const rank of settings.capacityRanks) {
    const search = factsCapacitySearch(settings, rank);
    let step = search.next();
    while (!step.done) {
      const [key, result, reused] = run(step.value);
      yield { experiment: 'capacity', key, result, reused, capacityRank: rank, index: index++, total };
      step = search.next(result);
    }
  }
  for (const spec of scaling) {
    const [key, result, reused] = run(spec);
    yield { experiment: 'scaling', key, result, reused, index: index++, total };
  }
}
