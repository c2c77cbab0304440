import { describe, expect, it } from 'vitest';
import { COLUMNS, breakableName, cellText, defaultOrder, nameParts, sortRows, toCsv } from '../../../src/analyze/table.ts';
import type { AnalysisRow } from '../../../src/analyze/types.ts';
import { sparklinePath } from '../../../src/analyze/sparkline.ts';

describe('results table', () => {
  it('cuts tensor names after their dots, so cells break between parts, never inside self_attn', async () => {
    expect(nameParts('model.layers.0.self_attn.q_proj')).toEqual(['model.', 'layers.', '0.', 'self_attn.', 'q_proj']);
    expect(nameParts('weights')).toEqual(['weights']);
    expect(nameParts('a.b.').join('')).toBe('a.b.');
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML('<p></p>');
    const cell = document.querySelector('p')!;
    breakableName('model.layers.0.q_proj')(cell);
    expect(cell.innerHTML).toBe('model.<wbr>layers.<wbr>0.<wbr>q_proj');
    // Names come from the reader's files: nothing in them becomes markup.
    breakableName('<img src=x onerror="a&b">.x')(cell);
    expect(cell.querySelector('img')).toBeNull();
    expect(cell.textContent).toBe('<img src=x onerror="a&b">.x');
  });

  it("the results table writes one cell per column, in the columns' order (ResultsTable.svelte spells them out)", async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../../src/analyze/ResultsTable.svelte', import.meta.url), 'utf8');
    const cells = [...source.matchAll(/data-col="(\w+)">\{cellText\(row, '(\w+)'\)\}/g)].map((m) => {
      expect(m[1]).toBe(m[2]);
      return m[1];
    });
    expect(['name', 'source', ...cells]).toEqual(COLUMNS.map((c) => c.key));
  });

  const analysis = (s: number[], extra = {}) => ({
    rows: 10,
    cols: 10,
    s: Float64Array.from(s),
    truncated: false,
    frobenius: 1,
    energy: new Float64Array(s.length),
    rank90: 3,
    rank99: null,
    energyAt: [
      { r: 8, share: 0.5 },
      { r: 16, share: null },
      { r: 64, share: 1 },
    ],
    stableRank: 2,
    effectiveRank: 2.5,
    numericalRank: 4,
    ...extra,
  });
  const rows: AnalysisRow[] = [
    { key: 'a', jobId: 'j', source: 'f', name: 'a', kind: 'matrix', status: 'ok', analysis: analysis([3, 2, 1], { rank90: 2 }) },
    { key: 'e', jobId: 'j', source: 'f', name: 'broken, "quoted"', kind: 'matrix', status: 'error', message: 'bad\nthing' },
    { key: 'b', jobId: 'j', source: 'f', name: 'b', kind: 'matrix', status: 'ok', analysis: analysis([3, 2, 1]) },
  ];

  it('sorts by a column with rows without a value last, both ways', () => {
    expect(sortRows(rows, 'rank90', 'ascending').map((r) => r.key)).toEqual(['a', 'b', 'e']);
    expect(sortRows(rows, 'rank90', 'descending').map((r) => r.key)).toEqual(['b', 'a', 'e']);
    expect(sortRows(rows, 'name', 'descending').map((r) => r.key)).toEqual(['e', 'b', 'a']); // error rows have a name
  });

  it('shows a rank beyond the known values as "> k" and unknown shares as –', () => {
    expect(cellText(rows[0], 'rank99')).toBe('> 3');
    expect(cellText(rows[0], 'energy16')).toBe('–');
    expect(cellText(rows[0], 'energy8')).toBe('50.0 %');
  });

  it('exports CSV with quoting, empty cells for unknowns and the singular values', () => {
    const csv = toCsv(rows).split('\r\n');
    expect(csv[0].split(',')).toContain('rank_99');
    expect(csv[1]).toMatch(/^f,a,matrix,ok,,10,10,/);
    expect(csv[1].endsWith(',3 2 1')).toBe(true);
    expect(csv[2]).toContain('"broken, ""quoted"""');
    expect(csv[2]).toContain('"bad\nthing"');
  });

  it('draws a sparkline path in its box', () => {
    expect(sparklinePath([])).toBe('M0,24H120');
    expect(sparklinePath([1, 0.1, 0.01], 100, 20)).toBe('M0.0,1.0L50.0,4.0L100.0,7.0'); // log scale down to 1e-6·σ₁
  });

  it('orders rows before any sort job by job, notes first, then by name with numbers as numbers', () => {
    const row = (jobId: string, name: string, status: AnalysisRow['status'] = 'ok'): AnalysisRow => ({
      kind: 'adapter',
      key: name,
      jobId,
      source: jobId,
      name,
      status,
    });
    const arrived = [
      row('b', 'm.layers.10.q'),
      row('a', 'm.layers.2.q'),
      row('a', '(other tensors)', 'note'),
      row('b', 'm.layers.9.q', 'error'),
      row('a', 'm.layers.10.q'),
      row('a', 'm.layers.2.k'),
      row('b', '(1-D tensors)', 'note'),
    ];
    expect(defaultOrder(arrived).map((r) => `${r.jobId} ${r.name}`)).toEqual([
      'b (1-D tensors)',
      'b m.layers.9.q',
      'b m.layers.10.q',
      'a (other tensors)',
      'a m.layers.2.k',
      'a m.layers.2.q',
      'a m.layers.10.q',
    ]);
  });
});
