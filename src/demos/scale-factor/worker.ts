import type { FirstOrderCurve } from '@lora-rank/core/train';
import { firstStepCurves, scaleCurves, type FirstStepRequest, type ScalePoint } from './model.ts';

/** The scale-factor demo's worker methods (registered in workers/compute.worker.ts). */
export const scaleMethods = {
  scaleCurves(alpha: number): ScalePoint[] {
    return scaleCurves(alpha);
  },
  firstStepCurves(req: FirstStepRequest): FirstOrderCurve[] {
    return firstStepCurves(req);
  },
};

export type ScaleMethods = typeof scaleMethods;
