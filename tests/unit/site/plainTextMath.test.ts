import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file under `dir` with one of the extensions. */
function files(dir: string, exts: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, exts);
    return exts.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

/** String literals and template text of a TypeScript or Svelte source, comments left out. */
function visibleStrings(source: string): string[] {
  const withoutComments = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('math in captions, labels and text alternatives', () => {
  it('is written as typeset text: no TeX subscripts (‖ΔW‖_F, σ_i, D_r) outside KaTeX', () => {
    // Names in code (use_rslora, q_proj, lora_alpha) are fine; a norm, sigma or matrix followed by "_" is not.
    const texLike = /(‖_|‖²_|σ_|Δ\w*_|\bD_r\b|\\[a-zA-Z]+\{)/;
    const offenders = files('src', ['.ts', '.svelte', '.astro']).flatMap((path) =>
      visibleStrings(readFileSync(path, 'utf8'))
        .filter((s) => texLike.test(s))
        .map((s) => `${path}: ${s.slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });
});
