import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coerce, defaults, parseParams, writeParams, type ParamSchema } from '../../../src/runtime/urlParams.ts';

const schema = {
  n: { kind: 'int', label: 'n', min: 4, max: 512, default: 64 },
  x: { kind: 'float', label: 'x', min: 0, max: 1, default: 0.01, digits: 3 },
  mode: { kind: 'enum', label: 'mode', values: ['style', 'facts'] as const, default: 'style' },
} satisfies ParamSchema;

describe('parseParams', () => {
  it('takes defaults for missing keys without notices', () => {
    const { state, notices } = parseParams(schema, new URLSearchParams(''));
    expect(state).toEqual(defaults(schema));
    expect(notices).toEqual([]);
  });

  it('reads valid values as they are', () => {
    const { state, notices } = parseParams(schema, new URLSearchParams('n=128&x=0.5&mode=facts'));
    expect(state).toEqual({ n: 128, x: 0.5, mode: 'facts' });
    expect(notices).toEqual([]);
  });

  it('clamps out-of-range numbers and says so', () => {
    const { state, notices } = parseParams(schema, new URLSearchParams('n=9999&x=-3'));
    expect(state.n).toBe(512);
    expect(state.x).toBe(0);
    expect(notices).toEqual(['n: "9999" is above the maximum 512; using 512.', 'x: "-3" is below the minimum 0; using 0.']);
  });

  it('replaces garbled values with defaults and says so', () => {
    const { state, notices } = parseParams(schema, new URLSearchParams('n=abc&x=NaN&mode=%3Cscript%3E'));
    expect(state).toEqual(defaults(schema));
    expect(notices).toHaveLength(3);
    expect(notices[0]).toBe('n: "abc" is not a number; using 64.');
    expect(notices[2]).toContain('is not one of style, facts');
  });

  it('rejects Infinity, hex and empty strings', () => {
    for (const raw of ['Infinity', '0x10', '', '  ', '1e999', '--1']) {
      expect(coerce(schema.n, raw).notice, raw).toContain('not a number');
    }
  });

  it('rounds non-integers for int parameters with a notice', () => {
    expect(coerce(schema.n, '7.6')).toEqual({ value: 8, notice: 'n: "7.6" is not a whole number; using 8.' });
  });

  it('matches enum values case-insensitively', () => {
    expect(coerce(schema.mode, 'FACTS')).toEqual({ value: 'facts' });
  });

  it('clips very long garbage in notices', () => {
    const { notices } = parseParams(schema, new URLSearchParams(`n=${'z'.repeat(10_000)}`));
    expect(notices[0]!.length).toBeLessThan(120);
  });

  it('uses the prefix for keys', () => {
    const { state } = parseParams(schema, new URLSearchParams('a.n=16&n=32'), 'a.');
    expect(state.n).toBe(16);
  });
});

describe('writeParams', () => {
  it('omits defaults and round-trips every valid state', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 512 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('style' as const, 'facts' as const),
        (n, xi, mode) => {
          const state = { n, x: xi / 1000, mode };
          const params = writeParams(schema, state, new URLSearchParams());
          const back = parseParams(schema, new URLSearchParams(params.toString()));
          expect(back.notices).toEqual([]);
          expect(back.state).toEqual(state);
        },
      ),
      { seed: 20261128, numRuns: 200 },
    );
    expect(writeParams(schema, defaults(schema), new URLSearchParams('other=1')).toString()).toBe('other=1');
  });
});
