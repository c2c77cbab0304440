import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RANK_COLORS } from '../../../src/demos/lab/charts.ts';
import { COLORS } from '../../../src/runtime/charts/chartFrame.ts';

const css = readFileSync(new URL('../../../src/styles/tokens.css', import.meta.url), 'utf8');

/** Custom properties declared in the first block that follows `marker`. */
function declared(marker: string): Set<string> {
  const start = css.indexOf(marker);
  const block = css.slice(start, css.indexOf('}', start));
  return new Set([...block.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]!));
}

const light = declared(':root {');
const dark = declared('@media (prefers-color-scheme: dark)');
const used = (text: string) => [...text.matchAll(/var\((--[a-z0-9-]+)\)/g)].map((m) => m[1]!);

describe('chart colours', () => {
  // A var() that no theme defines makes an SVG stroke invalid: the lines silently disappear.
  it('every colour a chart uses is defined in the light theme and overridden in the dark one', () => {
    const names = new Set([...used(RANK_COLORS.join(' ')), ...used(Object.values(COLORS).join(' '))]);
    // Every chart module: the shared ones and each demo's charts.ts.
    const chartFiles = [
      ...readdirSync('src/runtime/charts').map((f) => join('src/runtime/charts', f)),
      ...readdirSync('src/demos').map((d) => join('src/demos', d, 'charts.ts')),
    ].filter(
      (f) =>
        f.endsWith('.ts') &&
        (() => {
          try {
            readFileSync(f);
            return true;
          } catch {
            return false;
          }
        })(),
    );
    expect(chartFiles.length).toBeGreaterThan(8);
    for (const file of chartFiles) for (const name of used(readFileSync(file, 'utf8'))) names.add(name);
    expect(names.size).toBeGreaterThan(4);
    for (const name of names) {
      expect(light.has(name), `${name} in :root`).toBe(true);
      expect(dark.has(name), `${name} in the dark theme`).toBe(true);
    }
  });
});
