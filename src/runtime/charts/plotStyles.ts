import type * as Plot from '@observablehq/plot';

/**
 * What every chart shares before Plot draws it, live or at build time.
 *
 * Plot puts a <style> element inside every chart it draws. Each one added to
 * or removed from the page makes the browser rebuild its style rules and
 * restyle every element they match: with a dozen charts and a chart redrawn
 * several times a second, that is most of a frame. So every chart gets one
 * fixed class ({@link PLOT_CLASS}) whose base rules live once in the site's
 * CSS, and the per-chart copies are stripped. Plot also labels its groups
 * with `aria-label`; inside the chart box (one `role="img"` with its own
 * label and description) those are prohibited attributes and noise for
 * screen readers, so they go too, and the SVG itself is hidden from them.
 */
export const PLOT_CLASS = 'chart-svg';

/** The options with the site's fixed class name. */
export function withPlotClass(options: Plot.PlotOptions): Plot.PlotOptions {
  return { ...options, className: PLOT_CLASS };
}

interface NodeLike {
  querySelectorAll(selector: string): ArrayLike<{ remove(): void; removeAttribute(name: string): void }>;
  setAttribute(name: string, value: string): void;
}

/** Strips Plot's per-chart <style> elements and `aria-*` labels from `node`, hides it from assistive technology; returns it. */
export function cleanPlotNode<T extends NodeLike>(node: T): T {
  for (const style of Array.from(node.querySelectorAll('style'))) style.remove();
  for (const el of Array.from(node.querySelectorAll('[aria-label], [aria-description]'))) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  node.setAttribute('aria-hidden', 'true');
  return node;
}
