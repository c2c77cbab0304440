import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The package.json of the package that `from` would load for `specifier`, by Node's resolution. */
function packageOf(specifier: string, from: string): { name: string; version: string; dir: string } {
  let dir = dirname(createRequire(from).resolve(specifier));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === specifier) return { name: pkg.name, version: pkg.version, dir };
    } catch {
      // not a package root: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json for ${specifier} above ${from}`);
    dir = up;
  }
}

const root = join(process.cwd(), 'package.json');

describe('KaTeX', () => {
  it('the renderer (rehype-katex) and the stylesheet and fonts (the layout imports) come from one katex', () => {
    // Two copies typeset markup with one version's classes and style it with another's rules:
    // every sub- and superscript lands in the wrong place. package.json's "overrides" keeps one.
    const layoutKatex = packageOf('katex', root);
    const rehype = packageOf('rehype-katex', root);
    const rendererKatex = packageOf('katex', join(rehype.dir, 'package.json'));
    expect(rendererKatex.version).toBe(layoutKatex.version);
    expect(rendererKatex.dir).toBe(layoutKatex.dir);
  });

  it('the layout loads the stylesheet of the root katex package', () => {
    const layout = readFileSync(join(process.cwd(), 'src/layouts/Article.astro'), 'utf8');
    expect(layout).toMatch(/import 'katex\/dist\/katex\.min\.css'/);
  });
});
