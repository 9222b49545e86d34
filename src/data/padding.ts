// Padding features to one length through the tokenizer's `pad`, keeping labels and other
// non-token fields out of the tokenizer's way.
import { Tensor } from "../tensor";
import { DataCollatorError } from "./errors";
import { plain, stack, type Feature, type TensorBatch } from "./tensorize";
import { refuseAbove } from "../utils/size_limits";

/** What a collator needs from a tokenizer: its `pad` (like Python's), or at least its pad token. */
export interface PaddingTokenizer {
  pad?: (features: any, options?: any) => any;
  pad_token_id?: number | null;
  padding_side?: "right" | "left";
  model_input_names?: string[];
}

export interface PadOptions {
  padding?: boolean | "longest" | "max_length" | "do_not_pad";
  max_length?: number | null;
  pad_to_multiple_of?: number | null;
}

const TOKEN_KEYS = ["input_ids", "attention_mask", "token_type_ids", "special_tokens_mask"];

/** Pads the token fields of `features` with the tokenizer and returns them as int64 tensors. */
export function padWithTokenizer(tokenizer: PaddingTokenizer, features: Feature[], options: PadOptions): TensorBatch {
  if (!tokenizer) throw new DataCollatorError("This collator needs a tokenizer (for its pad token): new DataCollatorWithPadding({ tokenizer }).");
  if (!features.every((f) => "input_ids" in f)) {
    throw new DataCollatorError(`Every feature needs 'input_ids' to be padded; got keys ${JSON.stringify(Object.keys(features[0]))}. Tokenize the dataset first (ds.map(...)).`);
  }
  const tokenFields = features.map((f) => {
    const out: Feature = {};
    for (const k of TOKEN_KEYS) if (k in f && f[k] !== null && f[k] !== undefined) out[k] = plain(f[k]);
    return out;
  });
  let padded: Record<string, unknown>;
  if (typeof tokenizer.pad === "function") {
    padded = { ...tokenizer.pad(tokenFields, { padding: options.padding ?? true, max_length: options.max_length ?? null, pad_to_multiple_of: options.pad_to_multiple_of ?? null, return_tensors: "pt" }) };
  } else {
    padded = padFields(tokenFields, tokenizer, options);
  }
  const batch: TensorBatch = {};
  for (const [k, v] of Object.entries(padded)) batch[k] = v instanceof Tensor ? v : stack(k, v as unknown[], "int64");
  return batch;
}

/** Padding by hand, for tokenizer-like objects that only know their pad token. */
function padFields(fields: Feature[], tokenizer: PaddingTokenizer, options: PadOptions): Record<string, number[][]> {
  const padId = tokenizer.pad_token_id;
  if (padId === null || padId === undefined) {
    throw new DataCollatorError("The tokenizer has no pad token, so batches cannot be padded. Set one, e.g. tokenizer.pad_token = tokenizer.eos_token.");
  }
  const lengths = fields.map((f) => (f.input_ids as number[]).length);
  let target = options.padding === "max_length" && options.max_length ? options.max_length : Math.max(...lengths);
  const unrounded = target;
  if (options.pad_to_multiple_of) target = Math.ceil(target / options.pad_to_multiple_of) * options.pad_to_multiple_of;
  // refused before any row is built: a max_length of 1e9 would otherwise abort the process
  const [field, value] = target > unrounded ? ["pad_to_multiple_of", options.pad_to_multiple_of] : options.padding === "max_length" ? ["max_length", options.max_length] : ["padding", options.padding];
  refuseAbove(fields.length * target * 4 * 8, "batch", field as string, value, `to pad ${fields.length} rows to ${target} tokens`);
  const left = tokenizer.padding_side === "left";
  const out: Record<string, number[][]> = { input_ids: [], attention_mask: [] };
  for (const f of fields) {
    const ids = f.input_ids as number[];
    const fill = Math.max(0, target - ids.length);
    const padRow = (row: number[], value: number) => (left ? [...Array(fill).fill(value), ...row] : [...row, ...Array(fill).fill(value)]);
    out.input_ids.push(padRow(ids, padId));
    out.attention_mask.push(padRow((f.attention_mask as number[]) ?? ids.map(() => 1), 0));
    for (const k of ["token_type_ids", "special_tokens_mask"]) {
      if (k in f) (out[k] ??= []).push(padRow(f[k] as number[], k === "special_tokens_mask" ? 1 : 0));
    }
  }
  return out;
}
