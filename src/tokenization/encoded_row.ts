import { EncodingInfo } from "./batch_encoding";

/** The tokens of one input text (before special tokens are added), with their spans and words. */
export interface EncodedText {
  ids: number[];
  tokens: string[];
  offsets: [number, number][];
  words: number[];
}

export function sliceText(seq: EncodedText, start: number, end: number = seq.ids.length): EncodedText {
  return {
    ids: seq.ids.slice(start, end),
    tokens: seq.tokens.slice(start, end),
    offsets: seq.offsets.slice(start, end),
    words: seq.words.slice(start, end),
  };
}

/** One row of model input, before it becomes part of a BatchEncoding. */
export interface EncodedRow {
  input_ids: number[];
  token_type_ids: number[];
  special_tokens_mask: number[];
  attention_mask: number[];
  info: EncodingInfo;
  /** Which input example this row came from (differs from the row index with overflowing tokens). */
  sample: number;
  /** Length before padding. */
  length: number;
}

export type PaddingSide = "left" | "right";

/** Pads one row to `targetLength` (no-op when it is already that long or longer). */
export function padRow(row: EncodedRow, targetLength: number, side: PaddingSide, padId: number, padToken: string, padTypeId: number): void {
  const difference = targetLength - row.input_ids.length;
  if (difference <= 0) return;
  const fill = <T>(value: T): T[] => new Array(difference).fill(value);
  const join = <T>(values: T[], value: T): T[] => (side === "right" ? values.concat(fill(value)) : fill(value).concat(values));
  row.input_ids = join(row.input_ids, padId);
  row.token_type_ids = join(row.token_type_ids, padTypeId);
  row.special_tokens_mask = join(row.special_tokens_mask, 1);
  row.attention_mask = join(row.attention_mask, 0);
  row.info = {
    tokens: join(row.info.tokens, padToken),
    word_ids: join<number | null>(row.info.word_ids, null),
    sequence_ids: join<number | null>(row.info.sequence_ids, null),
    offsets: side === "right" ? row.info.offsets.concat(fill(0).map(() => [0, 0] as [number, number])) : fill(0).map(() => [0, 0] as [number, number]).concat(row.info.offsets),
  };
}

/** Python's rule: round `length` up to a multiple of `multiple`. */
export function roundUp(length: number, multiple: number | null | undefined): number {
  if (!multiple || length % multiple === 0) return length;
  return (Math.floor(length / multiple) + 1) * multiple;
}
