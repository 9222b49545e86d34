// GPT-2's byte-level pre-tokenization: split with GPT-2's regular expression, then spell every word
// as UTF-8 bytes mapped to printable characters (so the vocabulary never needs unknown tokens).

/**
 * GPT-2's split pattern. `\s` is spelled `\p{White_Space}` because that is what the Python `regex`
 * module that GPT-2 uses means by `\s` (JavaScript's `\s` adds U+FEFF and drops U+0085).
 */
export const GPT2_SPLIT_PATTERN =
  /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+/gu;

/** byte → printable character, as in GPT-2's `bytes_to_unicode()`. */
export const BYTE_TO_CHAR: string[] = (() => {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table: string[] = new Array(256);
  for (const b of printable) table[b] = String.fromCharCode(b);
  let extra = 0;
  for (let b = 0; b < 256; b++) if (table[b] === undefined) table[b] = String.fromCharCode(256 + extra++);
  return table;
})();

/** printable character → byte; the inverse of BYTE_TO_CHAR. */
export const CHAR_TO_BYTE: Map<string, number> = new Map(BYTE_TO_CHAR.map((ch, b) => [ch, b]));

const encoder = new TextEncoder();

/** A word spelled in byte-level characters, and for each byte the input span of the character it belongs to. */
export function toByteLevel(word: string): { text: string; byteStarts: number[]; byteEnds: number[] } {
  const bytes = encoder.encode(word);
  let text = "";
  for (const b of bytes) text += BYTE_TO_CHAR[b];
  const byteStarts: number[] = [];
  const byteEnds: number[] = [];
  let i = 0;
  while (i < word.length) {
    const cp = word.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const count = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < count; k++) (byteStarts.push(i), byteEnds.push(i + width));
    i += width;
  }
  return { text, byteStarts, byteEnds };
}
