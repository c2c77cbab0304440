#!/usr/bin/env node
/**
 * `npm run size`: the JavaScript and CSS a reader downloads before the first
 * demo comes into view, gzip-compressed, against a budget of 100 KB.
 *
 * Counted: stylesheets linked from the page, inline <style> and <script>,
 * module scripts the page loads eagerly and everything they import
 * statically. Not counted: islands (`client:visible` loads them only when
 * they scroll into view; listed for information), fonts and images.
 * Reads the production build in dist/ (run `astro build` first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';
import { parseHTML } from 'linkedom';

export const BUDGET_BYTES = 100 * 1024;

const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Maps a URL path in the page (with the base) to a file in dist/. */
function fileFor(dist, base, url) {
  const path = url.split(/[?#]/)[0];
  const rel = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
  return join(dist, rel);
}

/** All files a module imports statically, transitively (dynamic imports are lazy: not followed). */
function moduleGraph(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const [imports] = parse(readFileSync(file, 'utf8'));
    for (const imp of imports) {
      // es-module-lexer 2 names the fields `type`/`specifier` (1.x: `d === -1`/`n`).
      const isStatic = imp.type !== undefined ? imp.type === 'static' : imp.d === -1;
      const specifier = imp.specifier ?? imp.n;
      if (!isStatic || !specifier || !specifier.startsWith('.')) continue;
      stack.push(join(dirname(file), specifier));
    }
  }
  return [...seen];
}

/** Measures one built page; returns { eager: [{ what, bytes }], lazy: [...], total }. */
export async function measure({ dist = 'dist', page = 'index.html', base = '/' } = {}) {
  await init; // the lexer's WebAssembly must be ready before parse()
  const html = readFileSync(join(dist, page), 'utf8');
  const { document } = parseHTML(html);
  const eager = [];
  const lazy = [];
  const counted = new Set();
  const addFile = (list, file, what) => {
    if (counted.has(file)) return;
    counted.add(file);
    list.push({ what, bytes: gz(readFileSync(file)) });
  };
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    addFile(eager, fileFor(dist, base, link.getAttribute('href')), `stylesheet ${link.getAttribute('href')}`);
  }
  for (const style of document.querySelectorAll('style')) eager.push({ what: 'inline <style>', bytes: gz(style.textContent) });
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    if (src) {
      for (const file of moduleGraph(fileFor(dist, base, src))) addFile(eager, file, `script ${posix.basename(file)}`);
    } else if (script.textContent.trim()) {
      eager.push({ what: 'inline <script>', bytes: gz(script.textContent) });
    }
  }
  for (const island of document.querySelectorAll('astro-island')) {
    for (const attr of ['component-url', 'renderer-url']) {
      const url = island.getAttribute(attr);
      if (!url) continue;
      for (const file of moduleGraph(fileFor(dist, base, url))) addFile(lazy, file, `island ${posix.basename(file)}`);
    }
  }
  const total = eager.reduce((sum, item) => sum + item.bytes, 0);
  return { eager, lazy, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');
  const { eager, lazy, total } = await measure({ base });
  console.log('Loaded before the first demo (gzip):');
  for (const item of eager) console.log(`  ${kb(item.bytes).padStart(9)}  ${item.what}`);
  const lazyTotal = lazy.reduce((sum, item) => sum + item.bytes, 0);
  console.log(`Loaded when demos scroll into view (gzip, not budgeted): ${kb(lazyTotal)} in ${lazy.length} files`);
  const ok = total <= BUDGET_BYTES;
  console.log(`${ok ? '✔' : '✘'} ${kb(total)} of JavaScript and CSS before the first demo; budget ${kb(BUDGET_BYTES)}`);
  process.exit(ok ? 0 : 1);
}
