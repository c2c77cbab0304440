import { gemmNN } from '../linalg/gemmNN.ts';
import { type ResidentMatrix, residentMatrix } from '../kernels/residentMatrix.ts';
import { bufferStock } from './bufferStock.ts';
import type { KernelReply, KernelRequest } from './messages.ts';
import { listen, type WorkerTransport } from './transport.ts';

/**
 * The worker side of a {@link createKernelPool} pool: answers the pool's
 * requests on `transport` (in a worker, `self` or Node's `parentPort`). It
 * keeps the block of rows it is given resident in its own WebAssembly
 * memory, so that the randomized SVD's power iterations send it only the
 * skinny matrices. Data moves only by transfer (no SharedArrayBuffer): the
 * buffers a request brings are kept and carry the next replies, and those
 * beyond one spare go back to the pool with the reply, so that neither side
 * allocates per message once the first few have passed.
 *
 * @example
 * // kernelWorker.ts, the whole worker:
 * import { serveKernels } from '@lora-rank/core/pool';
 * import { parentPort } from 'node:worker_threads'; // in a browser: serveKernels(self)
 * serveKernels(parentPort!);
 */
export function serveKernels(transport: WorkerTransport): void {
  let resident: ResidentMatrix | undefined;
  const stock = bufferStock(1);
  listen(transport, (message) => {
    const request = message as KernelRequest;
    // A Set: two views of one buffer must not be listed twice in a transfer list.
    const received = new Set<ArrayBuffer>();
    const keep = (a: Float64Array) => received.add(a.buffer as ArrayBuffer);
    let data: Float64Array | undefined;
    let error: string | undefined;
    let nonFinite: number | undefined;
    try {
      switch (request.type) {
        case 'load':
          resident?.release();
          resident = undefined;
          resident = residentMatrix(undefined, request.rows, request.cols, request.float32);
          break;
        case 'rows':
          keep(request.data);
          nonFinite = firstNonFinite(request.data);
          need(resident).setRows(request.start, request.data);
          break;
        case 'times':
        case 'transposeTimes': {
          keep(request.x);
          const r = need(resident);
          data = stock.take((request.type === 'times' ? r.rows : r.cols) * request.l);
          if (request.type === 'times') r.times(request.x, request.l, request.single, data);
          else r.transposeTimes(request.x, request.l, request.single, data);
          break;
        }
        case 'gemm':
          keep(request.a);
          keep(request.b);
          data = stock.take(request.m * request.n);
          gemmNN(request.a, request.b, data, request.m, request.n, request.p);
          break;
        case 'release':
          resident?.release();
          resident = undefined;
          break;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      data = undefined;
    }
    // Keep one spare (the largest: it fits the most), send the others back.
    const spares: ArrayBuffer[] = [];
    for (const b of [...received].sort((x, y) => y.byteLength - x.byteLength)) {
      if (stock.size === 0 && b !== data?.buffer) stock.give(b);
      else if (b !== data?.buffer && b.byteLength > 0) spares.push(b);
    }
    const transfer = [...spares];
    if (data !== undefined) transfer.push(data.buffer as ArrayBuffer);
    const reply: KernelReply =
      error !== undefined
        ? { id: request.id, ok: false, error, ...(spares.length > 0 && { spares }) }
        : {
            id: request.id,
            ok: true,
            ...(data !== undefined && { data }),
            ...(nonFinite !== undefined && { nonFinite }),
            ...(spares.length > 0 && { spares }),
          };
    transport.postMessage(reply, transfer);
  });
}

/** Index of the first NaN or infinite entry of `d`, or undefined. */
function firstNonFinite(d: Float64Array): number | undefined {
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x - x !== 0) return i;
  }
  return undefined;
}

function need(resident: ResidentMatrix | undefined): ResidentMatrix {
  if (resident === undefined) throw new Error('serveKernels: no matrix loaded (send a load request first)');
  return resident;
}
