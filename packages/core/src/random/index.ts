// NumPy's legacy random generator, bit for bit. This file only re-exports.

export { RandomState } from './RandomState.ts';
