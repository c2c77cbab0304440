// `npm run bench:browser`: the kernels and the analysis page measured in
// Debian's Chromium (headless, through Playwright), beside Node where the
// same code runs there, in one run. Figures, never assertions.
//
//   node scripts/benchBrowser.ts [--kernels] [--lm] [--page] [--no-pair] [--no-single] [--runs N] [--url URL] [--compare URL] [--keep]
//
// --kernels / --lm / --page: only those parts (default all three; --lm: the
// language model's default fine-tuning steps, see benchBrowser/lm.ts). The page half needs the
// production build under /lora-rank/ (`npm run build:e2e`); it serves it with
// `astro preview` unless --url points at a running one. It writes its files
// (an 8B-shaped adapter, a 1B-shaped pair of 2.5 GB checkpoints: --no-pair
// skips those, two large matrices) to a temporary directory and deletes them
// at the end (--keep keeps them). Each is analyzed with one worker
// (`?workers=1`; --no-single skips it) and with the default pool, and, with
// --compare URL, on another build of the site (e.g. main's, served apart),
// one after the other.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from './findChromium.mjs';
import { pageFigures, type PageVariant } from './benchBrowser/analyzePage.ts';
import { writeBenchFiles } from './benchBrowser/fixtures.ts';
import { freeCores } from './benchBrowser/freeCores.ts';
import { kernelFigures } from './benchBrowser/kernels.ts';
import { lmFigures } from './benchBrowser/lm.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const both = !flag('kernels') && !flag('page') && !flag('lm');
const root = fileURLToPath(new URL('..', import.meta.url));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

/** Serves dist/ with `astro preview` on a free port; resolves with its base URL and a way to stop it. */
async function preview(): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(join(root, 'dist', 'analyze', 'index.html'))) throw new Error('No build in dist/: run `npm run build:e2e` first.');
  const port = 4300 + Math.floor(Math.random() * 90);
  const child = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, BASE_PATH: '/lora-rank/' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const stop = () => {
    if (child.exitCode === null) process.kill(-child.pid!);
  };
  const url = `http://127.0.0.1:${port}/lora-rank/`;
  for (let i = 0; i < 120 && child.exitCode === null; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`astro preview did not answer at ${url} (one preview per project: pass --url to use a running one)\n${stderr}`);
}

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
console.log(`bench:browser — ${browser.version()} (Chromium), node ${process.version}; load average at start ${load()}`);
const cores = await freeCores();
console.log(`two threads of pure CPU work did ${cores.toFixed(2)}× the work of one in the same time (2.00: two free cores)`);
try {
  if (both || flag('kernels')) {
    const lines = await kernelFigures(browser, root, Number(option('runs') ?? 5));
    console.log(`\nkernels (medians, Chromium and Node interleaved; load average now ${load()})\n`);
    for (const line of lines) console.log(line);
  }
  if (both || flag('lm')) {
    const lines = await lmFigures(browser, root, Number(option('runs') ?? 3));
    console.log(`\nlanguage model training (medians; load average now ${load()})\n`);
    for (const line of lines) console.log(line);
  }
  if (both || flag('page')) {
    const server = option('url') ? { url: option('url')!, stop: () => {} } : await preview();
    const dir = await mkdtemp(join(tmpdir(), 'lora-rank-bench-'));
    try {
      const t0 = performance.now();
      const files = await writeBenchFiles(dir, { pair: !flag('no-pair') });
      console.log(
        `\nwrote the bench files to ${dir} in ${((performance.now() - t0) / 1000).toFixed(0)} s; the analysis page at ${server.url}\n`,
      );
      const variants: PageVariant[] = [];
      if (!flag('no-single')) variants.push({ label: 'this build, 1 worker', url: server.url, query: '?workers=1' });
      variants.push({ label: 'this build, default pool', url: server.url, query: '' });
      if (option('compare')) variants.push({ label: `${option('compare')}`, url: option('compare')!, query: '' });
      const lines = await pageFigures(browser, files, variants, { pair: !flag('no-pair') });
      console.log(`\nthe analysis page (load average now ${load()})\n`);
      for (const line of lines) console.log(line);
    } finally {
      server.stop();
      if (!flag('keep')) await rm(dir, { recursive: true, force: true });
      else console.log(`kept ${dir}`);
    }
  }
} finally {
  await browser.close();
}
