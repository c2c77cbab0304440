/**
 * The part of a `Blob` (or `File`) the readers use: its size and `slice`.
 * Browsers' `File`, Node's `Blob` and anything else with these two members
 * work. Only the byte ranges asked for are ever read, so a multi-gigabyte
 * checkpoint is never loaded whole.
 */
export interface BlobLike {
  /** Size in bytes. */
  readonly size: number;
  /**
   * The bytes [start, end) as a new blob-like object. When it also has a
   * `stream()` that is a byte stream (browsers' and Node's Blobs), large
   * ranges are read through it into reused buffers (see {@link readPieces}).
   */
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer>; stream?(): ByteStream };
}

/** What {@link readPieces} needs of a Blob's `stream()`: a reader in "bring your own buffer" mode. */
export interface ByteStream {
  getReader(options: { mode: 'byob' }): {
    read(view: Uint8Array<ArrayBuffer>): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
  };
}

/**
 * Reads bytes [start, end) of a blob. @internal
 */
export async function readBytes(blob: BlobLike, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Byte buffers of finished reads, for the next ones (each read takes its own). */
const spareBuffers: ArrayBuffer[] = [];

/**
 * The bytes [start, end) of a blob, in consecutive pieces of `piece` bytes
 * (the last one shorter; a piece shorter than asked before the end means
 * the blob ended early). Each piece is a view valid until the next one is
 * asked for. Through the blob's byte stream into one buffer reused piece
 * after piece and read after read when the blob has one (a fresh
 * ArrayBuffer per piece costs its first touch: 20+ ms per 8 MB on some
 * machines, a second for a gigabyte checkpoint), else by `arrayBuffer()`
 * per piece. @internal
 */
export async function* readPieces(blob: BlobLike, start: number, end: number, piece: number): AsyncGenerator<Uint8Array> {
  const part = blob.slice(start, end);
  let reader: ReturnType<ByteStream['getReader']> | undefined;
  try {
    reader = typeof part.stream === 'function' ? part.stream().getReader({ mode: 'byob' }) : undefined;
  } catch {
    reader = undefined; // not a byte stream
  }
  if (reader === undefined) {
    for (let at = start; at < end; at += piece) {
      const bytes = await readBytes(blob, at, Math.min(end, at + piece));
      yield bytes;
      if (bytes.length < Math.min(end, at + piece) - at) return;
    }
    return;
  }
  const index = spareBuffers.findIndex((b) => b.byteLength >= piece);
  let buffer = index >= 0 ? spareBuffers.splice(index, 1)[0]! : new ArrayBuffer(piece);
  let finished = false;
  try {
    for (let at = start; at < end;) {
      const want = Math.min(piece, end - at);
      let filled = 0;
      let ended = false;
      while (filled < want) {
        const { done, value } = await reader.read(new Uint8Array(buffer, filled, want - filled));
        // The read transfers the buffer: continue in the one it hands back.
        if (value) buffer = value.buffer as ArrayBuffer;
        if (done) {
          ended = true;
          break;
        }
        filled += value!.byteLength;
      }
      yield new Uint8Array(buffer, 0, filled);
      if (ended || filled < want) return;
      at += filled;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    if (buffer.byteLength > 0 && spareBuffers.length < 4) spareBuffers.push(buffer);
  }
}
