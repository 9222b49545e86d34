// Turning a list of feature dicts into a dict of batch Tensors, as torch's default collation does.
import { Tensor, type DType } from "../tensor";
import { DataCollatorError } from "./errors";

export type Feature = Record<string, any>;
export type TensorBatch = Record<string, Tensor>;

/** A plain value (numbers, nested lists) from a feature's value, which may be a Tensor or a typed array. */
export function plain(value: unknown): unknown {
  if (value instanceof Tensor) return value.tolist();
  if (typeof value === "bigint") return Number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number | bigint>, Number);
  return value;
}

/** Whether every number in a nested list is an integer (then the batch is int64, else float32). */
function allIntegers(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(allIntegers);
  if (typeof value === "boolean") return true;
  return typeof value === "number" && Number.isInteger(value);
}

/** Stacks the values of one key across features into a Tensor (int64 for integers, float32 otherwise). */
export function stack(key: string, values: unknown[], dtype?: DType): Tensor {
  const rows = values.map(plain);
  const type = dtype ?? (allIntegers(rows) ? "int64" : "float32");
  try {
    return Tensor.from(rows as never, type);
  } catch (err) {
    throw new DataCollatorError(
      `Cannot stack '${key}' into one tensor: its rows have different lengths. Pad them (DataCollatorWithPadding, or tokenizer(..., { padding: true })). (${(err as Error).message})`,
    );
  }
}

/** The features as plain objects, whether they are rows of a Dataset, BatchEncodings or plain dicts. */
export function featureList(features: unknown): Feature[] {
  if (!Array.isArray(features)) throw new DataCollatorError("A data collator takes a list of features (one object per example).");
  if (features.length === 0) throw new DataCollatorError("A data collator got an empty list of features; a batch needs at least one example.");
  return features.map((f, i) => {
    if (!f || typeof f !== "object") throw new DataCollatorError(`Feature ${i} is ${typeof f}; each feature must be an object such as { input_ids, label }.`);
    const out: Feature = {};
    for (const [k, v] of Object.entries(f)) if (typeof v !== "function") out[k] = v;
    return out;
  });
}
