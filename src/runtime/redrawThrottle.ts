/** A throttle for redraws of streamed results; see {@link redrawThrottle}. */
export interface RedrawThrottle {
  /** Something new arrived: redraw after the current task if the last redraw is at least `ms` old, else once it is. */
  poke(): void;
  /** Redraw now, as the last redraw of the run (`final`), cancelling a pending one. */
  flush(): void;
  /** Cancel a pending redraw (the run was replaced). */
  cancel(): void;
}

/**
 * Calls `redraw(false)` at most every `ms` while messages arrive, on the leading
 * edge: the first message is drawn at once (a reader sees the run start, and
 * a run shorter than `ms` still shows progress before its end; a CI run saw
 * none when the first redraw waited `ms`), later ones at most every `ms`.
 * Even "at once" goes through a timer, so messages that arrive together are
 * drawn together; `flush` calls `redraw(true)`. `now` is injectable for tests.
 */
export function redrawThrottle(redraw: (final: boolean) => void, ms: number, now: () => number = () => performance.now()): RedrawThrottle {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let drawnAt = -Infinity;
  const draw = (final: boolean) => {
    pending = null;
    drawnAt = now();
    redraw(final);
  };
  return {
    poke() {
      pending ??= setTimeout(() => draw(false), Math.max(0, drawnAt + ms - now()));
    },
    flush() {
      if (pending) clearTimeout(pending);
      draw(true);
    },
    cancel() {
      if (pending) clearTimeout(pending);
      pending = null;
    },
  };
}
