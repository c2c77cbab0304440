// The public API of @lora-rank/core: linear algebra (and the choice of its
// kernels' backend), NumPy-compatible random numbers and spectra. The
// article's generators, the training lab and file reading are subpath exports (`@lora-rank/core/experiments`, `/train`, `/io`).
// This file only re-exports.

export * from './linalg/index.ts';
export * from './kernels/index.ts';
export * from './random/index.ts';
export * from './spectra/index.ts';
