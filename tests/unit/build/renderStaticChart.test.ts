import { describe, expect, it } from 'vitest';
import { spectrumChart } from '../../../src/runtime/charts/spectrumChart.ts';
import { energyChart } from '../../../src/runtime/charts/energyChart.ts';
import { DEFAULT_HEIGHTS, STATIC_WIDTHS } from '../../../src/runtime/charts/chartFrame.ts';
import { renderStaticChart, renderStaticPlot } from '../../../src/build/renderStaticChart.ts';

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

  it("print a truncated spectrum's thresholds as beyond the values computed", () => {
    const svg = renderStaticPlot(
      energyChart({ energy: [0.05, 0.1, 0.14], rank90: null, rank99: null, total: 4096 }, { width: 470, height: 300 }),
    );
    expect(svg).toContain('90 % needs r &gt; 3');
    expect(svg).toContain('top 3 of 4096 computed');
  });
});
