/**
 * Spreads chart drawing over animation frames: at most one chart is drawn
 * per frame, so that drawing several charts at once (a demo with four
 * charts updating together) never puts all their scripting, style, layout
 * and paint into one long task. A chart that asks again before its turn just
 * replaces its pending draw (only the latest options matter).
 */
type Draw = () => void;

const pending = new Map<object, Draw>();
let scheduled = false;

function pump() {
  scheduled = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [key, draw] = next.value;
  pending.delete(key);
  draw();
  if (pending.size > 0) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // Draw right after the next frame is presented: one chart's paint per frame.
  requestAnimationFrame(() => setTimeout(pump, 0));
}

/** Queues `draw` for `key` (replacing a pending draw of the same key); returns a cancel function. */
export function queueDraw(key: object, draw: Draw): () => void {
  pending.set(key, draw);
  schedule();
  return () => {
    if (pending.get(key) === draw) pending.delete(key);
  };
}
