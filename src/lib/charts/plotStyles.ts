/**
 * Plot puts a <style> element inside every chart it draws. Each one added to
 * or removed from the page makes the browser rebuild its style rules and
 * restyle every element they match: with a dozen charts and a chart redrawn
 * several times a second, that is most of a frame. So the site keeps Plot's
 * base rules once, in global.css (`.plot-d6a7b5…`, Plot's default class), and
 * strips the per-chart copies, both from the static SVG rendered at build time
 * and from each live chart before it is inserted.
 */

/** Removes Plot's per-chart <style> elements from `node` (an SVG or a legend figure); returns it. */
export function stripPlotStyles<T extends { querySelectorAll(selector: string): ArrayLike<{ remove(): void }> }>(node: T): T {
  const styles = Array.from(node.querySelectorAll('style'));
  for (const style of styles) style.remove();
  return node;
}
