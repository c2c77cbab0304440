#!/usr/bin/env node
/**
 * Checks the production build's client bundles (dist/_astro/*.js, the code
 * readers download, workers included) for build-only code: the server DOM
 * (linkedom) that renders the static charts, and the modules of src/build/.
 * ESLint's dependency rules keep imports out of them; this checks the result.
 * Exits 1, naming the files, when any is found.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Strings that only build-only code contains and minification keeps: linkedom's error messages, and the BibTeX template. (The modules of src/build/ are kept out by ESLint's import rules.) */
export const BUILD_ONLY_MARKERS = ['unable to initialize this Custom Element', 'unable to append a node to itself', '@misc{'];

/** The client files of a build and the markers each contains. */
export function buildOnlyCode(dist = 'dist') {
  const dir = join(dist, '_astro');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: join(dir, f), found: BUILD_ONLY_MARKERS.filter((m) => readFileSync(join(dir, f), 'utf8').includes(m)) }))
    .filter((r) => r.found.length > 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bad = buildOnlyCode();
  for (const { file, found } of bad) console.log(`✘ ${file} contains build-only code: ${found.join(', ')}`);
  if (bad.length > 0) process.exit(1);
  console.log('✔ no build-only code in the client bundles');
}
