import { describe, expect, it } from 'vitest';
import { spectrumChart, spectrumPoints, describeSpectrum } from '../../src/runtime/charts/spectrumChart.ts';
import { energyChart, energyPoints, describeEnergy } from '../../src/runtime/charts/energyChart.ts';
import { DEFAULT_HEIGHTS, STATIC_WIDTHS, fmt } from '../../src/runtime/charts/chartFrame.ts';
import { renderStaticChart, renderStaticPlot } from '../../src/build/renderStaticChart.ts';

describe('spectrumPoints', () => {
  it('numbers singular values from 1', () => {
    expect(spectrumPoints([3, 2, 0], 'linear')).toEqual([
      { i: 1, sigma: 3 },
      { i: 2, sigma: 2 },
      { i: 3, sigma: 0 },
    ]);
  });

  it('drops zeros on a log axis, where they cannot be drawn', () => {
    expect(spectrumPoints([3, 1e-20, 0], 'log')).toEqual([
      { i: 1, sigma: 3 },
      { i: 2, sigma: 1e-20 },
    ]);
  });
});

describe('energyPoints', () => {
  it('starts at (0, 0) and follows the cumulative shares', () => {
    expect(energyPoints([0.5, 0.9, 1])).toEqual([
      { r: 0, share: 0 },
      { r: 1, share: 0.5 },
      { r: 2, share: 0.9 },
      { r: 3, share: 1 },
    ]);
  });
});

describe('text alternatives', () => {
  it('describe the spectrum in numbers', () => {
    expect(describeSpectrum([5, 3.5, 2, 0.5])).toBe(
      '4 singular values, from 5 down to 0.5. The largest 4: 5, 3.5, 2, 0.5.',
    );
  });

  it('describe the energy curve with the 90 % and 99 % ranks', () => {
    const text = describeEnergy({ energy: [0.6, 0.95, 1, 1], rank90: 2, rank99: 3 });
    expect(text).toContain('60 % at r = 1');
    expect(text).toContain('100 % at r = 4');
    expect(text).toContain('90 % needs r = 2; 99 % needs r = 3 of 4');
  });
});

describe('fmt', () => {
  it('uses 3 significant digits and exponents only for extreme sizes', () => {
    expect(fmt(4.994811)).toBe('4.99');
    expect(fmt(0)).toBe('0');
    expect(fmt(1234567)).toBe('1.23e+6');
    expect(fmt(1.5e-7)).toBe('1.50e-7');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});

describe('static charts', () => {
  const svgs = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

  it('render a narrow and a wide SVG at the static widths and box heights, hidden from assistive technology', () => {
    const html = renderStaticChart((size) => spectrumChart({ s: [5, 3.5, 2, 0.5], planted: [5, 3.5], scale: 'linear' }, size));
    expect(html).toMatch(/^<div class="chart-static-narrow"><svg/);
    const [narrow, wide] = svgs(html);
    expect(narrow).toContain(`viewBox="0 0 ${STATIC_WIDTHS.narrow} ${DEFAULT_HEIGHTS.narrow}"`);
    expect(wide).toContain(`viewBox="0 0 ${STATIC_WIDTHS.wide} ${DEFAULT_HEIGHTS.wide}"`);
    for (const svg of [narrow!, wide!]) {
      expect(svg).toContain('aria-hidden="true"');
      // Plot labels its groups; inside the chart's role="img" box those are prohibited attributes.
      expect(svg).not.toContain('aria-label');
      expect(svg).not.toContain('<style');
      expect(svg).toContain('class="chart-svg"');
      expect(svg).toContain('var(--chart-1)');
      expect(svg).not.toContain('NaN');
    }
  });

  it('render the log spectrum and the energy curve without NaN or SI prefixes', () => {
    const size = { width: 320, height: 260 };
    for (const options of [
      spectrumChart({ s: [5, 1e-3, 1e-9, 0], scale: 'log' }, size),
      energyChart({ energy: [0.5, 0.95, 1], rank90: 2, rank99: 3 }, size),
      energyChart({ energy: [0.05, 0.1, 0.14], rank90: null, rank99: null, total: 4096 }, size),
    ]) {
      const svg = renderStaticPlot(options);
      expect(svg).toContain('<svg');
      expect(svg).not.toContain('NaN');
      expect(svg).not.toMatch(/>\d+(\.\d+)?[mµnpfa]</);
    }
  });

  it('print a truncated spectrum\'s thresholds as beyond the values computed', () => {
    const svg = renderStaticPlot(energyChart({ energy: [0.05, 0.1, 0.14], rank90: null, rank99: null, total: 4096 }, { width: 470, height: 300 }));
    expect(svg).toContain('90 % needs r &gt; 3');
    expect(svg).toContain('top 3 of 4096 computed');
  });
});
