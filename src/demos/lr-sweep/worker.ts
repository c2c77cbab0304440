import { lrSweep, type LrRun, type LrSweepConfig } from './model.ts';

/** The learning-rate sweep's worker method (registered in workers/lab.worker.ts). */
export const lrSweepMethods = {
  /**
   * Trains the sweep and sends each run to `onRun` as soon as it finishes
   * (one message per run: the shortest take a few milliseconds, the longest
   * about a tenth of a second); resolves with the number of runs. Cancelling
   * is the client's job: it terminates this worker when a newer sweep
   * replaces a running one.
   */
  lrSweep(config: LrSweepConfig, onRun: (run: LrRun) => void): number {
    let count = 0;
    for (const run of lrSweep(config)) {
      onRun(run);
      count += 1;
    }
    return count;
  },
};

export type LrSweepMethods = typeof lrSweepMethods;
