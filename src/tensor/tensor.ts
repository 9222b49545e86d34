import { AnyTypedArray, DType, allocate, dtypeOf } from "./dtype";

export type NestedNumbers = number | boolean | NestedNumbers[];

/** Thrown when a tensor is built from data that does not fit its shape or dtype. */
export class TensorError extends Error {
  override name = "TensorError";
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function inferShape(value: NestedNumbers): number[] {
  const shape: number[] = [];
  let cur: NestedNumbers = value;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

/**
 * A dense, row-major n-dimensional array: a typed array plus a shape and a dtype.
 * int64 tensors hold a BigInt64Array (what onnxruntime wants) but `tolist()` returns plain numbers.
 */
export class Tensor {
  readonly dtype: DType;
  readonly shape: number[];
  readonly data: AnyTypedArray;

  constructor(data: AnyTypedArray, shape: readonly number[], dtype: DType = dtypeOf(data)) {
    if (data.length !== product(shape)) {
      throw new TensorError(`Tensor data has ${data.length} elements but shape [${shape.join(", ")}] needs ${product(shape)}.`);
    }
    this.data = data;
    this.shape = [...shape];
    this.dtype = dtype;
  }

  /** Builds a tensor from nested JS arrays, like `torch.tensor([[1, 2], [3, 4]])`. */
  static from(value: NestedNumbers, dtype?: DType): Tensor {
    const shape = inferShape(value);
    const flat: (number | boolean)[] = Array.isArray(value) ? ((value as unknown[]).flat(Infinity as 1) as (number | boolean)[]) : [value];
    if (flat.length !== product(shape)) {
      throw new TensorError(`Nested array is ragged: expected ${product(shape)} elements for shape [${shape.join(", ")}], found ${flat.length}. Pad the rows to one length first.`);
    }
    const resolved: DType =
      dtype ?? (flat.every((v) => typeof v === "boolean") && flat.length > 0 ? "bool" : flat.every((v) => Number.isInteger(v)) ? "int64" : "float32");
    const data = allocate(resolved, flat.length);
    if (data instanceof BigInt64Array) flat.forEach((v, i) => (data[i] = BigInt(Math.trunc(Number(v)))));
    else flat.forEach((v, i) => ((data as Float32Array)[i] = Number(v)));
    return new Tensor(data, shape, resolved);
  }

  static zeros(shape: readonly number[], dtype: DType = "float32"): Tensor {
    return new Tensor(allocate(dtype, product(shape)), shape, dtype);
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Element at a flat row-major index, as a JS number (int64 converted). */
  item(index = 0): number {
    const v = this.data[index];
    return typeof v === "bigint" ? Number(v) : (v as number);
  }

  /** The values as nested JS arrays of numbers (booleans for bool tensors), like torch's `tolist()`. */
  tolist(): any {
    const read = (i: number): number | boolean => (this.dtype === "bool" ? this.data[i] !== 0 : this.item(i));
    if (this.shape.length === 0) return read(0);
    const build = (dim: number, offset: number): any[] => {
      const n = this.shape[dim];
      const stride = product(this.shape.slice(dim + 1));
      const out: any[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = dim === this.shape.length - 1 ? read(offset + i) : build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }
}
