import { describe, expect, it } from 'vitest';
import { scheduledLr } from '../src/train/index.ts';
import { close } from './close.ts';

describe('scheduledLr', () => {
  const cosine = { type: 'cosine', warmup: 10, total: 110, minRatio: 0.1 } as const;

  it('warms up linearly to the base rate at step warmup', () => {
    close(scheduledLr(1, cosine, 1), 0.1, { rtol: 1e-15 });
    close(scheduledLr(1, cosine, 5), 0.5, { rtol: 1e-15 });
    expect(scheduledLr(1, cosine, 10)).toBe(1);
  });

  it('decays by half a cosine to minRatio·lr at step total, then stays there', () => {
    close(scheduledLr(2, cosine, 60), 2 * (0.1 + 0.9 * 0.5), { rtol: 1e-14 }); // halfway: the mean of lr and min
    close(scheduledLr(2, cosine, 110), 0.2, { rtol: 1e-14 });
    close(scheduledLr(2, cosine, 500), 0.2, { rtol: 1e-14 });
    for (let s = 11; s < 110; s++) expect(scheduledLr(1, cosine, s + 1)).toBeLessThan(scheduledLr(1, cosine, s));
  });

  it('constant: the base rate after warmup', () => {
    expect(scheduledLr(0.3, { type: 'constant' }, 1)).toBe(0.3);
    close(scheduledLr(0.3, { type: 'constant', warmup: 3 }, 1), 0.1, { rtol: 1e-15 });
    expect(scheduledLr(0.3, { type: 'constant', warmup: 3 }, 1000)).toBe(0.3);
  });

  it('rejects bad schedules and steps, naming the field', () => {
    expect(() => scheduledLr(1, { type: 'cosine', warmup: 10, total: 10 }, 1)).toThrow(
      /total must be an integer > warmup \(10\); received 10/,
    );
    expect(() => scheduledLr(1, { type: 'constant', warmup: -1 }, 1)).toThrow(/warmup/);
    expect(() => scheduledLr(1, { type: 'cosine', total: 10, minRatio: 2 }, 1)).toThrow(/minRatio/);
    expect(() => scheduledLr(1, { type: 'linear' } as never, 1)).toThrow(/'constant' or 'cosine'; received linear/);
    expect(() => scheduledLr(1, { type: 'constant' }, 0)).toThrow(/step must be an integer >= 1/);
  });
});
