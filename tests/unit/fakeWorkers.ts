import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import type { WorkerLike } from '../../src/runtime/computeClient.ts';

/**
 * Fake workers for tests: each "worker" is a MessagePort whose other end
 * serves `api` with Comlink in this process. `made` records, per spawned
 * worker, whether it was terminated.
 */
export function fakeWorkers(api: object): { spawn: () => WorkerLike; made: { terminated: boolean }[] } {
  const made: { terminated: boolean }[] = [];
  const spawn = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    const record = { terminated: false };
    made.push(record);
    return Object.assign(port1 as unknown as WorkerLike, {
      terminate() {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    });
  };
  return { spawn, made };
}
