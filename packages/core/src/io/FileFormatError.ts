/**
 * A file that cannot be read as what it claims to be: a truncated file, a
 * header that lies about offsets or sizes, an unknown dtype, a tensor of the
 * wrong dimensionality. The message names the file (and the tensor, when
 * there is one) and says what is wrong, so it can be shown to a reader as is.
 *
 * @example
 * try {
 *   await readSafetensorsHeader(file, file.name);
 * } catch (e) {
 *   if (e instanceof FileFormatError) console.log(e.file, e.message);
 * }
 */
export class FileFormatError extends Error {
  override name = 'FileFormatError';
  /** The file's name as the caller gave it. */
  readonly file: string;
  /** The tensor concerned, when the problem is with one tensor. */
  readonly tensor: string | undefined;

  constructor(file: string, problem: string, tensor?: string) {
    super(tensor === undefined ? `${file}: ${problem}` : `${file}, tensor "${tensor}": ${problem}`);
    this.file = file;
    this.tensor = tensor;
  }
}
