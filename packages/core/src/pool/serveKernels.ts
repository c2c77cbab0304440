import { gemmNN } from '../linalg/gemmNN.ts';
import { type ResidentMatrix, residentMatrix } from '../kernels/residentMatrix.ts';
import type { KernelReply, KernelRequest } from './messages.ts';
import { listen, type WorkerTransport } from './transport.ts';

/**
 * The worker side of a {@link createKernelPool} pool: answers the pool's
 * requests on `transport` (in a worker, `self` or Node's `parentPort`). It
 * keeps the block of rows it is given resident in its own WebAssembly
 * memory, so that the randomized SVD's power iterations send it only the
 * skinny matrices; results go back by transfer (no SharedArrayBuffer).
 *
 * @example
 * // kernelWorker.ts, the whole worker:
 * import { serveKernels } from '@lora-rank/core/pool';
 * import { parentPort } from 'node:worker_threads'; // in a browser: serveKernels(self)
 * serveKernels(parentPort!);
 */
export function serveKernels(transport: WorkerTransport): void {
  let resident: ResidentMatrix | undefined;
  listen(transport, (message) => {
    const request = message as KernelRequest;
    let reply: KernelReply;
    try {
      let data: Float64Array | undefined;
      switch (request.type) {
        case 'load':
          resident?.release();
          resident = residentMatrix(request.data, request.rows, request.cols, request.float32);
          break;
        case 'times':
          data = need(resident).times(request.x, request.l, request.single);
          break;
        case 'transposeTimes':
          data = need(resident).transposeTimes(request.x, request.l, request.single);
          break;
        case 'gemm':
          data = new Float64Array(request.m * request.n);
          gemmNN(request.a, request.b, data, request.m, request.n, request.p);
          break;
        case 'release':
          resident?.release();
          resident = undefined;
          break;
      }
      reply = data === undefined ? { id: request.id, ok: true } : { id: request.id, ok: true, data };
    } catch (e) {
      reply = { id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    transport.postMessage(reply, reply.ok && reply.data ? [reply.data.buffer as ArrayBuffer] : []);
  });
}

function need(resident: ResidentMatrix | undefined): ResidentMatrix {
  if (resident === undefined) throw new Error('serveKernels: no matrix loaded (send a load request first)');
  return resident;
}
