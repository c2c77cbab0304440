import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batched } from '../../../src/runtime/batched.ts';

describe('batched', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies once per interval however often it is asked, and not before', () => {
    const apply = vi.fn();
    const batch = batched(apply, 100);
    for (let i = 0; i < 50; i++) batch.schedule();
    vi.advanceTimersByTime(99);
    expect(apply).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(apply).toHaveBeenCalledTimes(1);
    batch.schedule();
    vi.advanceTimersByTime(100);
    expect(apply).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(apply).toHaveBeenCalledTimes(2);
  });

  it('flush applies at once and cancels the pending call; cancel drops it', () => {
    const apply = vi.fn();
    const batch = batched(apply, 100);
    batch.schedule();
    batch.flush();
    expect(apply).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(apply).toHaveBeenCalledTimes(1);
    batch.flush(); // nothing scheduled: still applies (whatever is pending shows)
    expect(apply).toHaveBeenCalledTimes(2);
    batch.schedule();
    batch.cancel();
    vi.advanceTimersByTime(500);
    expect(apply).toHaveBeenCalledTimes(2);
  });
});
