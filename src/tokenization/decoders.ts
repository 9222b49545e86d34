// The decoders of the fast (Rust) tokenizers: how transformers 5 turns a list of tokens back into
// text, before its own optional clean-up.
import { CHAR_TO_BYTE } from "./byte_level";

/** transformers' `clean_up_tokenization`: the spaces that joining tokens puts before punctuation, in order. */
const CLEAN_UP: [string, string][] = [
  [" .", "."],
  [" ?", "?"],
  [" !", "!"],
  [" ,", ","],
  [" ' ", "'"],
  [" n't", "n't"],
  [" 'm", "'m"],
  [" 's", "'s"],
  [" 've", "'ve"],
  [" 're", "'re"],
];
/** The WordPiece decoder's own list has one more rule. */
const WORDPIECE_CLEAN_UP: [string, string][] = [...CLEAN_UP.slice(0, 7), [" do not", " don't"], ...CLEAN_UP.slice(7)];

function replaceInOrder(text: string, rules: [string, string][]): string {
  for (const [from, to] of rules) text = text.replaceAll(from, to);
  return text;
}

/** Python's `clean_up_tokenization`: removes the spaces that joining tokens put before punctuation. */
export function clean_up_tokenization(text: string): string {
  return replaceInOrder(text, CLEAN_UP);
}

/**
 * WordPiece decoding: a token that continues a word loses its `##`, any other token after the first
 * gets a space before it. With `cleanup` (BERT's setting) each token is also cleaned up on its own,
 * so a lone ".", "?", "!" or "," joins the word before it even when transformers' own clean-up is off.
 */
export function decodeWordPiece(tokens: string[], prefix = "##", cleanup = true): string {
  let text = "";
  tokens.forEach((token, i) => {
    let piece = token;
    if (i !== 0) piece = token.startsWith(prefix) ? token.slice(prefix.length) : ` ${token}`;
    text += cleanup ? replaceInOrder(piece, WORDPIECE_CLEAN_UP) : piece;
  });
  return text;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Byte-level decoding: each token's characters stand for bytes; a token with a character outside
 * the byte alphabet (an added token such as "東京") contributes its own UTF-8 bytes instead. Invalid
 * UTF-8 becomes U+FFFD.
 */
export function decodeByteLevel(tokens: string[]): string {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (const token of tokens) {
    const bytes: number[] = [];
    let inAlphabet = true;
    for (const ch of token) {
      const b = CHAR_TO_BYTE.get(ch);
      if (b === undefined) {
        inAlphabet = false;
        break;
      }
      bytes.push(b);
    }
    const chunk = inAlphabet ? Uint8Array.from(bytes) : encoder.encode(token);
    chunks.push(chunk);
    length += chunk.length;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return decoder.decode(all);
}
