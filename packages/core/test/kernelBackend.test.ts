import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { initKernels, kernelBackend, setKernelBackend } from '../src/index.ts';

const initial = kernelBackend(); // 'js' when the suite runs with LORA_RANK_KERNELS=js
afterEach(() => {
  setKernelBackend(initial);
});

describe('setKernelBackend / kernelBackend', () => {
  it('uses the WebAssembly kernels by default in Node 22 (SIMD is supported)', () => {
    expect(initial).toBe(process.env.LORA_RANK_KERNELS === 'js' ? 'js' : 'wasm');
  });

  it("forces the plain-JS fallback with 'js' and returns to wasm with 'auto' or 'wasm'", () => {
    expect(setKernelBackend('js')).toBe('js');
    expect(kernelBackend()).toBe('js');
    expect(setKernelBackend('wasm')).toBe('wasm');
    expect(setKernelBackend('auto')).toBe('wasm');
  });

  it('initKernels() resolves to the backend in use, and to js while js is forced', async () => {
    setKernelBackend('auto');
    expect(await initKernels()).toBe('wasm');
    setKernelBackend('js');
    expect(await initKernels()).toBe('js');
  });

  it('rejects anything else with a RangeError that says what it received', () => {
    expect(() => setKernelBackend('gpu' as 'js')).toThrow("setKernelBackend: received gpu, expected 'wasm', 'js' or 'auto'");
  });

  it('takes its initial choice from LORA_RANK_KERNELS in the environment', () => {
    const script = "import { kernelBackend } from './src/index.ts'; console.log(kernelBackend());";
    const run = (value: string) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: new URL('..', import.meta.url),
        env: { ...process.env, LORA_RANK_KERNELS: value },
        encoding: 'utf8',
      }).stdout.trim();
    expect(run('js')).toBe('js');
    expect(run('auto')).toBe('wasm');
  });
});
