import * as Comlink from 'comlink';
import { labSweep, type LabChunk, type LabConfig } from '../lib/labModel.ts';
import { trainedPoints, truncationPoints, type CapacityConfig, type CapacityPoint } from '../lib/capacityModel.ts';

/** How often the worker sends progress: about a display frame at 20 Hz, never per step. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * What the training-lab worker exposes. `sweep` trains every run of the
 * config and streams the metrics to `onProgress` in batches (at most every
 * {@link PROGRESS_INTERVAL_MS}, and once at the end); it resolves with the
 * number of steps done. Cancelling is the client's job: it terminates this
 * worker when a newer sweep replaces a running one.
 */
export const labApi = {
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

  /**
   * The capacity experiment: sends the truncation curves first (one SVD per
   * task), then each trained adapter's point as soon as it is trained;
   * resolves with the number of points.
   */
  capacity(config: CapacityConfig, onPoints: (points: CapacityPoint[]) => void): number {
    const first = truncationPoints(config);
    onPoints(first);
    let count = first.length;
    for (const point of trainedPoints(config)) {
      onPoints([point]);
      count += 1;
    }
    return count;
  },
};

export type LabApi = typeof labApi;
