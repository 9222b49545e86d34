import { DType, NestedNumbers, Tensor } from "../tensor";

/** Thrown for model inputs that do not fit the model: wrong dtype or shape, ids outside the vocabulary, too long. */
export class ModelInputError extends Error {
  override name = "ModelInputError";
}

/** Anything a model call accepts for one input: a Tensor or nested arrays of numbers. */
export type TensorLike = Tensor | NestedNumbers;

/**
 * Converts one input to a Tensor of `dtype`. Nested arrays are read as numbers; int32 and int64
 * tensors convert to each other; floats are refused where ids are expected.
 */
export function toTensor(name: string, value: TensorLike, dtype: DType): Tensor {
  let t: Tensor;
  if (value instanceof Tensor) t = value;
  else {
    if (dtype === "int64" && Array.isArray(value)) {
      const bad = (value as unknown[]).flat(Infinity as 1).find((v) => typeof v !== "boolean" && (typeof v !== "number" || !Number.isInteger(v)));
      if (bad !== undefined) throw new ModelInputError(`${name} must hold whole numbers (token ids, labels or positions), but contains ${JSON.stringify(bad)}.`);
    }
    try {
      t = Tensor.from(value as NestedNumbers, dtype);
    } catch (e) {
      throw new ModelInputError(`${name}: ${(e as Error).message}`);
    }
  }
  if (t.dtype === dtype) return t;
  if (dtype === "int64" && (t.dtype === "int32" || t.dtype === "bool")) return new Tensor(BigInt64Array.from(t.data as Int32Array, (v) => BigInt(v)), t.shape, "int64");
  if (dtype === "float32" && t.dtype !== "bool") {
    const src = t.data;
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = Number(src[i]);
    return new Tensor(out, t.shape, "float32");
  }
  if (dtype === "int64" && (t.dtype === "float32" || t.dtype === "float64")) {
    const src = t.data as Float32Array;
    if (src.every((v) => Number.isInteger(v))) return new Tensor(BigInt64Array.from(src, (v) => BigInt(v)), t.shape, "int64");
  }
  throw new ModelInputError(`${name} must be ${dtype}, got a ${t.dtype} tensor of shape [${t.shape.join(", ")}].`);
}

/** Adds a batch dimension to a single sequence ([seq] → [1, seq]), as tokenizers return one for one text. */
export function ensureBatch(name: string, t: Tensor): Tensor {
  if (t.shape.length === 1) return new Tensor(t.data, [1, t.shape[0]], t.dtype);
  if (t.shape.length !== 2) throw new ModelInputError(`${name} must have shape [batch_size, sequence_length], got [${t.shape.join(", ")}].`);
  return t;
}

/** Checks every id is in [0, size), naming the first offender and where it is. */
export function checkIdRange(name: string, t: Tensor, size: number, what: string, advice: string): void {
  const data = t.data as BigInt64Array;
  const cols = t.shape[t.shape.length - 1] ?? 1;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v < 0 || v >= size) {
      const at = t.shape.length === 2 ? `[${Math.floor(i / cols)}][${i % cols}]` : `[${i}]`;
      throw new ModelInputError(`${name}${at} = ${v} is outside the ${what} (ids 0 to ${size - 1}). ${advice}`);
    }
  }
}

export function sameShape(a: Tensor, b: Tensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

export function filled(shape: number[], value: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(new BigInt64Array(n).fill(BigInt(value)), shape, "int64");
}
