/** A point in pixels. */
export interface Px {
  x: number;
  y: number;
}

/** An axis-aligned box in pixels (top < bottom, as on screen). */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** True when the segment a–b passes through (or touches) the box. */
export function segmentHitsBox(a: Px, b: Px, box: Box): boolean {
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - box.left],
    [dx, box.right - a.x],
    [-dy, a.y - box.top],
    [dy, box.bottom - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The first place for a label of size `w × h` next to one of the `anchors`
 * (tried in order; at each, above-right, below-right, above-left, then
 * below-left, `gap` px away) that stays inside `frame` and touches neither
 * a line (polylines in pixels) nor a box already `taken`. Null when there is
 * none. Direct labels placed this way never sit on a curve or another label.
 */
export function freeSpot(anchors: Px[], size: { w: number; h: number }, frame: Box, lines: Px[][], taken: Box[] = [], gap = 4): Box | null {
  const { w, h } = size;
  for (const p of anchors) {
    const candidates: Box[] = [
      { left: p.x + gap, right: p.x + gap + w, top: p.y - gap - h, bottom: p.y - gap },
      { left: p.x + gap, right: p.x + gap + w, top: p.y + gap, bottom: p.y + gap + h },
      { left: p.x - gap - w, right: p.x - gap, top: p.y - gap - h, bottom: p.y - gap },
      { left: p.x - gap - w, right: p.x - gap, top: p.y + gap, bottom: p.y + gap + h },
    ];
    for (const box of candidates) {
      if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) continue;
      if (taken.some((t) => boxesOverlap(t, box))) continue;
      if (lines.some((line) => line.some((a, i) => i > 0 && segmentHitsBox(line[i - 1]!, a, box)))) continue;
      return box;
    }
  }
  return null;
}

/** The corners a step-after line draws through its points. */
export function stepAfter(points: Px[]): Px[] {
  const out: Px[] = [];
  points.forEach((p, i) => {
    if (i > 0) out.push({ x: p.x, y: points[i - 1]!.y });
    out.push(p);
  });
  return out;
}
