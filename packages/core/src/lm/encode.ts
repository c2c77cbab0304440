/**
 * The token ids of `text` in a character vocabulary (id i is `vocab[i]`).
 *
 * @throws RangeError naming the first character that is not in the
 *   vocabulary and its position.
 * @example
 * encode(' abc.', 'cab.'); // Int32Array [3, 1, 2, 4]
 */
export function encode(vocab: string, text: string): Int32Array {
  const ids = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const id = vocab.indexOf(text[i]);
    if (id < 0) {
      const c = text[i];
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw new RangeError(
        `encode: character ${JSON.stringify(c)} (U+${code}) at position ${i} is not in the vocabulary ${JSON.stringify(vocab)}`,
      );
    }
    ids[i] = id;
  }
  return ids;
}

/**
 * The text of token ids in a character vocabulary.
 *
 * @throws RangeError for an id outside 0..vocab.length − 1.
 * @example
 * decode(' abc.', [3, 1, 2, 4]); // 'cab.'
 */
export function decode(vocab: string, ids: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab.length) {
      throw new RangeError(`decode: token id ${id} at position ${i} is outside 0..${vocab.length - 1}`);
    }
    s += vocab[id];
  }
  return s;
}
