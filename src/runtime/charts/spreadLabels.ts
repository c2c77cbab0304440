/**
 * Moves label positions (pixels along one axis) apart so that any two are
 * at least `gap` apart, each as little as possible and all within [lo, hi]
 * (when they fit): the direct labels at the ends of lines that finish close
 * together (two series ending at the same value) then never print on top of
 * each other. Returns the new positions in the input's order.
 *
 * Sorted positions are packed into clusters; a cluster of n labels is centred
 * on the mean of its wishes and spans (n − 1)·gap, and clusters that touch
 * merge, until none overlap (the classic 1-D label-placement pass).
 *
 * @example
 * spreadLabels([100, 104, 200], 14); // [95, 109, 200]
 */
export function spreadLabels(positions: number[], gap: number, lo = Number.NEGATIVE_INFINITY, hi = Number.POSITIVE_INFINITY): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  interface Cluster {
    start: number;
    items: { p: number; i: number }[];
  }
  const clusters: Cluster[] = [];
  const place = (c: Cluster) => {
    const n = c.items.length;
    const mean = c.items.reduce((s, x) => s + x.p, 0) / n;
    const span = (n - 1) * gap;
    let start = mean - span / 2;
    if (start + span > hi) start = hi - span;
    if (start < lo) start = lo;
    c.start = start;
  };
  for (const item of order) {
    const c: Cluster = { start: item.p, items: [item] };
    place(c);
    clusters.push(c);
    // Merge backwards while the last two clusters overlap.
    while (clusters.length > 1) {
      const b = clusters[clusters.length - 1]!;
      const a = clusters[clusters.length - 2]!;
      if (a.start + (a.items.length - 1) * gap + gap <= b.start + 1e-9) break;
      a.items.push(...b.items);
      clusters.pop();
      place(a);
    }
  }
  const out = new Array<number>(positions.length);
  for (const c of clusters) c.items.forEach((item, k) => (out[item.i] = c.start + k * gap));
  return out;
}
