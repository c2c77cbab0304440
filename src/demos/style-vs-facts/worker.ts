import * as Comlink from 'comlink';
import { styleVsFacts, type StyleVsFacts } from './model.ts';

/** The style-versus-facts demo's worker method (registered in workers/compute.worker.ts). */
export const styleVsFactsMethods = {
  styleVsFacts(seed: number): StyleVsFacts {
    const result = styleVsFacts(seed);
    const buffers = [result.style, result.facts].flatMap((u) => [u.s.buffer, u.energy.buffer, u.error.buffer]);
    return Comlink.transfer(result, buffers as ArrayBuffer[]);
  },
};

export type StyleVsFactsMethods = typeof styleVsFactsMethods;
