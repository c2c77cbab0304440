import { describe, expect, it } from 'vitest';
import { CancelledError, createWorkerPool, nextTask } from '../../../src/runtime/workerPool.ts';
import { fakeWorkers } from '../fakeWorkers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An API whose `work(ms, tag)` takes ms and answers with its tag. */
const api = {
  async work(ms: number, tag: string): Promise<string> {
    await sleep(ms);
    return tag;
  },
};
type Api = typeof api;

describe('nextTask', () => {
  it('takes the first task of the group with the fewest tasks running', () => {
    const waiting = [{ id: 'big' }, { id: 'big' }, { id: 'small' }, { id: 'other' }];
    expect(nextTask(waiting, [])).toBe(0);
    expect(nextTask(waiting, ['big'])).toBe(2);
    expect(nextTask(waiting, ['big', 'small'])).toBe(3);
    expect(nextTask(waiting, ['big', 'small', 'other'])).toBe(0);
    expect(nextTask(waiting, ['big', 'big', 'small', 'other'])).toBe(2);
    expect(nextTask([], ['big'])).toBe(-1);
  });
});

describe('createWorkerPool', () => {
  it('spawns its workers up front and runs tasks on them, several at a time, with their results', async () => {
    const { spawn, made } = fakeWorkers(api);
    const pool = createWorkerPool<Api>({ spawn, size: 3 });
    expect(made).toHaveLength(3);
    const t0 = performance.now();
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((tag) => pool.run('job', (w) => w.work(40, tag))));
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(performance.now() - t0).toBeLessThan(6 * 40); // three at a time, not one after the other
    expect(made).toHaveLength(3);
    pool.dispose();
    expect(made.every((m) => m.terminated)).toBe(true);
  });

  it('shares the workers fairly: a job queued behind a long one starts as soon as a worker is free', async () => {
    const { spawn } = fakeWorkers(api);
    const pool = createWorkerPool<Api>({ spawn, size: 2 });
    const order: string[] = [];
    const task = (tag: string) => pool.run(tag[0]!, async (w) => order.push(await w.work(20, tag)));
    const long = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map(task);
    const late = task('b1');
    await Promise.all([...long, late]);
    // b1 was queued after all of a's tasks but ran with the second pair, not last.
    expect(order.indexOf('b1')).toBeLessThan(4);
    pool.dispose();
  });

  it('cancelling a group drops its queued tasks and terminates and replaces the workers running them, and the others go on', async () => {
    const { spawn, made } = fakeWorkers(api);
    const pool = createWorkerPool<Api>({ spawn, size: 2 });
    const a1 = pool.run('a', (w) => w.work(200, 'a1'));
    const b1 = pool.run('b', (w) => w.work(50, 'b1'));
    const a2 = pool.run('a', (w) => w.work(200, 'a2'));
    const b2 = pool.run('b', (w) => w.work(50, 'b2'));
    const cancelled = [a1, a2].map((p) => expect(p).rejects.toBeInstanceOf(CancelledError));
    await sleep(20);
    pool.cancel('a');
    await Promise.all(cancelled);
    expect(made).toHaveLength(3); // the worker that ran a1 was replaced
    expect(made[0]!.terminated).toBe(true);
    expect(made[1]!.terminated).toBe(false);
    await expect(Promise.all([b1, b2])).resolves.toEqual(['b1', 'b2']);
    pool.dispose();
  });

  it('lends only idle workers to a running task, and cancelling the task terminates them too', async () => {
    const { spawn, made } = fakeWorkers(api);
    const pool = createWorkerPool<Api>({ spawn, size: 4 });
    const other = pool.run('other', (w) => w.work(100, 'other'));
    let lent = 0;
    const big = pool.run('big', async (w, context) => {
      const helpers = context.borrow(5);
      lent = helpers.length;
      await Promise.all([w.work(300, 'main'), ...helpers.map((h) => h.work(300, 'helper'))]);
    });
    await sleep(20);
    expect(lent).toBe(2); // four workers: one runs 'other', one 'big', two were idle
    // Every worker is busy: a new task waits, and 'other' finishing frees one for it.
    let started = false;
    const next = pool.run('next', async (w) => {
      started = true;
      return w.work(1, 'next');
    });
    await sleep(20);
    expect(started).toBe(false);
    await expect(other).resolves.toBe('other');
    await expect(next).resolves.toBe('next');
    const rejected = expect(big).rejects.toBeInstanceOf(CancelledError);
    pool.cancel('big');
    await rejected;
    expect(made.filter((m) => m.terminated)).toHaveLength(3); // its own worker and the two it borrowed
    expect(made).toHaveLength(7);
    pool.dispose();
  });

  it('returns lent workers when the task is done, and a failing worker fails only its task', async () => {
    const { spawn } = fakeWorkers(api);
    const pool = createWorkerPool<Api>({ spawn, size: 2 });
    await pool.run('a', async (w, context) => {
      expect(context.borrow(1)).toHaveLength(1);
      return w.work(1, 'a');
    });
    await expect(Promise.all([pool.run('b', (w) => w.work(30, 'b')), pool.run('c', (w) => w.work(30, 'c'))])).resolves.toEqual(['b', 'c']);
    await expect(pool.run('d', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pool.run('e', (w) => w.work(1, 'e'))).resolves.toBe('e');
    pool.dispose();
    await expect(pool.run('f', (w) => w.work(1, 'f'))).rejects.toThrow(/disposed/);
  });
});
