// Linear algebra on row-major Float64Array matrices: helpers, QR, SVD, rank, randomized SVD. This file only re-exports.

export type { Matrix } from './matrix.ts';
export { matrix, zeros, identity, fromRows, toRows } from './matrix.ts';
export { matmul } from './matmul.ts';
export { transpose } from './transpose.ts';
export { frobeniusNorm } from './frobeniusNorm.ts';
export { add } from './add.ts';
export { sub } from './sub.ts';
export { scale } from './scale.ts';
export { linspace } from './linspace.ts';
export { qr } from './qr.ts';
export type { SvdOptions, SvdResult } from './svd.ts';
export { svd } from './svd.ts';
export { matrixRank } from './matrixRank.ts';
export type { RandomizedSvdOptions, RandomizedSvdResult } from './randomizedSvd.ts';
export { randomizedSvd } from './randomizedSvd.ts';
