// Bridges between tokenizer results and model calls: plain arrays out of a BatchEncoding, int64
// tensors into the model, numbers out of the model's output tensors.
import { Tensor } from "../tensor";
import { PipelineException } from "./errors";
import type { Encoding, ModelInputs, PipelineTokenizer } from "./types";

const MODEL_INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"] as const;

function plain(value: unknown): any {
  if (value instanceof Tensor) return value.tolist();
  return value;
}

function read(batch: any, key: string): any {
  if (batch == null) return undefined;
  const direct = batch[key];
  if (direct !== undefined) return plain(direct);
  if (typeof batch.get === "function") return plain(batch.get(key));
  return undefined;
}

/** Calls a BatchEncoding method such as `word_ids(i)` when the tokenizer provides it. */
function callMethod(batch: any, name: string, index: number): (number | null)[] | undefined {
  if (typeof batch?.[name] !== "function") return undefined;
  try {
    return batch[name](index) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits a tokenizer result into one Encoding per row. A single text gives one row; with
 * `return_overflowing_tokens` a long text gives one row per window.
 */
export function encodingsOf(batch: any): Encoding[] {
  const ids = read(batch, "input_ids");
  if (!Array.isArray(ids)) throw new PipelineException("The tokenizer returned no input_ids.");
  const batched = Array.isArray(ids[0]);
  const rows: number[][] = batched ? ids : [ids];
  return rows.map((inputIds, i) => {
    const pick = (key: string) => {
      const v = read(batch, key);
      return v === undefined ? undefined : batched ? v[i] : v;
    };
    return {
      input_ids: inputIds.map(Number),
      attention_mask: pick("attention_mask"),
      token_type_ids: pick("token_type_ids"),
      offset_mapping: pick("offset_mapping"),
      special_tokens_mask: pick("special_tokens_mask"),
      word_ids: callMethod(batch, "word_ids", i),
      sequence_ids: callMethod(batch, "sequence_ids", i),
    };
  });
}

/** Encodes one text (or text pair) and returns its single row. */
export function encodeOne(tokenizer: PipelineTokenizer, text: string, options: Record<string, unknown> = {}): Encoding {
  return encodingsOf(tokenizer(text, options))[0];
}

/** The model inputs for one encoding, as int64 tensors of shape [1, length]. */
export function modelInputs(encoding: Encoding): ModelInputs {
  const inputs: ModelInputs = {};
  for (const name of MODEL_INPUT_NAMES) {
    const values = encoding[name];
    if (values) inputs[name] = new Tensor(BigInt64Array.from(values, (v) => BigInt(v)), [1, values.length], "int64");
  }
  return inputs;
}

/** The model inputs for equally long (padded) encodings, as int64 tensors of shape [rows, length]. */
export function batchInputs(encodings: Encoding[]): ModelInputs {
  const inputs: ModelInputs = {};
  const length = encodings[0].input_ids.length;
  for (const name of MODEL_INPUT_NAMES) {
    if (!encodings[0][name]) continue;
    const flat = encodings.flatMap((e) => {
      const values = e[name] as number[];
      if (values.length !== length) throw new PipelineException("Batched inputs must be padded to one length (tokenizer padding).");
      return values;
    });
    inputs[name] = new Tensor(BigInt64Array.from(flat, (v) => BigInt(v)), [encodings.length, length], "int64");
  }
  return inputs;
}

/** The values of a float tensor as JS numbers with its shape. */
export function floats(tensor: unknown, what: string): { data: Float64Array | Float32Array | number[]; shape: readonly number[] } {
  if (!(tensor instanceof Tensor)) throw new PipelineException(`The model returned no ${what} tensor.`);
  const data = tensor.data as unknown as ArrayLike<number | bigint>;
  const numbers = typeof data[0] === "bigint" ? Array.from(data as ArrayLike<bigint>, Number) : (data as Float32Array);
  return { data: numbers, shape: tensor.shape };
}
