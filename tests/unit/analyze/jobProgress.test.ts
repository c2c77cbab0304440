import { describe, expect, it } from 'vitest';
import { JobProgress } from '../../../src/analyze/jobProgress.ts';

describe('JobProgress', () => {
  it('counts matrices done plus the running ones’ own progress, and names the first running one', () => {
    const p = new JobProgress(4);
    expect(p.view()).toEqual({ fraction: 0, label: '0 of 4 done' });
    p.start('a', 'layers.0.q');
    p.start('b', 'layers.0.k');
    p.update('a', 0.5);
    expect(p.view()).toEqual({ fraction: 0.125, label: '0 of 4 done; layers.0.q and 1 more' });
    p.finish('a');
    p.update('b', 2); // clamped
    expect(p.view()).toEqual({ fraction: 0.5, label: '1 of 4 done; layers.0.k' });
    p.finish('b');
    p.finish('b'); // twice: counted once
    p.start('c', 'c');
    p.finish('c');
    p.start('d', 'd');
    p.finish('d');
    expect(p.view()).toEqual({ fraction: 1, label: '4 of 4 done' });
  });

  it('a job without matrices is done at once', () => {
    expect(new JobProgress(0).view()).toEqual({ fraction: 1, label: 'nothing to analyze' });
  });
});
