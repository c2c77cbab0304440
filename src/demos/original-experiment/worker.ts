import { experimentTables, type ExperimentTables } from './model.ts';

/** The original experiment's worker method (registered in workers/compute.worker.ts). */
export const experimentMethods = {
  experimentTables(seed: number, alpha: number): ExperimentTables {
    return experimentTables(seed, alpha);
  },
};

export type ExperimentMethods = typeof experimentMethods;
