// A few spare ArrayBuffers kept for reuse by one side of a pool's channel.
// Buffers travel between the pool and its workers by transfer; each side
// keeps what it receives after use and fills the next message from it
// instead of allocating. A freshly allocated buffer costs the page faults
// of its first touch, which dominate a message on some machines (measured
// on this project's 2-core VMs: 22 ms to allocate and first touch 8 MB,
// 0.3 ms to fill it again), and a structured clone always allocates anew.
// Internal to the package.

/** @internal */
export interface BufferStock {
  /** A Float64Array of `length` over a spare buffer big enough (the smallest such), or over a new one. */
  take(length: number): Float64Array;
  /** Keeps `buffer` for a later `take`; beyond `cap` spares, the smallest is dropped. */
  give(buffer: ArrayBufferLike): void;
  /** Spares held (for tests). */
  readonly size: number;
}

/**
 * @param cap Spares kept at most.
 * @param maxBytes Larger buffers are not kept (memory is worth more than
 *   their reuse). @internal
 */
export function bufferStock(cap = 3, maxBytes = 64 * 2 ** 20): BufferStock {
  const spares: ArrayBuffer[] = [];
  return {
    take(length) {
      const bytes = length * 8;
      let best = -1;
      for (let i = 0; i < spares.length; i++)
        if (spares[i].byteLength >= bytes && (best < 0 || spares[i].byteLength < spares[best].byteLength)) best = i;
      if (best < 0) return new Float64Array(length);
      const [buffer] = spares.splice(best, 1);
      return new Float64Array(buffer, 0, length);
    },
    give(buffer) {
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || buffer.byteLength > maxBytes) return;
      if (spares.includes(buffer)) return;
      spares.push(buffer);
      if (spares.length > cap) {
        let smallest = 0;
        for (let i = 1; i < spares.length; i++) if (spares[i].byteLength < spares[smallest].byteLength) smallest = i;
        spares.splice(smallest, 1);
      }
    },
    get size() {
      return spares.length;
    },
  };
}
