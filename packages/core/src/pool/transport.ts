/**
 * The one thing the pool needs from a worker, or a worker from its parent:
 * post a message (transferring the listed buffers), and deliver incoming
 * messages. Satisfied as is by a browser `Worker` and a worker's `self`
 * (`addEventListener('message', e => e.data)`), and by Node's
 * `worker_threads` `Worker`, `parentPort` and `MessagePort`
 * (`on('message', value)`). No `SharedArrayBuffer` is involved: data moves
 * by structured clone or by transfer, so the pool works on pages served
 * without cross-origin isolation (GitHub Pages).
 *
 * @example
 * // Node: import { Worker } from 'node:worker_threads';
 * const transport: WorkerTransport = new Worker(new URL('./kernelWorker.ts', import.meta.url));
 * // Browser: new Worker(new URL('./kernelWorker.ts', import.meta.url), { type: 'module' })
 */
export interface WorkerTransport {
  /**
   * Posts a message; the pool and the workers always pass the transfer list
   * (possibly empty), which is what lets the DOM's overloads (a required
   * `Transferable[]`, or options) satisfy this signature.
   */
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** Node style: `on('message', value => …)`. */
  on?(type: 'message', listener: (value: unknown) => void): unknown;
  /**
   * Web style: `addEventListener('message', event => event.data)`. The
   * listener's parameter is `any` because the DOM's and Node's declarations
   * of it differ; only `event.data` is read.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the DOM and Node type the event differently
  addEventListener?(type: 'message', listener: (event: any) => void): void;
  /** Ends the worker (called by `KernelPool.terminate`), when the transport has it. */
  terminate?(): unknown;
}

/** Calls `handler` with every message's payload, whichever style the transport speaks. @internal */
export function listen(transport: WorkerTransport, handler: (message: unknown) => void): void {
  if (typeof transport.on === 'function') transport.on('message', handler);
  else if (typeof transport.addEventListener === 'function')
    transport.addEventListener('message', (event: { data: unknown }) => handler(event.data));
  else throw new TypeError('listen: the transport has neither on() nor addEventListener()');
}
