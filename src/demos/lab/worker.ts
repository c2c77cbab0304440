import * as Comlink from 'comlink';
import { labSweep, type LabChunk, type LabConfig } from './model.ts';

/** How often the worker sends progress: about a display frame at 20 Hz, never per step. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * The training lab's worker method (registered in workers/lab.worker.ts). `sweep` trains every run of the
 * config and streams the metrics to `onProgress` in batches (at most every
 * {@link PROGRESS_INTERVAL_MS}, and once at the end); it resolves with the
 * number of steps done. Cancelling is the client's job: it terminates this
 * worker when a newer sweep replaces a running one.
 */
export const labMethods = {
  sweep(config: LabConfig, onProgress: (chunks: LabChunk[]) => void): number {
    let pending: LabChunk[] = [];
    let last = performance.now();
    let steps = 0;
    const flush = () => {
      if (pending.length === 0) return;
      const buffers = pending.flatMap((c) => [c.loss.buffer, c.gradNormA.buffer, c.gradNormB.buffer, c.deltaNorm.buffer]);
      onProgress(Comlink.transfer(pending, buffers as ArrayBuffer[]));
      pending = [];
      last = performance.now();
    };
    for (const chunks of labSweep(config, 5)) {
      pending.push(...chunks);
      steps += chunks[0]?.loss.length ?? 0;
      if (performance.now() - last >= PROGRESS_INTERVAL_MS) flush();
    }
    flush();
    return steps;
  },
};

export type LabMethods = typeof labMethods;
