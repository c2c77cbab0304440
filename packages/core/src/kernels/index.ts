// The compute kernels' public controls: which backend runs the matrix
// products, and ahead-of-time compilation. This file only re-exports.

export type { KernelBackend, KernelBackendChoice } from './kernelBackend.ts';
export { setKernelBackend, kernelBackend, initKernels } from './kernelBackend.ts';
