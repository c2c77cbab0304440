import type { Matrix, RandomizedSvdOptions, RandomizedSvdResult } from '@lora-rank/core';
import { createKernelPool, serveKernels, type WorkerTransport } from '@lora-rank/core/pool';

/** A MessagePort's `start` and `close`, where the transport has them (a Node port needs neither). */
type Port = WorkerTransport & { start?(): void; close?(): void };

/**
 * The core's randomized SVD with A's rows split between this worker and the
 * `helpers` (ports to other workers' `serveKernels`): each keeps its block
 * resident, and only the skinny matrices travel, by transfer (no
 * SharedArrayBuffer, which GitHub Pages' headers do not allow). This
 * worker's own block is served through a channel to itself, answered
 * between the steps it drives. Same results as `randomizedSvd(a, options)`
 * to rounding. The ports are closed afterwards.
 */
export async function pooledRandomizedSvd(
  a: Matrix,
  options: RandomizedSvdOptions,
  helpers: readonly WorkerTransport[],
): Promise<RandomizedSvdResult> {
  const { port1, port2 } = new MessageChannel();
  serveKernels(port1);
  const ports: Port[] = [port1, port2, ...helpers];
  const pool = createKernelPool([port2, ...helpers]);
  // Web MessagePorts deliver nothing to addEventListener listeners until started.
  for (const p of ports) p.start?.();
  try {
    return await pool.randomizedSvd(a, options);
  } finally {
    for (const p of ports) p.close?.();
  }
}
