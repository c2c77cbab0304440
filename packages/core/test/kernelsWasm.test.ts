import { describe, expect, it } from 'vitest';
import { assembleKernels, kernelsModuleSource } from '../scripts/assembleWasm.ts';
import { KERNELS_WASM_BASE64 } from '../src/kernels/kernelsWasm.ts';
import { readFileSync } from 'node:fs';

describe('kernelsWasm.ts (committed bytes)', () => {
  it('is exactly what kernels.wat assembles to (run `npm run wasm -w @lora-rank/core` after editing the WAT)', async () => {
    const bytes = await assembleKernels();
    expect(KERNELS_WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
    const committed = readFileSync(new URL('../src/kernels/kernelsWasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(kernelsModuleSource(bytes));
  });
});
