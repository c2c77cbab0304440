// `npm run bench`: every benchmark figure in one run. First the core's
// benches in Node (svd, training, analysis paths, language model, kernels,
// each beside NumPy or a plain reference timed in the same run), then, when
// a Chromium is installed, the site's production build and the same
// kernels, training steps and the analysis page in Chromium
// (`bench:browser`: its page half writes a 1B-shaped checkpoint pair, 5 GB,
// to a temporary directory and deletes it). Figures, never assertions.
//
//   npm run bench                       (all of it; 8–10 minutes on 2 cores)
//   npm run bench -- --no-browser       (the Node half only; other arguments go to it:
//                                        sizes, --no-analysis, --no-lm, --no-kernels, --svd-only)
//   npm run bench -- --no-node          (the Chromium half only, on a fresh build)
//   npm run bench:browser -- …          (the Chromium half with its own options, on dist/ as it is)

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './findChromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const own = new Set(['--no-browser', '--no-node']);
const coreArgs = args.filter((a) => !own.has(a));

/** Runs `command` in the repository with this terminal; returns whether it succeeded. */
function run(command: string, commandArgs: string[]): boolean {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

let ok = true;
if (!args.includes('--no-node')) {
  ok = run(process.execPath, ['packages/core/bench/bench.ts', ...coreArgs]) && ok;
}
if (!args.includes('--no-browser')) {
  let chromium: string | undefined;
  try {
    chromium = findChromium();
  } catch (e) {
    console.log(`\nThe Chromium half is skipped: ${(e as Error).message}`);
  }
  if (chromium !== undefined) {
    console.log('\nBuilding the site under /lora-rank/ for the Chromium half (the analysis page is measured on this build) …');
    const built = run('npm', ['run', 'build:e2e']);
    if (!built) {
      console.log('The build failed: the Chromium half is skipped.');
      ok = false;
    } else ok = run(process.execPath, ['scripts/benchBrowser.ts']) && ok;
  }
}
process.exit(ok ? 0 : 1);
