import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RANK_COLORS } from '../../src/lib/charts/labCharts.ts';
import { COLORS } from '../../src/lib/charts/chartFrame.ts';

const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');

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
    const dir = new URL('../../src/lib/charts/', import.meta.url);
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.ts')) for (const name of used(readFileSync(new URL(file, dir), 'utf8'))) names.add(name);
    }
    expect(names.size).toBeGreaterThan(4);
    for (const name of names) {
      expect(light.has(name), `${name} in :root`).toBe(true);
      expect(dark.has(name), `${name} in the dark theme`).toBe(true);
    }
  });
});
