// @lora-rank/core/io: validated safetensors and .npy headers, sliced reads of F64/F32/F16/BF16 matrices. This file only re-exports.

export type { BlobLike } from './BlobLike.ts';
export { FileFormatError } from './FileFormatError.ts';
export type { FloatDtype } from './decode.ts';
export { decodeBF16, decodeF16, decodeFloats } from './decode.ts';
export type { SafetensorsHeader, TensorInfo } from './safetensors.ts';
export { MAX_SAFETENSORS_HEADER, parseSafetensorsHeader, readSafetensorsHeader } from './safetensors.ts';
export { readNpyHeader } from './npy.ts';
export type { MatrixLocation, ReadMatrixOptions } from './readMatrix.ts';
export { readMatrix } from './readMatrix.ts';
export type { ReadMatricesItem, ReadMatricesOptions } from './readMatrices.ts';
export { readMatrices } from './readMatrices.ts';
export type { TensorToWrite } from './writeSafetensors.ts';
export { writeSafetensors } from './writeSafetensors.ts';
export type { DecodedSafetensors, DecodedTensor } from './readSafetensors.ts';
export { readSafetensors } from './readSafetensors.ts';
