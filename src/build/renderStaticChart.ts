import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { type ChartBuilder, type ChartHeights, type ChartSize, DEFAULT_HEIGHTS, STATIC_WIDTHS } from '../runtime/charts/chartFrame.ts';
import { cleanPlotNode, withPlotClass } from '../runtime/charts/plotStyles.ts';

/**
 * Renders Plot options to an SVG string on the server (at build time), using
 * linkedom as the minimal document Plot draws into. Build-time only: never
 * import this from browser code (linkedom stays out of the bundles).
 */
export function renderStaticPlot(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const node = cleanPlotNode(Plot.plot({ ...withPlotClass(options), document: document as unknown as Document }));
  return (node as unknown as { outerHTML: string }).outerHTML;
}

/**
 * A chart for readers without JavaScript and for the moment before an island
 * hydrates: the builder drawn at a phone's width and at a page column's
 * width, each in its own element (`chart-static-narrow`, `chart-static-wide`);
 * ChartFigure's container query shows the one that fits, so text is never
 * scaled down to unreadable sizes.
 */
export function renderStaticChart(chart: ChartBuilder, heights: ChartHeights = DEFAULT_HEIGHTS): string {
  const at = (size: ChartSize) => renderStaticPlot({ ...chart(size), ...size });
  const narrow = at({ width: STATIC_WIDTHS.narrow, height: heights.narrow });
  const wide = at({ width: STATIC_WIDTHS.wide, height: heights.wide });
  return `<div class="chart-static-narrow">${narrow}</div><div class="chart-static-wide">${wide}</div>`;
}
