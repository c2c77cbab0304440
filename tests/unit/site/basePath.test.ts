import { describe, expect, it } from 'vitest';
import { basePath } from '../../../scripts/basePath.mjs';

describe('basePath', () => {
  it('serves at / when unset or empty', () => {
    expect(basePath(undefined)).toBe('/');
    expect(basePath('')).toBe('/');
    expect(basePath('/')).toBe('/');
  });

  it('adds the slashes Astro expects', () => {
    expect(basePath('lora-rank')).toBe('/lora-rank/');
    expect(basePath('/lora-rank')).toBe('/lora-rank/');
    expect(basePath('/org/lora-rank/')).toBe('/org/lora-rank/');
  });

  it('refuses paths that would deploy a broken site', () => {
    expect(() => basePath('/a/../b')).toThrow(/plain URL path/);
    expect(() => basePath('https://x.io/a')).toThrow(/received/);
    expect(() => basePath('a b')).toThrow();
  });
});
