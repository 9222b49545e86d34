import { EncodingInfo } from "./batch_encoding";

/**
 * The tokens of one input text (before special tokens are added): ids, token strings, each
 * token's input span as parallel start/end arrays, and the index of the word it came from.
 */
export interface EncodedText {
  ids: number[];
  tokens: string[];
  starts: number[];
  ends: number[];
  words: number[];
  /** The words that are added tokens matched in the raw text (e.g. a written "[SEP]"), when there are any. */
  addedWords?: Set<number>;
}

export function emptyText(): EncodedText {
  return { ids: [], tokens: [], starts: [], ends: [], words: [] };
}

export function sliceText(seq: EncodedText, start: number, end: number = seq.ids.length): EncodedText {
  return {
    ids: seq.ids.slice(start, end),
    tokens: seq.tokens.slice(start, end),
    starts: seq.starts.slice(start, end),
    ends: seq.ends.slice(start, end),
    words: seq.words.slice(start, end),
  };
}

/**
 * Per-token details of a row (tokens, word ids, sequence ids, offsets), built only when first read:
 * most calls never ask for them, and building them for every row of a large batch costs more than
 * the tokenization itself.
 */
export class LazyEncoding implements EncodingInfo {
  private padLeft = 0;
  private padRight = 0;
  private cache: EncodingInfo | null = null;

  constructor(
    private readonly build: () => EncodingInfo,
    private readonly padToken: string,
  ) {}

  addPadding(left: number, right: number): void {
    this.padLeft += left;
    this.padRight += right;
    this.cache = null;
  }

  private get full(): EncodingInfo {
    if (this.cache) return this.cache;
    const base = this.build();
    if (this.padLeft === 0 && this.padRight === 0) return (this.cache = base);
    const around = <T>(values: T[], make: () => T): T[] => [
      ...Array.from({ length: this.padLeft }, make),
      ...values,
      ...Array.from({ length: this.padRight }, make),
    ];
    return (this.cache = {
      tokens: around(base.tokens, () => this.padToken),
      word_ids: around<number | null>(base.word_ids, () => null),
      sequence_ids: around<number | null>(base.sequence_ids, () => null),
      offsets: around<[number, number]>(base.offsets, () => [0, 0]),
    });
  }

  get tokens(): string[] {
    return this.full.tokens;
  }
  get word_ids(): (number | null)[] {
    return this.full.word_ids;
  }
  get sequence_ids(): (number | null)[] {
    return this.full.sequence_ids;
  }
  get offsets(): [number, number][] {
    return this.full.offsets;
  }
}

/** One row of model input, before it becomes part of a BatchEncoding. */
export interface EncodedRow {
  input_ids: number[];
  token_type_ids: number[];
  special_tokens_mask: number[];
  attention_mask: number[];
  encoding: LazyEncoding;
  /** Which input example this row came from (differs from the row index with overflowing tokens). */
  sample: number;
  /** Length before padding. */
  length: number;
}

export type PaddingSide = "left" | "right";

/** Python's rule: round `length` up to a multiple of `multiple`. */
export function roundUp(length: number, multiple: number | null | undefined): number {
  if (!multiple || length % multiple === 0) return length;
  return (Math.floor(length / multiple) + 1) * multiple;
}
