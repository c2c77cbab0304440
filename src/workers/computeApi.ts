import * as Comlink from 'comlink';
import { computeSpectrum, type SpectrumRequest, type SpectrumResult } from '../lib/spectrumModel.ts';

/**
 * What the compute worker exposes. Each method is a thin wrapper around a
 * pure function of the core: the worker adds nothing but the transfer of the
 * result's buffers (moved to the page, not copied).
 */
export const computeApi = {
  spectrum(req: SpectrumRequest): SpectrumResult {
    const result = computeSpectrum(req);
    return Comlink.transfer(result, [result.s.buffer, result.energy.buffer, result.planted.buffer] as ArrayBuffer[]);
  },
};

export type ComputeApi = typeof computeApi;
