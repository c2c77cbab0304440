#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order, with one summary.
 *
 *   1. type checks: `astro check` (site) and `tsc --noEmit` (core); ESLint
 *      (with the dependency rules) and Prettier in check mode
 *   2. unit tests: Vitest (core and the site's pure modules)
 *   3. the production build under a non-root base path (/lora-rank/), and
 *      its size budget (scripts/size.mjs), and no build-only code in its client
 *      bundles (scripts/clientBundles.mjs)
 *   4. end-to-end tests: Playwright in the system's Chromium against that build
 *
 * A failing step does not hide the others' results (the e2e step is skipped
 * only when the build failed). The last line is `N passed, N failed`, counting
 * every unit and e2e test that ran plus one failure per failed check or build,
 * and is also written to test-results/summary.txt for .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const E2E_BASE = '/lora-rank/';
const results = 'test-results';
mkdirSync(results, { recursive: true });
for (const f of ['vitest.json', 'playwright.json', 'summary.txt']) rmSync(`${results}/${f}`, { force: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(title, command, args, env) {
  if (!run(title, command, args, env)) {
    failed += 1;
    failures.push(title);
    return false;
  }
  return true;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('type check (site)', 'npx', ['astro', 'check']);
check('type check (core)', 'npx', ['tsc', '--noEmit', '-p', 'packages/core']);
check('lint (ESLint: recommended rules and the dependency rules)', 'npx', ['eslint', '.']);
check('format (Prettier, check mode)', 'npx', ['prettier', '--check', '.']);

const unitOk = run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/vitest.json`,
]);
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitest.numFailedTests > 0) failures.push(`${vitest.numFailedTests} unit test(s)`);
}
if (!unitOk && (!vitest || vitest.numFailedTests === 0)) {
  failed += 1;
  failures.push('unit test run (crashed or a file failed to load)');
}

const built = check('build (base path /lora-rank/)', 'npx', ['astro', 'build'], { BASE_PATH: E2E_BASE });

if (built) {
  check('size budget (JS + CSS before the first demo)', 'node', ['scripts/size.mjs'], { BASE_PATH: E2E_BASE });
  check('no build-only code in the client bundles', 'node', ['scripts/clientBundles.mjs']);
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test'], { CI: process.env.CI ?? '' });
  const pw = readJson(`${results}/playwright.json`);
  if (pw?.stats) {
    passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    failed += pw.stats.unexpected;
    if (pw.stats.unexpected > 0) failures.push(`${pw.stats.unexpected} e2e test(s)`);
  }
  if (!e2eOk && (!pw?.stats || pw.stats.unexpected === 0)) {
    failed += 1;
    failures.push('e2e run (could not start: see the message above)');
  }
} else if (existsSync('dist')) {
  console.log('Skipping the end-to-end tests: the build failed.');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${results}/summary.txt`, `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
