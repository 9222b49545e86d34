import { GPT2_SPLIT_PATTERN } from "./byte_level";
import { Word } from "./word";

const NON_ASCII = /[^\x00-\x7f]/;

// ASCII character classes of GPT-2's pattern: letters, digits, White_Space (tab..CR and space).
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const OTHER = 4;
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : c >= 48 && c <= 57 ? DIGIT : (c >= 9 && c <= 13) || c === 32 ? SPACE : OTHER,
);

/**
 * Splits text into GPT-2's pre-tokens. ASCII text takes a hand-written scanner that follows the
 * regular expression alternative by alternative (it is several times faster); any other text goes
 * through the regular expression itself.
 */
export function gpt2PreTokenize(text: string, offset: number, out: Word[]): void {
  if (NON_ASCII.test(text)) {
    GPT2_SPLIT_PATTERN.lastIndex = 0;
    for (let m = GPT2_SPLIT_PATTERN.exec(text); m !== null; m = GPT2_SPLIT_PATTERN.exec(text)) {
      out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
    }
    return;
  }
  const n = text.length;
  const push = (start: number, end: number) => out.push({ text: text.slice(start, end), start: offset + start, end: offset + end });
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // 's 't 're 've 'm 'll 'd
    if (c === 39 && i + 1 < n) {
      const c1 = text.charCodeAt(i + 1);
      if (c1 === 115 || c1 === 116 || c1 === 109 || c1 === 100) {
        push(i, i + 2);
        i += 2;
        continue;
      }
      if (i + 2 < n) {
        const c2 = text.charCodeAt(i + 2);
        if ((c1 === 114 && c2 === 101) || (c1 === 118 && c2 === 101) || (c1 === 108 && c2 === 108)) {
          push(i, i + 3);
          i += 3;
          continue;
        }
      }
    }
    // " ?" followed by a run of letters, of digits, or of other symbols
    let j = c === 32 ? i + 1 : i;
    const cls = j < n ? ASCII_CLASS[text.charCodeAt(j)] : SPACE;
    if (cls !== SPACE) {
      j++;
      while (j < n && ASCII_CLASS[text.charCodeAt(j)] === cls) j++;
      push(i, j);
      i = j;
      continue;
    }
    // whitespace: a run not followed by a non-space keeps its last character for the next token
    let k = i + 1;
    while (k < n && ASCII_CLASS[text.charCodeAt(k)] === SPACE) k++;
    if (k === n) push(i, k);
    else if (k - i > 1) {
      push(i, k - 1);
      k = k - 1;
    } else push(i, k);
    i = k;
  }
}
