/**
 * Module-level scratch arrays for the temporaries of a synchronous
 * computation whose result does not keep them (the work copy of a
 * values-only svd, its QR's reflectors), kept for the next call by name. On
 * the project's VMs a fresh array costs its first touch, ~3 ms per MB
 * (Chromium and Node alike): a values-only svd of 1024 × 1024 made 24 MB of
 * them, a fifth of its time.
 *
 * Arrays of up to {@link SCRATCH_KEPT} entries are kept; larger ones are
 * allocated for the call and dropped, so one huge matrix does not pin its
 * memory for the life of the page or worker.
 */

/** The largest array kept between calls: 4 Mi doubles, 32 MB. @internal */
export const SCRATCH_KEPT = 4 * 1024 * 1024;

const kept = new Map<string, Float64Array>();

/**
 * An array of `length` doubles for the temporary `name`, its contents
 * unspecified (not zeroed). Valid until the next request of the same name:
 * never hold it across a call that may ask for it too. @internal
 */
export function scratch(name: string, length: number): Float64Array {
  if (length > SCRATCH_KEPT) return new Float64Array(length);
  let buffer = kept.get(name);
  if (buffer === undefined || buffer.length < length) {
    buffer = new Float64Array(length);
    kept.set(name, buffer);
  }
  return buffer.length === length ? buffer : buffer.subarray(0, length);
}
