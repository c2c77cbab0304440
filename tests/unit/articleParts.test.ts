import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/runtime/csv.ts';
import { REFERENCES, articleBibtex, citationNumber } from '../../src/build/bibliography.ts';
import { energyPairChart, pairTable, describePair } from '../../src/demos/style-vs-facts/charts.ts';
import { scaleTable } from '../../src/demos/scale-factor/charts.ts';
import { scaleCurves } from '../../src/demos/scale-factor/model.ts';
import { parseParams, writeParams } from '../../src/runtime/urlParams.ts';
import { peftDefaults, peftSchema, PEFT_PREFIX } from '../../src/demos/peft/params.ts';
import { measure, BUDGET_BYTES } from '../../scripts/size.mjs';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF, quoted fields with doubled quotes, full-precision numbers', () => {
    expect(toCsv({ columns: ['a', 'b,c'], rows: [[1 / 3, 'x"y'], [Number.NaN, '']] })).toBe(
      'a,"b,c"\r\n0.3333333333333333,"x""y"\r\n,\r\n',
    );
  });
});

describe('bibliography', () => {
  it('numbers citations by list position and rejects unknown keys', () => {
    expect(citationNumber(REFERENCES[0]!.id)).toBe(1);
    expect(() => citationNumber('nobody2099')).toThrow(/Unknown citation "nobody2099"/);
    expect(new Set(REFERENCES.map((r) => r.id)).size).toBe(REFERENCES.length);
  });

  it('lists every reference, in the order the article first cites them', () => {
    const mdx = readFileSync(new URL('../../src/content/article/lora-rank.mdx', import.meta.url), 'utf8');
    const cited = [...new Set([...mdx.matchAll(/<Cite k="([^"]+)"/g)].map((m) => m[1]))];
    expect(cited).toEqual(REFERENCES.map((r) => r.id));
  });

  it('writes a BibTeX entry', () => {
    const bib = articleBibtex({ title: 'T', authors: ['A', 'B'], year: 2026, url: 'https://x.org/' });
    expect(bib).toMatch(/^@misc\{lorarank2026,/);
    expect(bib).toContain('author = {A and B}');
  });
});

describe('comparison charts', () => {
  it('labels each curve with a text mark of its own colour, inside the plot', () => {
    const chart = energyPairChart({ style: [0.9, 0.99, 1], facts: [0.2, 0.5, 1] }, { width: 320, height: 260 });
    const texts = (chart.marks ?? []).filter((m) => (m as { ariaLabel?: string }).ariaLabel === 'text');
    expect(texts).toHaveLength(2);
  });

  it('tabulates and describes a pair', () => {
    const pair = { style: [3, 1], facts: [2, 2] };
    expect(pairTable('i', 'σ', pair, 1)).toEqual({ columns: ['i', 'σ, style', 'σ, facts'], rows: [[1, 3, 2], [2, 1, 2]] });
    expect(describePair('S', pair, [1, 2, 9], 1)).toBe('S. Style: 3 at 1, 1 at 2. Facts: 2 at 1, 2 at 2.');
  });
});

describe('scale charts', () => {
  it('tabulates every curve', () => {
    const table = scaleTable(scaleCurves(16, 4));
    expect(table.rows.map((r) => r[0])).toEqual([1, 2, 4]);
    expect(table.columns).toHaveLength(7);
  });
});

describe('list parameters (PEFT target modules)', () => {
  it('reads known modules, ignores unknown ones with a notice, and writes them back', () => {
    const { state, notices } = parseParams(peftSchema, new URLSearchParams('peft-targets=v_proj,QKV,q_proj'), PEFT_PREFIX);
    expect(state.targets).toEqual(['q_proj', 'v_proj']);
    expect(notices).toEqual(['target_modules: "QKV" is not one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj; ignored.']);
    const params = writeParams(peftSchema, { ...peftDefaults, targets: ['o_proj'] }, new URLSearchParams('other=1'), PEFT_PREFIX);
    expect(params.toString()).toBe('other=1&peft-targets=o_proj');
    expect(writeParams(peftSchema, peftDefaults, new URLSearchParams(), PEFT_PREFIX).toString()).toBe('');
  });
});

describe('size budget', () => {
  it('counts stylesheets, inline code and eager module graphs, but not islands', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'size-'));
    mkdirSync(join(dist, '_astro'));
    writeFileSync(join(dist, '_astro', 'a.css'), 'body{color:red}');
    writeFileSync(join(dist, '_astro', 'main.js'), 'import "./dep.js"; import("./lazy.js");');
    writeFileSync(join(dist, '_astro', 'dep.js'), 'export const x = 1;');
    writeFileSync(join(dist, '_astro', 'lazy.js'), 'export const y = 2;');
    writeFileSync(join(dist, '_astro', 'island.js'), 'export default 1;');
    writeFileSync(
      join(dist, 'index.html'),
      '<html><head><link rel="stylesheet" href="/b/_astro/a.css"><script type="module" src="/b/_astro/main.js"></script><script>1</script></head>' +
        '<body><astro-island component-url="/b/_astro/island.js"></astro-island></body></html>',
    );
    const { eager, lazy, total } = await measure({ dist, base: '/b/' });
    expect(eager.map((e: { what: string }) => e.what)).toEqual(['stylesheet /b/_astro/a.css', 'script main.js', 'script dep.js', 'inline <script>']);
    expect(lazy.map((e: { what: string }) => e.what)).toEqual(['island island.js']);
    expect(total).toBeGreaterThan(0);
    expect(BUDGET_BYTES).toBe(100 * 1024);
  });
});
