import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measure, BUDGET_BYTES } from '../../../scripts/size.mjs';

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
    expect(eager.map((e: { what: string }) => e.what)).toEqual([
      'stylesheet /b/_astro/a.css',
      'script main.js',
      'script dep.js',
      'inline <script>',
    ]);
    expect(lazy.map((e: { what: string }) => e.what)).toEqual(['island island.js']);
    expect(total).toBeGreaterThan(0);
    expect(BUDGET_BYTES).toBe(100 * 1024);
  });
});
