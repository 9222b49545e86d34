import { Tensor } from "../tensor";
import { TokenizerOptionError } from "./errors";

/**
 * What the fast tokenizers remember about each encoded row beyond the ids: the token strings, the
 * word each token came from, which sequence of a pair it belongs to, and its span in the input.
 */
export interface EncodingInfo {
  tokens: string[];
  word_ids: (number | null)[];
  sequence_ids: (number | null)[];
  offsets: [number, number][];
}

/** Keys that hold token ids or masks, converted to int64 tensors with `return_tensors: "pt"`. */
const INTEGER_KEYS = new Set([
  "input_ids",
  "token_type_ids",
  "attention_mask",
  "special_tokens_mask",
  "offset_mapping",
  "length",
  "overflow_to_sample_mapping",
  "labels",
  "label",
]);

export type TensorType = "pt" | "np" | null | undefined;

/** How many rows a printed batch shows (at each end, for text). */
const SHOWN_ROWS = 4;

/**
 * The result of calling a tokenizer: a dict of `input_ids`, `attention_mask`, … (read them as
 * `enc.input_ids` or `enc["input_ids"]`), plus the fast-tokenizer helpers `tokens()`, `word_ids()`,
 * `sequence_ids()`, `char_to_token()`. Values are plain number arrays, or int64 Tensors when the
 * tokenizer was called with `return_tensors: "pt"`. Spreading it (`{...enc}`) gives just the data.
 */
export class BatchEncoding {
  [key: string]: any;

  constructor(data: Record<string, unknown> = {}, encodings: EncodingInfo[] | null = null, tensorType: TensorType = null, nSequences = 1) {
    Object.defineProperty(this, "_encodings", { value: encodings, writable: true, enumerable: false });
    Object.defineProperty(this, "_n_sequences", { value: nSequences, writable: true, enumerable: false });
    for (const [key, value] of Object.entries(data)) this[key] = value;
    if (tensorType) this.convert_to_tensors(tensorType);
  }

  /** The per-row encoding details (null when the encoding was built from plain dicts, e.g. by `pad`). */
  get encodings(): EncodingInfo[] | null {
    return this._encodings as EncodingInfo[] | null;
  }

  /** True for fast-tokenizer output, which carries tokens and offsets. */
  get is_fast(): boolean {
    return this._encodings !== null;
  }

  keys(): string[] {
    return Object.keys(this);
  }
  values(): unknown[] {
    return Object.values(this);
  }
  items(): [string, unknown][] {
    return Object.entries(this);
  }
  get(key: string, fallback?: unknown): unknown {
    return key in this ? this[key] : fallback;
  }

  /** Moving to a device is a no-op here (everything runs on the CPU); returns the same encoding. */
  to(_device: string): this {
    return this;
  }

  /** Converts every value to an int64 Tensor (other numbers keep their inferred dtype). */
  convert_to_tensors(tensorType: TensorType): this {
    if (!tensorType) return this;
    if (tensorType !== "pt" && tensorType !== "np") {
      throw new TokenizerOptionError(`return_tensors must be "pt" (or "np"), got ${JSON.stringify(tensorType)}.`);
    }
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Tensor) continue;
      if (!Array.isArray(value) && typeof value !== "number") continue;
      try {
        this[key] = Tensor.from(value as any, INTEGER_KEYS.has(key) ? "int64" : undefined);
      } catch (error) {
        const flat = (value as unknown[]).flat(Infinity as 1);
        const numeric = flat.every((v) => typeof v === "number" || typeof v === "boolean" || typeof v === "bigint");
        throw new TokenizerOptionError(
          numeric
            ? `Unable to create tensor from \`${key}\`: its rows have different lengths. Activate truncation and/or padding ` +
                "(padding: true, truncation: true) to have batched tensors with the same length."
            : `Unable to create tensor from \`${key}\`: it holds non-numeric values. Remove that column before asking for tensors.`,
        );
      }
    }
    return this;
  }

  private encoding(batchIndex: number): EncodingInfo {
    const encodings = this.encodings;
    if (!encodings) {
      throw new TokenizerOptionError("This BatchEncoding has no token information: it was not produced by calling a tokenizer on text.");
    }
    const encoding = encodings[batchIndex];
    if (!encoding) throw new RangeError(`Batch index ${batchIndex} is out of range: this encoding has ${encodings.length} row(s).`);
    return encoding;
  }

  /** The token strings of one row. */
  tokens(batch_index = 0): string[] {
    return this.encoding(batch_index).tokens;
  }

  /** For each token, the index of the word it came from (null for special and padding tokens). */
  word_ids(batch_index = 0): (number | null)[] {
    return this.encoding(batch_index).word_ids;
  }

  /** For each token, 0 or 1 for the sequence of the pair it belongs to (null for special and padding tokens). */
  sequence_ids(batch_index = 0): (number | null)[] {
    return this.encoding(batch_index).sequence_ids;
  }

  /** Number of sequences (1 or 2) encoded in each row. */
  get n_sequences(): number {
    return this._n_sequences as number;
  }

  /**
   * The index of the token containing character `char_index` of the input (or of the second
   * sequence with `sequence_index` 1), or null for whitespace and removed characters.
   * Like Python: `char_to_token(char_index)` for a single row, `char_to_token(batch_index, char_index)`.
   */
  char_to_token(batch_or_char_index: number, char_index?: number, sequence_index = 0): number | null {
    const [batchIndex, charIndex] = char_index === undefined ? [0, batch_or_char_index] : [batch_or_char_index, char_index];
    const encoding = this.encoding(batchIndex);
    for (let t = 0; t < encoding.tokens.length; t++) {
      if (encoding.sequence_ids[t] !== sequence_index) continue;
      const [start, end] = encoding.offsets[t];
      if (charIndex >= start && charIndex < end) return t;
    }
    return null;
  }

  /** The input span `[start, end)` of token `token_index`. */
  token_to_chars(batch_or_token_index: number, token_index?: number): [number, number] | null {
    const [batchIndex, tokenIndex] = token_index === undefined ? [0, batch_or_token_index] : [batch_or_token_index, token_index];
    const encoding = this.encoding(batchIndex);
    if (encoding.sequence_ids[tokenIndex] === null || encoding.sequence_ids[tokenIndex] === undefined) return null;
    return encoding.offsets[tokenIndex];
  }

  /** The word a token came from. */
  token_to_word(batch_or_token_index: number, token_index?: number): number | null {
    const [batchIndex, tokenIndex] = token_index === undefined ? [0, batch_or_token_index] : [batch_or_token_index, token_index];
    return this.encoding(batchIndex).word_ids[tokenIndex] ?? null;
  }

  /** The tokens `[start, end)` of word `word_index`, or null when it has none. */
  word_to_tokens(batch_or_word_index: number, word_index?: number, sequence_index = 0): { start: number; end: number } | null {
    const [batchIndex, wordIndex] = word_index === undefined ? [0, batch_or_word_index] : [batch_or_word_index, word_index];
    const encoding = this.encoding(batchIndex);
    let start = -1;
    let end = -1;
    encoding.word_ids.forEach((w, t) => {
      if (w === wordIndex && encoding.sequence_ids[t] === sequence_index) {
        if (start < 0) start = t;
        end = t + 1;
      }
    });
    return start < 0 ? null : { start, end };
  }

  private rows(key: string): unknown[][] {
    const value = this[key];
    const list = value instanceof Tensor ? value.tolist() : value;
    if (!Array.isArray(list)) return [];
    return Array.isArray(list[0]) || list.length === 0 ? (list as unknown[][]) : [list];
  }

  /** Like Python's dict repr; large batches show their first and last rows only. */
  toString(): string {
    const showList = (value: unknown[]): string => {
      if (value.length > 2 * SHOWN_ROWS && Array.isArray(value[0])) {
        const head = value.slice(0, SHOWN_ROWS).map((v) => JSON.stringify(v));
        const tail = value.slice(-SHOWN_ROWS).map((v) => JSON.stringify(v));
        return `[${head.join(", ")}, ... ${value.length - 2 * SHOWN_ROWS} more rows ..., ${tail.join(", ")}]`;
      }
      return JSON.stringify(value);
    };
    const parts = Object.entries(this).map(([key, value]) => {
      if (value instanceof Tensor) return `'${key}': tensor(${showList(value.tolist())}, shape=[${value.shape.join(", ")}], dtype=${value.dtype})`;
      return `'${key}': ${Array.isArray(value) ? showList(value) : JSON.stringify(value)}`;
    });
    return `{${parts.join(", ")}}`;
  }

  /** A notebook table per row (the first rows of a large batch): each token with its id and masks. */
  _repr_mimebundle_(): Record<string, unknown> {
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const maskKeys = ["token_type_ids", "attention_mask", "special_tokens_mask", "word_ids"];
    const ids = this.rows("input_ids");
    const cell = (v: unknown) => `<td style="text-align: center">${v === null || v === undefined ? "" : v}</td>`;
    const tables = ids.slice(0, SHOWN_ROWS).map((row, r) => {
      const tokens = this.encodings?.[r]?.tokens;
      const lines: string[] = [];
      if (tokens) lines.push(`<tr><th>token</th>${tokens.map((t) => `<td style="text-align: center"><code>${escape(t)}</code></td>`).join("")}</tr>`);
      lines.push(`<tr><th>input_ids</th>${row.map(cell).join("")}</tr>`);
      for (const key of maskKeys) {
        const line = key === "word_ids" ? this.encodings?.[r]?.word_ids : this.rows(key)[r];
        if (line) lines.push(`<tr><th>${key}</th>${line.map(cell).join("")}</tr>`);
      }
      const title = ids.length > 1 ? `<caption style="text-align: left">row ${r}</caption>` : "";
      return `<table style="font-family: monospace; border-collapse: collapse; margin-bottom: 0.5em">${title}${lines.join("")}</table>`;
    });
    const more = ids.length > SHOWN_ROWS ? `<p>… ${ids.length - SHOWN_ROWS} more rows (${ids.length} in all)</p>` : "";
    return { "text/plain": this.toString(), "text/html": `<div style="overflow-x: auto">${tables.join("")}${more}</div>` };
  }
}
