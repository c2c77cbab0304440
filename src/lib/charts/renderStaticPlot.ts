import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { stripPlotStyles } from './plotStyles.ts';

/**
 * Renders Plot options to an SVG string on the server (at build time), using
 * linkedom as the minimal document Plot draws into. The page then reads fully
 * without JavaScript; the live island replaces the SVG when it hydrates.
 * Never import this from browser code: linkedom stays out of the bundles.
 */
export function renderStaticPlot(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const node = stripPlotStyles(Plot.plot({ ...options, document: document as unknown as Document }));
  return (node as unknown as { outerHTML: string }).outerHTML;
}
