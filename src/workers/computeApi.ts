import * as Comlink from 'comlink';
import { computeSpectrum, type SpectrumRequest, type SpectrumResult } from '../lib/spectrumModel.ts';
import { experimentTables, styleVsFacts, type ExperimentTables, type StyleVsFacts } from '../lib/experimentModel.ts';
import { scaleCurves, type ScalePoint } from '../lib/scaleModel.ts';

/**
 * What the compute worker exposes. Each method is a thin wrapper around a
 * pure function of the core or of src/lib: the worker adds nothing but the
 * transfer of the result's buffers (moved to the page, not copied).
 */
export const computeApi = {
  spectrum(req: SpectrumRequest): SpectrumResult {
    const result = computeSpectrum(req);
    return Comlink.transfer(result, [result.s.buffer, result.energy.buffer, result.planted.buffer] as ArrayBuffer[]);
  },

  styleVsFacts(seed: number): StyleVsFacts {
    const result = styleVsFacts(seed);
    const buffers = [result.style, result.facts].flatMap((u) => [u.s.buffer, u.energy.buffer, u.error.buffer]);
    return Comlink.transfer(result, buffers as ArrayBuffer[]);
  },

  experimentTables(seed: number, alpha: number): ExperimentTables {
    return experimentTables(seed, alpha);
  },

  scaleCurves(alpha: number): ScalePoint[] {
    return scaleCurves(alpha);
  },
};

export type ComputeApi = typeof computeApi;
