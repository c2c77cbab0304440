import * as Plot from '@observablehq/plot';
import { FONT_SIZE } from './chartFrame.ts';
import { spreadLabels } from './spreadLabels.ts';

/** A label at the end of a line (or at any point), in data coordinates. */
export interface EndLabel {
  x: number;
  y: number;
  text: string;
  fill: string;
}

/** The vertical frame of a chart, as Plot lays it out. */
export interface VerticalFrame {
  /** The y scale's options; its domain must be explicit (labels are placed before Plot sees the data). */
  y: Plot.ScaleOptions;
  height: number;
  marginTop: number;
  marginBottom: number;
}

/**
 * Text marks for direct labels beside the points given, moved vertically
 * just enough that no two overlap ({@link spreadLabels}, one line height
 * apart) and none leaves the plot area.
 */
export function endLabels(
  labels: EndLabel[],
  frame: VerticalFrame,
  { dx = 6, textAnchor = 'start' }: { dx?: number; textAnchor?: 'start' | 'end' } = {},
): Plot.Markish[] {
  if (labels.length === 0) return [];
  const scale = Plot.scale({ y: { ...frame.y, range: [frame.height - frame.marginBottom, frame.marginTop] } });
  const wanted = labels.map((l) => scale.apply(l.y) as number);
  const gap = FONT_SIZE + 2;
  const half = FONT_SIZE / 2;
  const placed = spreadLabels(wanted, gap, frame.marginTop + half, frame.height - frame.marginBottom - half);
  return labels.map((l, i) =>
    Plot.text([l], {
      x: 'x',
      y: 'y',
      text: 'text',
      dx,
      dy: placed[i]! - wanted[i]!,
      textAnchor,
      fill: l.fill,
      fontWeight: 600,
      lineAnchor: 'middle',
    }),
  );
}
