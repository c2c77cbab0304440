import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redrawThrottle } from '../../../src/runtime/redrawThrottle.ts';

describe('redrawThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now();

  it('draws the first message at once (after the current task), not after the interval', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 400, clock);
    t.poke();
    expect(redraw).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(redraw).toHaveBeenCalledTimes(1);
  });

  it('draws messages that arrive together once', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 400, clock);
    t.poke();
    t.poke();
    t.poke();
    vi.advanceTimersByTime(0);
    expect(redraw).toHaveBeenCalledTimes(1);
  });

  it('then draws at most every interval, each message drawn by the next redraw', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 400, clock);
    t.poke();
    vi.advanceTimersByTime(0);
    // Messages every 50 ms for a second: redraws at 0, 400, 800 and none in between.
    const times: number[] = [];
    redraw.mockImplementation(() => times.push(Date.now()));
    const start = Date.now();
    for (let i = 1; i <= 20; i++) {
      vi.advanceTimersByTime(50);
      t.poke();
    }
    vi.advanceTimersByTime(400);
    expect(times.map((x) => x - start)).toEqual([400, 800, 1200]);
  });

  it('draws a message that comes after a quiet interval at once', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 400, clock);
    t.poke();
    vi.advanceTimersByTime(1000);
    t.poke();
    vi.advanceTimersByTime(0);
    expect(redraw).toHaveBeenCalledTimes(2);
  });

  it('flush draws now and drops the pending redraw; cancel drops it', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 400, clock);
    t.poke();
    vi.advanceTimersByTime(0);
    t.poke();
    t.flush();
    expect(redraw).toHaveBeenCalledTimes(2);
    expect(redraw.mock.calls.map(([final]) => final)).toEqual([false, true]);
    vi.advanceTimersByTime(1000);
    expect(redraw).toHaveBeenCalledTimes(2);
    t.poke();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(redraw).toHaveBeenCalledTimes(2);
  });

  it('with an interval of 0 draws after every task that brought messages', () => {
    const redraw = vi.fn();
    const t = redrawThrottle(redraw, 0, clock);
    for (let i = 0; i < 3; i++) {
      t.poke();
      t.poke();
      vi.advanceTimersByTime(0);
    }
    expect(redraw).toHaveBeenCalledTimes(3);
  });
});
