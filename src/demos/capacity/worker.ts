import { trainedPoints, truncationPoints, type CapacityConfig, type CapacityPoint } from './model.ts';

/** The capacity experiment's worker method (registered in workers/lab.worker.ts). */
export const capacityMethods = {
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

export type CapacityMethods = typeof capacityMethods;
