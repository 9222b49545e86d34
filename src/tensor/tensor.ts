import { AnyTypedArray, DType, allocate, dtypeOf } from "./dtype";
import { TensorError } from "./errors";
import * as eager from "./eager";
import { formatTensor } from "./format";
import { tensorMimeBundle } from "./html";
import { checkedElementCount } from "../utils/size_limits";

export { TensorError };
export type NestedNumbers = number | boolean | NestedNumbers[];
type Operand = Tensor | number | boolean;

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
    // the shape may come from input: check it and its memory before allocating
    return new Tensor(allocate(dtype, checkedElementCount(shape, "Tensor.zeros(shape)", bytesPerElement(dtype), "model")), shape, dtype);
  }

  static ones(shape: readonly number[], dtype: DType = "float32"): Tensor {
    return Tensor.full(shape, 1, dtype);
  }

  /** A tensor of `shape` filled with `value` (torch.full). */
  static full(shape: readonly number[], value: number | boolean, dtype: DType = typeof value === "boolean" ? "bool" : "float32"): Tensor {
    const t = Tensor.zeros(shape, dtype);
    if (t.data instanceof BigInt64Array) t.data.fill(BigInt(Math.trunc(Number(value))));
    else (t.data as Float32Array).fill(Number(value));
    return t;
  }

  /** start, start+step, … below end (torch.arange); int64 for integer arguments, else float32. */
  static arange(start: number, end?: number, step = 1, dtype?: DType): Tensor {
    const [from, to] = end === undefined ? [0, start] : [start, end];
    const n = Math.max(0, Math.ceil((to - from) / step));
    const values = Array.from({ length: n }, (_, i) => from + i * step);
    return Tensor.from(values, dtype ?? ([from, to, step].every(Number.isInteger) ? "int64" : "float32")).reshape([n]);
  }

  /** Joins tensors along an existing dim (torch.cat). */
  static cat(tensors: Tensor[], dim = 0): Tensor {
    return eager.cat(tensors, dim);
  }

  /** Joins tensors along a new dim (torch.stack). */
  static stack(tensors: Tensor[], dim = 0): Tensor {
    return eager.cat(tensors.map((t) => t.unsqueeze(dim)), dim);
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

  /** The number of elements (torch's `numel()`). */
  numel(): number {
    return this.data.length;
  }

  /** torch's `size()`: the shape, or one dim of it. */
  dims(dim?: number): number[] | number {
    return dim === undefined ? [...this.shape] : this.shape[dim < 0 ? dim + this.shape.length : dim];
  }

  /** Printed like torch: `tensor([[0.1000, 0.2000]])`. */
  toString(): string {
    return formatTensor(this);
  }

  /** Notebook display: torch-like text and an HTML table. */
  _repr_mimebundle_(): Record<string, unknown> {
    return tensorMimeBundle(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }

  // ---- elementwise (broadcasting like numpy/torch)
  add(other: Operand): Tensor {
    return eager.binary(this, other, "add", (a, b) => a + b);
  }
  sub(other: Operand): Tensor {
    return eager.binary(this, other, "sub", (a, b) => a - b);
  }
  mul(other: Operand): Tensor {
    return eager.binary(this, other, "mul", (a, b) => a * b);
  }
  /** True division: the result is float, as in torch. */
  div(other: Operand): Tensor {
    const dt = this.dtype === "float64" || (other instanceof Tensor && other.dtype === "float64") ? "float64" : "float32";
    return eager.binary(this, other, "div", (a, b) => a / b, dt);
  }
  neg(): Tensor {
    return eager.unary(this, (a) => -a, this.dtype);
  }
  abs(): Tensor {
    return eager.unary(this, Math.abs, this.dtype);
  }
  exp(): Tensor {
    return eager.unary(this, Math.exp);
  }
  log(): Tensor {
    return eager.unary(this, Math.log);
  }
  sqrt(): Tensor {
    return eager.unary(this, Math.sqrt);
  }
  sigmoid(): Tensor {
    return eager.unary(this, (a) => 1 / (1 + Math.exp(-a)));
  }
  tanh(): Tensor {
    return eager.unary(this, Math.tanh);
  }
  round(): Tensor {
    return eager.unary(this, (a) => Math.round(a), this.dtype);
  }

  // ---- comparisons (bool results)
  eq(other: Operand): Tensor {
    return eager.compare(this, other, "eq", (a, b) => a === b);
  }
  ne(other: Operand): Tensor {
    return eager.compare(this, other, "ne", (a, b) => a !== b);
  }
  gt(other: Operand): Tensor {
    return eager.compare(this, other, "gt", (a, b) => a > b);
  }
  ge(other: Operand): Tensor {
    return eager.compare(this, other, "ge", (a, b) => a >= b);
  }
  lt(other: Operand): Tensor {
    return eager.compare(this, other, "lt", (a, b) => a < b);
  }
  le(other: Operand): Tensor {
    return eager.compare(this, other, "le", (a, b) => a <= b);
  }

  // ---- reductions and normalisations
  sum(dim?: number, keepdim = false): Tensor {
    return eager.sum(this, dim, keepdim);
  }
  mean(dim?: number, keepdim = false): Tensor {
    return eager.mean(this, dim, keepdim);
  }
  /** Largest value (over all elements, or along `dim`), like torch.amax. */
  max(dim?: number, keepdim = false): Tensor {
    return eager.amax(this, dim, keepdim);
  }
  min(dim?: number, keepdim = false): Tensor {
    return eager.amin(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return eager.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return eager.argmin(this, dim, keepdim);
  }
  softmax(dim = -1): Tensor {
    return eager.softmax(this, dim);
  }
  log_softmax(dim = -1): Tensor {
    return eager.log_softmax(this, dim);
  }
  /** `{ values, indices }` of the k largest entries along `dim` (sorted), like torch.topk. */
  topk(k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } {
    return eager.topk(this, k, dim, largest);
  }

  // ---- shape and indexing
  reshape(...shape: number[] | [number[]]): Tensor {
    return eager.reshape(this, Array.isArray(shape[0]) ? shape[0] : (shape as number[]));
  }
  view(...shape: number[] | [number[]]): Tensor {
    return this.reshape(...shape);
  }
  flatten(): Tensor {
    return eager.reshape(this, [this.size]);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return eager.transpose(this, dim0, dim1);
  }
  permute(...dims: number[] | [number[]]): Tensor {
    return eager.permute(this, Array.isArray(dims[0]) ? dims[0] : (dims as number[]));
  }
  get T(): Tensor {
    return eager.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i));
  }
  squeeze(dim?: number): Tensor {
    return eager.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return eager.unsqueeze(this, dim);
  }
  /** `t[index]` along `dim` with that dim removed (torch.select); `t.get(0)` is Python's `t[0]`. */
  select(dim: number, index: number): Tensor {
    return eager.select(this, dim, index);
  }
  get(index: number): Tensor {
    return eager.select(this, 0, index);
  }
  /** Python's `t[:, start:end:step]` along `dim`. */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return eager.slice(this, dim, start ?? 0, end, step);
  }
  index_select(dim: number, indices: number[] | Tensor): Tensor {
    return eager.index_select(this, dim, indices);
  }

  // ---- dtype conversion
  to(dtype: DType): Tensor {
    return eager.to(this, dtype);
  }
  float(): Tensor {
    return eager.to(this, "float32");
  }
  double(): Tensor {
    return eager.to(this, "float64");
  }
  long(): Tensor {
    return eager.to(this, "int64");
  }
  int(): Tensor {
    return eager.to(this, "int32");
  }
  bool(): Tensor {
    return eager.to(this, "bool");
  }
  clone(): Tensor {
    return new Tensor(this.data.slice() as AnyTypedArray, this.shape, this.dtype);
  }
}

function bytesPerElement(dtype: DType): number {
  return dtype === "float64" || dtype === "int64" ? 8 : dtype === "float32" || dtype === "int32" ? 4 : 1;
}
