// `tokenizer.backend_tokenizer`: the tokenization pipeline taken apart into the pieces the Python
// `tokenizers` library shows (normalizer, pre_tokenizer, model, post_processor, decoder), so each
// step can be run alone as in the Hugging Face course, chapter 6. The pieces are
// @huggingface/tokenizers' own, loaded from this tokenizer's tokenizer.json; they carry Python's
// method names here, and `pre_tokenize_str` adds the offsets that library does not compute.
import { Decoder, Model as TokenizerModel, Normalizer, PostProcessor, PreTokenizer, Tokenizer } from "@huggingface/tokenizers";
import { CHAR_TO_BYTE } from "./byte_level";

/** The part of a tokenizer the backend needs: its tokenizer.json and an encoder with offsets. */
export interface BackendSource {
  toTokenizerJSON(): Record<string, unknown>;
  encodeForBackend(sequence: string, pair: string | null, add_special_tokens: boolean): BackendEncoding;
}

/** What `backend_tokenizer.encode` returns, with the fields of Python's `tokenizers.Encoding`. */
export interface BackendEncoding {
  ids: number[];
  tokens: string[];
  type_ids: number[];
  attention_mask: number[];
  special_tokens_mask: number[];
  /** [start, end) in UTF-16 units of the input, so `text.slice(start, end)` is the token's text. */
  offsets: [number, number][];
  word_ids: (number | null)[];
}

/** A word and its span in the input: `["Hello", [0, 5]]`, as `pre_tokenize_str` returns in Python. */
export type PreTokenizedWord = [string, [number, number]];

/** One token from `model.tokenize(word)`: Python's `tokenizers.Token`. */
export interface Token {
  id: number;
  value: string;
  offsets: [number, number];
}

/** `BertNormalizer(clean_text=True, lowercase=True)`: the piece's type and settings, as Python prints it. */
function describe(config: unknown): string {
  const { type, ...rest } = (config ?? {}) as Record<string, unknown>;
  const value = (v: unknown) => (v === true ? "True" : v === false ? "False" : v === null || v === undefined ? "None" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return `${String(type)}(${Object.entries(rest).map(([k, v]) => `${k}=${value(v)}`).join(", ")})`;
}

abstract class Piece {
  constructor(protected readonly config: unknown) {}
  toString(): string {
    return describe(this.config);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export class BackendNormalizer extends Piece {
  constructor(private readonly inner: Normalizer) {
    super(inner.config);
  }

  /** The text after normalization: `normalize_str("Héllò hôw are ü?")` → "hello how are u?" for bert-base-uncased. */
  normalize_str(sequence: string): string {
    return this.inner.normalize(sequence);
  }
}

/** Whether a pre-tokenizer spells words in byte-level characters (then they are decoded to find their place). */
function isByteLevel(config: Record<string, unknown>): boolean {
  if (config.type === "ByteLevel") return true;
  return config.type === "Sequence" && ((config.pretokenizers as Record<string, unknown>[] | undefined) ?? []).some(isByteLevel);
}

const utf8 = new TextDecoder();

function fromByteLevel(word: string): string {
  const bytes = Uint8Array.from([...word].map((ch) => CHAR_TO_BYTE.get(ch) ?? 0x3f));
  return utf8.decode(bytes);
}

export class BackendPreTokenizer extends Piece {
  constructor(
    private readonly inner: PreTokenizer,
    config: Record<string, unknown>,
  ) {
    super(config);
  }

  /**
   * Splits a text into words with their spans: `[["Hello", [0, 5]], [",", [5, 6]], ["how", [7, 10]], …]`.
   * Spans are UTF-16 indices into `sequence` (Python counts code points; the two agree outside
   * emoji and other characters beyond U+FFFF).
   */
  pre_tokenize_str(sequence: string): PreTokenizedWord[] {
    const words = this.inner.pre_tokenize_text(sequence);
    const byteLevel = isByteLevel(this.config as Record<string, unknown>);
    const out: PreTokenizedWord[] = [];
    let cursor = 0;
    for (const word of words) {
      let surface = byteLevel ? fromByteLevel(word) : word;
      let start = sequence.indexOf(surface, cursor);
      // ByteLevel's add_prefix_space puts a space before the first word that the input lacks.
      if (start < 0 && surface.startsWith(" ")) start = sequence.indexOf((surface = surface.slice(1)), cursor);
      if (start < 0) start = cursor;
      const end = Math.min(sequence.length, start + surface.length);
      out.push([word, [start, end]]);
      cursor = end;
    }
    return out;
  }
}

export class BackendModel extends Piece {
  constructor(private readonly inner: TokenizerModel) {
    super(inner.config);
  }

  /**
   * Splits one pre-tokenized word into subword tokens with ids and spans within the word:
   * `tokenize("tokenizer")` → `[{ id: 19204, value: "token", offsets: [0, 5] }, { id: 17629, value: "##izer", offsets: [5, 9] }]`.
   */
  tokenize(sequence: string): Token[] {
    const prefix = ((this.config as Record<string, unknown>).continuing_subword_prefix as string | undefined) ?? null;
    let position = 0;
    return this.inner.encode([sequence]).map((value, i) => {
      const unknown = value === this.inner.unk_token;
      const length = unknown ? sequence.length - position : prefix && i > 0 && value.startsWith(prefix) ? value.length - prefix.length : value.length;
      const offsets: [number, number] = [position, position + length];
      position += length;
      return { id: this.inner.tokens_to_ids.get(value) ?? this.inner.unk_token_id ?? -1, value, offsets };
    });
  }

  token_to_id(token: string): number | null {
    return this.inner.tokens_to_ids.get(token) ?? null;
  }

  id_to_token(id: number): string | null {
    return this.inner.vocab[id] ?? null;
  }
}

export class BackendPostProcessor extends Piece {
  constructor(private readonly inner: PostProcessor) {
    super(inner.config);
  }

  /** How many special tokens `process` adds to one text, or to a pair (`num_special_tokens_to_add(true)`). */
  num_special_tokens_to_add(is_pair: boolean): number {
    const { tokens, tokens_pair } = this.inner.post_process([], is_pair ? [] : null, { add_special_tokens: true });
    return tokens.length + (tokens_pair?.length ?? 0);
  }

  /** Adds the special tokens around already tokenized texts: `process(["hello"])` → `{ tokens: ["[CLS]", "hello", "[SEP]"], type_ids: [0, 0, 0] }`. */
  process(tokens: string[], pair: string[] | null = null, add_special_tokens = true): { tokens: string[]; type_ids: number[] } {
    const result = this.inner.post_process(tokens, pair, { add_special_tokens });
    const all = [...result.tokens, ...(result.tokens_pair ?? [])];
    const type_ids = result.token_type_ids ?? [...result.tokens.map(() => 0), ...(result.tokens_pair ?? []).map(() => 1)];
    return { tokens: all, type_ids };
  }
}

export class BackendDecoder extends Piece {
  constructor(private readonly inner: Decoder) {
    super(inner.config);
  }

  /** Joins tokens back into text: `decode(["hello", "##s"])` → "hellos"; for GPT-2, `decode(["Hello", "Ġworld"])` → "Hello world". */
  decode(tokens: string[]): string {
    return this.inner.decode(tokens);
  }
}

/**
 * Python's `tokenizers.Tokenizer` as transformers' fast tokenizers expose it
 * (`tokenizer.backend_tokenizer`): the five pieces, plus whole-pipeline `encode` and `decode`.
 */
export class BackendTokenizer {
  /** null when the tokenizer does not normalize (GPT-2), as in Python. */
  readonly normalizer: BackendNormalizer | null;
  readonly pre_tokenizer: BackendPreTokenizer | null;
  readonly model: BackendModel;
  readonly post_processor: BackendPostProcessor | null;
  readonly decoder: BackendDecoder | null;
  private readonly inner: Tokenizer;

  constructor(private readonly source: BackendSource) {
    const json = source.toTokenizerJSON();
    this.inner = new Tokenizer(json, {});
    const inner = this.inner;
    this.normalizer = inner.normalizer ? new BackendNormalizer(inner.normalizer) : null;
    this.pre_tokenizer = inner.pre_tokenizer ? new BackendPreTokenizer(inner.pre_tokenizer, json.pre_tokenizer as Record<string, unknown>) : null;
    this.model = new BackendModel(inner.model!);
    this.post_processor = inner.post_processor ? new BackendPostProcessor(inner.post_processor) : null;
    this.decoder = inner.decoder ? new BackendDecoder(inner.decoder) : null;
  }

  /** The whole pipeline on one text (or a pair): ids, tokens, type ids, offsets and word ids. */
  encode(sequence: string, pair: string | null = null, add_special_tokens = true): BackendEncoding {
    return this.source.encodeForBackend(sequence, pair, add_special_tokens);
  }

  decode(ids: number[], options: { skip_special_tokens?: boolean } = {}): string {
    return this.inner.decode(ids, { skip_special_tokens: options.skip_special_tokens ?? true });
  }

  token_to_id(token: string): number | null {
    return this.inner.token_to_id(token) ?? null;
  }

  id_to_token(id: number): string | null {
    return this.inner.id_to_token(id) ?? null;
  }

  get_vocab_size(): number {
    return this.inner.get_vocab(true).size;
  }

  toString(): string {
    return `Tokenizer(normalizer=${this.normalizer ?? "None"}, pre_tokenizer=${this.pre_tokenizer ?? "None"}, model=${describe({ type: (this.model as unknown as { config: { type: string } }).config.type })}, post_processor=${this.post_processor ?? "None"}, decoder=${this.decoder ?? "None"})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
