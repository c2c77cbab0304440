import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCES, articleBibtex, citationNumber } from '../../../src/build/bibliography.ts';

describe('bibliography', () => {
  it('numbers citations by list position and rejects unknown keys', () => {
    expect(citationNumber(REFERENCES[0]!.id)).toBe(1);
    expect(() => citationNumber('nobody2099')).toThrow(/Unknown citation "nobody2099"/);
    expect(new Set(REFERENCES.map((r) => r.id)).size).toBe(REFERENCES.length);
  });

  it('lists every reference, in the order the article first cites them', () => {
    const mdx = readFileSync(new URL('../../../src/content/article/lora-rank.mdx', import.meta.url), 'utf8');
    const cited = [...new Set([...mdx.matchAll(/<Cite k="([^"]+)"/g)].map((m) => m[1]))];
    expect(cited).toEqual(REFERENCES.map((r) => r.id));
  });

  it('writes a BibTeX entry', () => {
    const bib = articleBibtex({ title: 'T', authors: ['A', 'B'], year: 2026, url: 'https://x.org/' });
    expect(bib).toMatch(/^@misc\{lorarank2026,/);
    expect(bib).toContain('author = {A and B}');
  });
});
