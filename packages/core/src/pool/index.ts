// Work over several cores: a pool of compute workers that split large
// products by blocks of rows, and the handler those workers run. DOM-free;
// the transports are Web Workers or Node worker_threads. This file only
// re-exports.

export type { WorkerTransport } from './transport.ts';
export type { KernelPool } from './createKernelPool.ts';
export { createKernelPool } from './createKernelPool.ts';
export { serveKernels } from './serveKernels.ts';
export { suggestedPoolSize } from './suggestedPoolSize.ts';
