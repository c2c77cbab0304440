import { scaleCurves, type ScalePoint } from './model.ts';

/** The scale-factor demo's worker method (registered in workers/compute.worker.ts). */
export const scaleMethods = {
  scaleCurves(alpha: number): ScalePoint[] {
    return scaleCurves(alpha);
  },
};

export type ScaleMethods = typeof scaleMethods;
