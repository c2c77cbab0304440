/**
 * Shared geometry and colours of the site's charts. Charts are drawn at a
 * fixed size in a viewBox and scaled by CSS, so the static SVG rendered at
 * build time and the live one drawn in the browser occupy exactly the same
 * box: swapping them causes no layout shift.
 */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 300;

/** Every chart's root style: transparent (the page's background shows), text in the page's colour. */
export const CHART_STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** Colours are CSS custom properties so light and dark themes restyle charts without redrawing. */
export const COLORS = {
  primary: 'var(--chart-1)',
  secondary: 'var(--chart-2)',
  muted: 'var(--chart-muted)',
  rule: 'var(--chart-rule)',
} as const;

/** Formats a number for chart labels and readouts: 3 significant digits, no exponent for ordinary sizes. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return Number(x.toPrecision(digits)).toString();
  return x.toExponential(digits - 1);
}
