/**
 * The SVG path of a spectrum sparkline: σ_i against i on a log scale
 * (so decay shows as slope whatever the size), drawn in a `width × height`
 * box. Values at or below `floor`·σ₁ (zeros included) are clamped to the
 * bottom edge. An empty or all-zero spectrum gives a flat line at the bottom.
 */
export function sparklinePath(s: ArrayLike<number>, width = 120, height = 24, floor = 1e-6): string {
  const n = s.length;
  const top = n > 0 ? s[0]! : 0;
  if (n === 0 || !(top > 0)) return `M0,${height}H${width}`;
  const lo = Math.log10(floor);
  const y = (v: number) => {
    const t = v > 0 ? Math.max(lo, Math.log10(v / top)) : lo;
    return ((t / lo) * (height - 2) + 1).toFixed(1);
  };
  if (n === 1) return `M0,${y(s[0]!)}H${width}`;
  const parts: string[] = [];
  // At most one point per horizontal pixel: long spectra are subsampled.
  const step = Math.max(1, Math.floor(n / width));
  for (let i = 0; i < n; i += step) parts.push(`${((i / (n - 1)) * width).toFixed(1)},${y(s[i]!)}`);
  if ((n - 1) % step !== 0) parts.push(`${width},${y(s[n - 1]!)}`);
  return `M${parts.join('L')}`;
}
