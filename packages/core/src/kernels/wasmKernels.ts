// The WebAssembly kernels' instance and its memory: compiled from the bytes
// in kernelsWasm.ts on first use (synchronously) or ahead of time by
// initKernels() (asynchronously, for a browser's main thread, where engines
// may refuse to compile synchronously). Internal to the package.

import { KERNELS_WASM_BASE64 } from './kernelsWasm.ts';

// The few WebAssembly API members used here, typed locally: the core is
// compiled without the DOM library, and Node's types declare only part of
// the WebAssembly namespace.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
  instantiate(bytes: Uint8Array<ArrayBuffer>, imports: object): Promise<{ module: object; instance: WasmInstance }>;
}

/** The engine's WebAssembly object, or undefined. */
function api(): WasmApi | undefined {
  const wasm = (globalThis as { WebAssembly?: unknown }).WebAssembly;
  return typeof wasm === 'object' && wasm !== null ? (wasm as WasmApi) : undefined;
}

/**
 * C[0:mc, 0:nc] (+)= A·B on a packed B, A addressed by strides (see kernels.wat):
 * element (r, k) of a micro-panel at a + r·ars + k·acs bytes, micro-panels aps bytes apart. @internal
 */
export type MacroKernel = (
  mc: number,
  nc: number,
  kc: number,
  a: number,
  ars: number,
  acs: number,
  aps: number,
  bp: number,
  c: number,
  ldc: number,
  acc: number,
) => void;

/** The functions kernels.wat exports (addresses are byte offsets). @internal */
export interface KernelExports {
  memory: WasmMemory;
  pack_f64(src: number, ls: number, ks: number, lines: number, kc: number, dst: number): void;
  macro_f64: MacroKernel;
  gemv_n_f64(a: number, lda: number, rows: number, cols: number, x: number, y: number, alpha: number, acc: number): void;
  gemv_t_f64(a: number, lda: number, rows: number, cols: number, x: number, y: number, alpha: number, acc: number): void;
  bidiag_pass_f64(
    seg: number,
    lda: number,
    rows: number,
    len: number,
    v: number,
    corrX: number,
    corrU: number,
    x: number,
    ldx: number,
    taup: number,
    s: number,
    mode: number,
  ): void;
  pack_f32(src: number, ls: number, ks: number, lines: number, kc: number, dst: number, w: number): void;
  macro_f32: MacroKernel;
  gelu_f64(u: number, gate: number, g: number, n: number): void;
  softmax_causal_f64(p: number, T: number, scale: number): void;
  gelu_grad_f64(du: number, u: number, gate: number, n: number): void;
  softmax_causal_grad_f64(p: number, dp: number, ds: number, T: number, scale: number): void;
  layernorm_f64(x: number, w: number, b: number, xhat: number, rstd: number, y: number, n: number, d: number, eps: number): void;
  layernorm_grad_f64(
    dy: number,
    xhat: number,
    rstd: number,
    w: number,
    dx: number,
    dw: number,
    db: number,
    n: number,
    d: number,
    params: number,
  ): void;
}

/** Bytes 0..1023 belong to the kernels (scratch tile); allocations start above. */
const RESERVED = 1024;
const PAGE = 65536;

/**
 * The instance plus a stack allocator over its memory. Every user is
 * synchronous, so allocations nest: take a `mark()`, allocate, and
 * `release(mark)` before returning. Views must be re-created after any
 * allocation, which may grow (and so detach) the memory's buffer.
 * @internal
 */
export class WasmKernels {
  readonly exports: KernelExports;
  /** The compiled module, to make more instances of it (see {@link spawn}). */
  private readonly module: object;
  private top = RESERVED;

  constructor(module: object, instance: WasmInstance) {
    this.module = module;
    this.exports = instance.exports as unknown as KernelExports;
  }

  /**
   * Another instance of the same compiled module, with a memory of its own
   * (no compilation: instantiating a module this small is allowed
   * synchronously everywhere). For a user that keeps its data resident for
   * its whole life (the language model's engine) without pinning the
   * shared instance's stack; its memory goes with it to the garbage
   * collector.
   */
  spawn(): WasmKernels {
    return new WasmKernels(this.module, new (api()!.Instance)(this.module, {}));
  }

  /** Reserves `bytes` (64-byte aligned, for cache lines) and returns the address. */
  alloc(bytes: number): number {
    const at = (this.top + 63) & ~63;
    const end = at + bytes;
    const memory = this.exports.memory;
    if (end > memory.buffer.byteLength) {
      if (end > 2 ** 32 - PAGE) throw new RangeError(`kernels: ${end} bytes exceed the 4 GiB of WebAssembly memory`);
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    }
    this.top = end;
    return at;
  }

  /**
   * Grows the memory (if needed) so that `bytes` more can be allocated
   * without growing it again: views taken after this call stay valid across
   * allocations of up to that many bytes.
   */
  reserve(bytes: number): void {
    const mark = this.top;
    this.alloc(bytes + 64);
    this.release(mark);
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  f64(at: number, length: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, at, length);
  }

  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, at, length);
  }
}

let bytesCache: Uint8Array<ArrayBuffer> | undefined;

/** The module's bytes, decoded once. @internal */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  if (bytesCache === undefined) {
    const text = atob(KERNELS_WASM_BASE64);
    bytesCache = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytesCache[i] = text.charCodeAt(i);
  }
  return bytesCache;
}

/**
 * Whether this engine runs the kernels: WebAssembly present and validating
 * the module (which needs 128-bit SIMD). @internal
 */
export function wasmSupported(): boolean {
  try {
    return api()?.validate(kernelBytes()) === true;
  } catch {
    return false;
  }
}

/** Compiles and instantiates synchronously; undefined when the engine refuses. @internal */
export function instantiateSync(): WasmKernels | undefined {
  const wasm = api();
  if (wasm === undefined) return undefined;
  try {
    const module = new wasm.Module(kernelBytes());
    return new WasmKernels(module, new wasm.Instance(module, {}));
  } catch {
    return undefined;
  }
}

/** Compiles and instantiates asynchronously. @internal */
export async function instantiateAsync(): Promise<WasmKernels> {
  const wasm = api();
  if (wasm === undefined) throw new Error('kernels: no WebAssembly in this engine');
  const { module, instance } = await wasm.instantiate(kernelBytes(), {});
  return new WasmKernels(module, instance);
}
