import { instantiateAsync, instantiateSync, type WasmKernels, wasmSupported } from './wasmKernels.ts';

/**
 * Which implementation runs the matrix products: `'wasm'` (WebAssembly SIMD
 * kernels) or `'js'` (plain JavaScript, packed panels).
 */
export type KernelBackend = 'wasm' | 'js';

/** What {@link setKernelBackend} accepts: a backend, or `'auto'` (wasm when the engine supports it). */
export type KernelBackendChoice = KernelBackend | 'auto';

let choice: KernelBackendChoice = initialChoice();
let instance: WasmKernels | undefined;
let tried = false;
let pending: Promise<WasmKernels | undefined> | undefined;

/**
 * The starting choice: `globalThis.LORA_RANK_KERNELS` (set before the core
 * loads, e.g. in a worker) or the environment variable `LORA_RANK_KERNELS`
 * in Node, `'js'`, `'wasm'` or `'auto'`; `'auto'` otherwise.
 */
function initialChoice(): KernelBackendChoice {
  const g = globalThis as { LORA_RANK_KERNELS?: unknown; process?: { env?: Record<string, string | undefined> } };
  const value = g.LORA_RANK_KERNELS ?? g.process?.env?.LORA_RANK_KERNELS;
  return value === 'js' || value === 'wasm' || value === 'auto' ? value : 'auto';
}

/**
 * Chooses the implementation of the matrix products (GEMM, the
 * bidiagonalization's passes, the randomized SVD's products) for the whole
 * module: `'wasm'`, `'js'` (force the plain-JavaScript fallback, e.g. to test
 * it or to compare), or `'auto'` (the default: wasm when the engine
 * validates the module, which needs WebAssembly 128-bit SIMD). The initial
 * choice can also come from `globalThis.LORA_RANK_KERNELS` or, in Node, the
 * environment variable `LORA_RANK_KERNELS`.
 *
 * Both backends compute the same products; they may differ in the last bits
 * (different order of summation), never more.
 *
 * @returns The backend now in use (`'js'` if wasm was asked for but is not
 *   available, or not yet compiled on a main thread: see {@link initKernels}).
 * @example
 * setKernelBackend('js'); // 'js': every product in plain JavaScript
 * setKernelBackend('auto'); // 'wasm' on engines with WebAssembly SIMD
 */
export function setKernelBackend(backend: KernelBackendChoice): KernelBackend {
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'auto') {
    throw new RangeError(`setKernelBackend: received ${String(backend)}, expected 'wasm', 'js' or 'auto'`);
  }
  choice = backend;
  return kernelBackend();
}

/**
 * The backend the next product will use.
 *
 * @example
 * kernelBackend(); // 'wasm' in Node 22 and current browsers
 */
export function kernelBackend(): KernelBackend {
  return wasmKernels() === undefined ? 'js' : 'wasm';
}

/**
 * Compiles the WebAssembly kernels asynchronously, so that they are ready
 * without a synchronous compile: browsers may refuse to compile modules
 * synchronously on the main thread (workers and Node never do, and there the
 * kernels load on first use without this call). Safe to call many times.
 *
 * @returns The backend in use once compilation has finished.
 * @example
 * await initKernels(); // 'wasm'
 */
export async function initKernels(): Promise<KernelBackend> {
  if (choice !== 'js' && instance === undefined && wasmSupported()) {
    pending ??= instantiateAsync().catch(() => undefined);
    instance ??= await pending;
    tried = true;
  }
  return kernelBackend();
}

/** The wasm kernels when they are chosen and available, else undefined. @internal */
export function wasmKernels(): WasmKernels | undefined {
  if (choice === 'js') return undefined;
  if (!tried) {
    tried = true;
    if (wasmSupported()) instance = instantiateSync();
  }
  return instance;
}

/**
 * A fresh instance of the wasm kernels with a memory of its own, when the
 * wasm kernels are chosen and available (else undefined, also when the
 * engine refuses to instantiate synchronously): for a user that keeps its
 * operands resident between calls (the language model's engine).
 * @internal
 */
export function ownWasmKernels(): WasmKernels | undefined {
  try {
    return wasmKernels()?.spawn();
  } catch {
    return undefined;
  }
}
