/**
 * One pre-tokenized word: the (normalized) text the subword model sees, and where it came from in the
 * input. Offsets are UTF-16 indices into the input string, so `input.slice(start, end)` is the word.
 */
export interface Word {
  text: string;
  start: number;
  end: number;
  /**
   * Present when normalization changed the text (lowercasing that changes length, stripped accents,
   * removed control characters): for each UTF-16 unit of `text`, the input span it came from.
   */
  starts?: number[];
  ends?: number[];
}

