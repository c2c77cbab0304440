import * as Comlink from 'comlink';
import { computeSpectrum, type SpectrumRequest, type SpectrumResult } from './model.ts';

/** The Spectrum Explorer's worker method (registered in workers/compute.worker.ts). */
export const spectrumMethods = {
  spectrum(req: SpectrumRequest): SpectrumResult {
    const result = computeSpectrum(req);
    // The buffers move to the page instead of being copied.
    return Comlink.transfer(result, [result.s.buffer, result.energy.buffer, result.planted.buffer] as ArrayBuffer[]);
  },
};

export type SpectrumMethods = typeof spectrumMethods;
