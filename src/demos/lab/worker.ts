import * as Comlink from 'comlink';
import { labSweep, type LabConfig, type LabUpdate } from './model.ts';

/** How often the worker sends progress: about a display frame at 20 Hz, never per step. */
export const PROGRESS_INTERVAL_MS = 50;

/** The typed arrays of a batch of updates, to transfer rather than copy. */
function buffersOf(updates: LabUpdate[]): ArrayBuffer[] {
  return updates.flatMap((u) =>
    u.chunks.flatMap((c) => [
      c.loss.buffer,
      c.gradNormA.buffer,
      c.gradNormB.buffer,
      c.deltaNorm.buffer,
      ...(c.twinGap ? [c.twinGap.buffer] : []),
    ]),
  ) as ArrayBuffer[];
}

/**
 * The training lab's worker method (registered in workers/lab.worker.ts).
 * `sweep` trains every run of the config and streams its updates (chunks of
 * metrics, the floor, the first-step laws) to `onProgress` in batches (at
 * most every {@link PROGRESS_INTERVAL_MS}, and once at the end); it resolves
 * with the number of steps done. Cancelling is the client's job: it
 * terminates this worker when a newer sweep replaces a running one.
 */
export const labMethods = {
  sweep(config: LabConfig, onProgress: (updates: LabUpdate[]) => void): number {
    let pending: LabUpdate[] = [];
    let last = performance.now();
    let steps = 0;
    const flush = () => {
      if (pending.length === 0) return;
      onProgress(Comlink.transfer(pending, buffersOf(pending)));
      pending = [];
      last = performance.now();
    };
    for (const update of labSweep(config, 5)) {
      pending.push(update);
      steps += update.chunks[0]?.loss.length ?? 0;
      // The floor and the laws are worth showing at once.
      if (update.floor || update.laws || performance.now() - last >= PROGRESS_INTERVAL_MS) flush();
    }
    flush();
    return steps;
  },
};

export type LabMethods = typeof labMethods;
