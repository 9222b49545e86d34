import { Word } from "./word";
import { isBertPunctuation, isBertRemoved, isBertWhitespace, isChineseChar, lowerEachCodePoint, stripAccents } from "./unicode";

/** The settings of BERT's normalizer (the `BertNormalizer` entry of tokenizer.json). */
export interface BertNormalizerOptions {
  lowercase: boolean;
  /** null follows `lowercase`, as in the Python tokenizer. */
  strip_accents: boolean | null;
  handle_chinese_chars: boolean;
  clean_text: boolean;
}

/**
 * BERT's basic tokenization with offsets: delete control characters, split on whitespace, put every
 * CJK ideograph and every punctuation character in its own word, lowercase and strip accents.
 * Words are appended to `out`; `offset` is added to every span (the segment's place in the input).
 */
export function bertPreTokenize(text: string, options: BertNormalizerOptions, offset: number, out: Word[]): void {
  const stripping = options.strip_accents ?? options.lowercase;
  const n = text.length;
  let chunkStart = -1;
  let simple = true; // chunk is ASCII without control characters: no normalization map needed

  const flush = (end: number) => {
    if (chunkStart < 0) return;
    if (simple) splitAsciiChunk(text, chunkStart, end, options.lowercase, offset, out);
    else splitChunk(text, chunkStart, end, options, stripping, offset, out);
    chunkStart = -1;
    simple = true;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        flush(i);
      } else {
        if (chunkStart < 0) chunkStart = i;
        if (options.clean_text && (c < 32 || c === 127)) simple = false;
      }
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isBertWhitespace(cp)) {
      flush(i);
    } else if (options.handle_chinese_chars && isChineseChar(cp)) {
      flush(i);
      chunkStart = i;
      simple = false;
      flush(i + width);
    } else {
      if (chunkStart < 0) chunkStart = i;
      simple = false;
    }
    i += width;
  }
  flush(n);
}

function splitAsciiChunk(text: string, start: number, end: number, lowercase: boolean, offset: number, out: Word[]): void {
  let chunk = text.slice(start, end);
  if (lowercase) chunk = chunk.toLowerCase();
  let wordStart = 0;
  for (let j = 0; j < chunk.length; j++) {
    if (isBertPunctuation(chunk.charCodeAt(j))) {
      if (j > wordStart) out.push({ text: chunk.slice(wordStart, j), start: offset + start + wordStart, end: offset + start + j });
      out.push({ text: chunk[j], start: offset + start + j, end: offset + start + j + 1 });
      wordStart = j + 1;
    }
  }
  if (chunk.length > wordStart) out.push({ text: chunk.slice(wordStart), start: offset + start + wordStart, end: offset + end });
}

const normalizedCache = [new Map<number, string>(), new Map<number, string>(), new Map<number, string>(), new Map<number, string>()];

/** One code point lowercased and/or stripped of accents (memoized: text reuses few distinct characters). */
function normalizeCodePoint(cp: number, lowercase: boolean, stripping: boolean): string {
  const cache = normalizedCache[(lowercase ? 1 : 0) + (stripping ? 2 : 0)];
  let normalized = cache.get(cp);
  if (normalized === undefined) {
    normalized = String.fromCodePoint(cp);
    if (lowercase) normalized = lowerEachCodePoint(normalized);
    if (stripping) normalized = stripAccents(normalized);
    if (cache.size < 65536) cache.set(cp, normalized);
  }
  return normalized;
}

/** The general path: normalize one code point at a time, remembering where each output unit came from. */
function splitChunk(
  text: string,
  start: number,
  end: number,
  options: BertNormalizerOptions,
  stripping: boolean,
  offset: number,
  out: Word[],
): void {
  let word = "";
  let starts: number[] = [];
  let ends: number[] = [];
  const emit = () => {
    if (word.length > 0) out.push({ text: word, start: starts[0], end: ends[ends.length - 1], starts, ends });
    word = "";
    starts = [];
    ends = [];
  };
  let i = start;
  while (i < end) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const from = offset + i;
    const to = offset + i + width;
    i += width;
    if (options.clean_text && isBertRemoved(cp)) continue;
    const normalized = normalizeCodePoint(cp, options.lowercase, stripping);
    if (normalized.length === 1 && !(options.handle_chinese_chars && isChineseChar(cp))) {
      // The common case: one unit in, one unit out.
      const ncp = normalized.charCodeAt(0);
      if (isBertWhitespace(ncp)) emit();
      else if (isBertPunctuation(ncp)) {
        emit();
        word = normalized;
        starts.push(from);
        ends.push(to);
        emit();
      } else {
        word += normalized;
        starts.push(from);
        ends.push(to);
      }
      continue;
    }
    for (const ch of normalized) {
      const ncp = ch.codePointAt(0)!;
      if (isBertWhitespace(ncp)) {
        emit();
      } else if (isBertPunctuation(ncp) || (options.handle_chinese_chars && isChineseChar(ncp))) {
        emit();
        word = ch;
        for (let k = 0; k < ch.length; k++) (starts.push(from), ends.push(to));
        emit();
      } else {
        word += ch;
        for (let k = 0; k < ch.length; k++) (starts.push(from), ends.push(to));
      }
    }
  }
  emit();
}
