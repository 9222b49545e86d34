// Character classes exactly as the Python BERT tokenizer defines them (transformers' BasicTokenizer).

const PUNCTUATION = /\p{P}/u;
const OTHER = /\p{C}/u; // Cc, Cf, Cs, Co, Cn: Python's `category(c).startswith("C")`
const SPACE_SEPARATOR = /\p{Zs}/u;
const NONSPACING_MARK = /\p{Mn}/gu;

/** Space, tab, newline, carriage return, or any Unicode space separator (Zs). */
export function isBertWhitespace(cp: number): boolean {
  if (cp === 32 || cp === 9 || cp === 10 || cp === 13) return true;
  if (cp < 128) return false;
  return SPACE_SEPARATOR.test(String.fromCodePoint(cp));
}

/** A character BERT deletes: NUL, U+FFFD, and every "Other" category character except tab/newline/CR. */
export function isBertRemoved(cp: number): boolean {
  if (cp === 0 || cp === 0xfffd) return true;
  if (cp === 9 || cp === 10 || cp === 13) return false;
  if (cp < 32 || cp === 127) return true;
  if (cp < 128) return false;
  return OTHER.test(String.fromCodePoint(cp));
}

/** ASCII symbols count as punctuation for BERT, like Unicode's P* categories. */
export function isBertPunctuation(cp: number): boolean {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  if (cp < 128) return false;
  return PUNCTUATION.test(String.fromCodePoint(cp));
}

/** CJK ideographs, which BERT splits into single characters. */
export function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Python lowercases the text one character at a time (so no final-sigma rule), then per word. */
export function lowerEachCodePoint(text: string): string {
  if (!text.includes("\u03a3")) return text.toLowerCase();
  let out = "";
  for (const ch of text) out += ch.toLowerCase();
  return out;
}

/** NFD, then drop non-spacing marks: BERT's `_run_strip_accents`. */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(NONSPACING_MARK, "");
}

/** True when `text` holds an unpaired UTF-16 surrogate, which has no UTF-8 encoding. */
export function hasLoneSurrogate(text: string): boolean {
  const s = text as string & { isWellFormed?: () => boolean };
  if (typeof s.isWellFormed === "function") return !s.isWellFormed();
  return /\p{Cs}/u.test(text);
}
