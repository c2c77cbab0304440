/**
 * The part of a `Blob` (or `File`) the readers use: its size and `slice`.
 * Browsers' `File`, Node's `Blob` and anything else with these two members
 * work. Only the byte ranges asked for are ever read, so a multi-gigabyte
 * checkpoint is never loaded whole.
 */
export interface BlobLike {
  /** Size in bytes. */
  readonly size: number;
  /** The bytes [start, end) as a new blob-like object. */
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Reads bytes [start, end) of a blob. @internal
 */
export async function readBytes(blob: BlobLike, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}
