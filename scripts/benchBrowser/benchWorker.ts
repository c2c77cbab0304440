/// <reference lib="webworker" />
// A worker of the Chromium kernel bench: GEMM (all of it, or a block of rows
// it is sent), a randomized SVD and the language model's default
// fine-tuning steps on its own thread, timed inside.

import { kernelBackend, setKernelBackend } from '../../packages/core/src/index.ts';
import { GEMM_N, RSVD_N, decayingUpdate, gemmOperand, product, timeFinetune, timeRandomizedSvd } from './workloads.ts';

type Request =
  | { id: number; op: 'backend'; kernels: 'wasm' | 'js' | 'auto' }
  | { id: number; op: 'gemm'; single: boolean }
  | { id: number; op: 'gemmRows'; a: Float64Array | Float32Array; b: Float64Array | Float32Array; rows: number }
  | { id: number; op: 'rsvd'; options: Parameters<typeof timeRandomizedSvd>[1] }
  | { id: number; op: 'finetune'; kind: 'style' | 'facts'; mode: 'lora' | 'full'; steps: number };

const operands = new Map<boolean, Float64Array | Float32Array>();
let rsvdMatrix: ReturnType<typeof decayingUpdate> | undefined;

self.onmessage = (event: MessageEvent<Request>) => {
  const r = event.data;
  if (r.op === 'backend') {
    setKernelBackend(r.kernels);
    self.postMessage({ id: r.id, backend: kernelBackend() });
  } else if (r.op === 'gemm') {
    if (!operands.has(r.single)) operands.set(r.single, gemmOperand(GEMM_N, r.single));
    const a = operands.get(r.single)!;
    const t0 = performance.now();
    product(a, a, GEMM_N, GEMM_N);
    self.postMessage({ id: r.id, ms: performance.now() - t0 });
  } else if (r.op === 'gemmRows') {
    // This worker's rows of A times all of B, both sent to it, as a split product does.
    const c = product(r.a, r.b, r.rows, GEMM_N);
    self.postMessage({ id: r.id, c }, [c.buffer]);
  } else if (r.op === 'finetune') {
    self.postMessage({ id: r.id, ...timeFinetune(r.kind, r.mode, r.steps) });
  } else {
    rsvdMatrix ??= decayingUpdate(RSVD_N, RSVD_N);
    self.postMessage({ id: r.id, ...timeRandomizedSvd(rsvdMatrix, r.options) });
  }
};
