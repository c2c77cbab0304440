import type * as Plot from '@observablehq/plot';

/**
 * Shared geometry, text and colours of the site's charts.
 *
 * A chart is a pure function of its size ({@link ChartBuilder}): the live
 * island measures its box and draws at exactly that many CSS pixels (so text
 * is never scaled down, whatever the screen), and the build renders the same
 * builder at two fixed sizes for readers without JavaScript (a narrow and a
 * wide SVG, one shown by a container query). The box's height is reserved by
 * CSS from {@link ChartHeights} before anything is drawn, so swapping the
 * static SVG for the live one causes no layout shift.
 */

/** The size a chart is drawn at, in CSS pixels. */
export interface ChartSize {
  width: number;
  height: number;
}

/** Draws a chart at a size: what every chart module exports. */
export type ChartBuilder = (size: ChartSize) => Plot.PlotOptions;

/** Box heights (CSS px) of a chart below and from {@link WIDE_FROM} px of width. */
export interface ChartHeights {
  narrow: number;
  wide: number;
}

export const DEFAULT_HEIGHTS: ChartHeights = { narrow: 260, wide: 300 };

/** Container width (CSS px) from which a chart uses its wide height and layout. */
export const WIDE_FROM = 440;

/**
 * Widths the static SVGs are drawn at. The narrow one fits the 320 px column
 * of a 360 px phone; the wide one is drawn at the narrowest wide box it is shown in
 * (two charts side by side at page width are about 470 px), so that static
 * text is never scaled below 12 × 440 / 470 ≈ 11.2 px. Wider boxes centre it.
 */
export const STATIC_WIDTHS = { narrow: 320, wide: 470 } as const;

/** The box height for a width (the CSS container query applies the same rule). */
export function chartHeight(width: number, heights: ChartHeights = DEFAULT_HEIGHTS): number {
  return width >= WIDE_FROM ? heights.wide : heights.narrow;
}

/** True when a chart of this size uses its wide layout. */
export function isWide(size: ChartSize): boolean {
  return size.width >= WIDE_FROM;
}

/** Text size of every chart label, in CSS px (the pages' tests require at least 11). */
export const FONT_SIZE = 12;

/** Every chart's root style: transparent (the page's background shows), text in the page's colour. */
export const CHART_STYLE = { background: 'transparent', color: 'currentColor', fontSize: `${FONT_SIZE}px` } as const;

/** Colours are CSS custom properties so light and dark themes restyle charts without redrawing. */
export const COLORS = {
  primary: 'var(--chart-1)',
  secondary: 'var(--chart-2)',
  muted: 'var(--chart-muted)',
  rule: 'var(--chart-rule)',
} as const;

/**
 * An upper bound of the width of `text` at {@link FONT_SIZE} in the system
 * sans-serif (0.62 em a character; digits and lower case average about
 * 0.55 em), used to reserve margins for labels before Plot measures anything.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return Math.ceil(text.length * 0.62 * fontSize);
}

/** Formats a number for chart labels and readouts: 3 significant digits, no exponent for ordinary sizes. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return Number(x.toPrecision(digits)).toString();
  return x.toExponential(digits - 1);
}

/** A signed number with a fixed number of decimals and a true minus sign: "+0.03", "−0.97". */
export function fmtSigned(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const text = Math.abs(x).toFixed(decimals);
  return Number(text) === 0 ? text : `${x < 0 ? '−' : '+'}${text}`;
}

/** "mean ± sd" as the prose and the tables print a statistic over seeds: "−0.97 ± 0.06". */
export function fmtMeanSd(mean: number, sd: number, decimals = 2): string {
  return `${fmtSigned(mean, decimals)} ± ${sd.toFixed(decimals)}`;
}
