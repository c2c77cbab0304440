import { describe, expect, it } from 'vitest';
import { toCsv, csvLines, resolveTable, type DataTable } from '../../../src/runtime/csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF, quoted fields with doubled quotes, full-precision numbers', () => {
    expect(
      toCsv({
        columns: ['a', 'b,c'],
        rows: [
          [1 / 3, 'x"y'],
          [Number.NaN, ''],
        ],
      }),
    ).toBe('a,"b,c"\r\n0.3333333333333333,"x""y"\r\n,\r\n');
  });
});

describe('csvLines', () => {
  it('writes RFC 4180: CRLF, quotes around commas, quotes and line breaks, doubled quotes', () => {
    expect(csvLines([['a', 'b,c', 'say "hi"', 'two\nlines']])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
  });

  it('keeps numbers in full precision and leaves nothing, NaN and infinities empty', () => {
    expect(csvLines([[1 / 3, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true]])).toBe('0.3333333333333333,,,,,true\r\n');
  });

  it('writes a data table header first', () => {
    expect(toCsv({ columns: ['r', 'share'], rows: [[1, 0.5]] })).toBe('r,share\r\n1,0.5\r\n');
  });
});

describe('resolveTable', () => {
  const table: DataTable = { columns: ['a'], rows: [[1]] };

  it('returns a table as it is, and calls a function for its table', () => {
    expect(resolveTable(table)).toBe(table);
    let calls = 0;
    const later = () => {
      calls += 1;
      return table;
    };
    expect(calls).toBe(0);
    expect(resolveTable(later)).toBe(table);
    expect(calls).toBe(1);
  });
});
