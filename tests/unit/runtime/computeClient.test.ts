import { describe, expect, it } from 'vitest';
import { createComputeClient, SupersededError } from '../../../src/runtime/computeClient.ts';
import { fakeWorkers as fakeApiWorkers } from '../fakeWorkers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const api = {
  async echo(value: number, ms = 0): Promise<number> {
    await sleep(ms);
    return value;
  },
  fail(message: string): never {
    throw new RangeError(message);
  },
};
type Api = typeof api;

/** "Workers" that are MessagePorts served by Comlink in this process. */
const fakeWorkers = () => fakeApiWorkers(api);

describe('createComputeClient', () => {
  it('answers a single request through the worker', async () => {
    const { spawn } = fakeWorkers();
    const client = createComputeClient<Api>({ spawn });
    await expect(client.run((w) => w.echo(7))).resolves.toBe(7);
    client.dispose();
  });

  it('lets the latest request win and drops superseded ones', async () => {
    const { spawn, made } = fakeWorkers();
    const client = createComputeClient<Api>({ spawn, respawnAfterMs: 10_000 });
    const first = client.run((w) => w.echo(1, 60));
    const second = client.run((w) => w.echo(2, 0));
    const third = client.run((w) => w.echo(3, 0));
    const [a, b, c] = await Promise.allSettled([first, second, third]);
    expect(a.status === 'rejected' && a.reason).toBeInstanceOf(SupersededError);
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(SupersededError);
    expect(c).toEqual({ status: 'fulfilled', value: 3 });
    // A short superseded job is allowed to finish: no respawn.
    expect(made).toHaveLength(1);
    client.dispose();
  });

  it('terminates and respawns the worker when a superseded job runs long', async () => {
    const { spawn, made } = fakeWorkers();
    const client = createComputeClient<Api>({ spawn, respawnAfterMs: 20 });
    const slow = client.run((w) => w.echo(1, 5_000));
    await sleep(5);
    const started = performance.now();
    const fresh = client.run((w) => w.echo(2, 0));
    await expect(slow).rejects.toBeInstanceOf(SupersededError);
    await expect(fresh).resolves.toBe(2);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(client.spawned).toBe(2);
    client.dispose();
  });

  it('passes errors thrown in the worker to the caller and keeps working', async () => {
    const { spawn } = fakeWorkers();
    const client = createComputeClient<Api>({ spawn });
    await expect(client.run((w) => w.fail('d must be at least 4, received 0'))).rejects.toThrow('d must be at least 4, received 0');
    await expect(client.run((w) => w.echo(5))).resolves.toBe(5);
    client.dispose();
  });

  it('rejects outstanding requests when disposed', async () => {
    const { spawn, made } = fakeWorkers();
    const client = createComputeClient<Api>({ spawn });
    const pending = client.run((w) => w.echo(1, 1_000));
    client.dispose();
    await expect(pending).rejects.toBeInstanceOf(SupersededError);
    expect(made[0]!.terminated).toBe(true);
    await expect(client.run((w) => w.echo(1))).rejects.toThrow('disposed');
  });
});
