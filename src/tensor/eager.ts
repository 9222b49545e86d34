// Small eager CPU ops for looking at model outputs (softmax over logits, argmax, top-k …).
// They compute in float64 and return float32 for float32 inputs, like torch's results.
import { AnyTypedArray, DType, allocate } from "./dtype";
import { TensorError } from "./errors";
import { around, broadcastIndex, broadcastShape, normDim, product } from "./layout";
import { Tensor } from "./tensor";

export type Scalar = number | boolean;

function num(t: Tensor, i: number): number {
  const v = t.data[i];
  return typeof v === "bigint" ? Number(v) : (v as number);
}

function floatDType(t: Tensor): DType {
  return t.dtype === "float64" ? "float64" : "float32";
}

function fromNumbers(values: ArrayLike<number>, shape: number[], dtype: DType): Tensor {
  const data = allocate(dtype, values.length);
  if (data instanceof BigInt64Array) for (let i = 0; i < values.length; i++) data[i] = BigInt(Math.trunc(values[i]));
  else for (let i = 0; i < values.length; i++) (data as Float64Array)[i] = values[i] as number;
  return new Tensor(data, shape, dtype);
}

function asTensor(x: Tensor | Scalar, like: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  return fromNumbers([Number(x)], [], typeof x === "boolean" ? "bool" : Number.isInteger(x) && like.dtype !== "float32" && like.dtype !== "float64" ? like.dtype : floatDType(like));
}

/** The dtype torch promotes two operands to (floats win; then int64 over int32 over bool). */
function promote(a: DType, b: DType): DType {
  const order: DType[] = ["bool", "int32", "int64", "float32", "float64"];
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}

export function binary(a: Tensor, bIn: Tensor | Scalar, op: string, f: (x: number, y: number) => number, outDType?: DType): Tensor {
  const b = asTensor(bIn, a);
  const shape = broadcastShape(a.shape, b.shape, op);
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const dtype = outDType ?? promote(a.dtype, bIn instanceof Tensor ? b.dtype : b.dtype === "float32" && a.dtype === "float64" ? "float64" : b.dtype);
  const out = new Float64Array(product(shape));
  for (let i = 0; i < out.length; i++) out[i] = f(num(a, ia[i]), num(b, ib[i]));
  return fromNumbers(out, shape, dtype);
}

export function unary(a: Tensor, f: (x: number) => number, dtype: DType = floatDType(a)): Tensor {
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = f(num(a, i));
  return fromNumbers(out, a.shape, dtype);
}

export const compare = (a: Tensor, b: Tensor | Scalar, op: string, f: (x: number, y: number) => boolean) => binary(a, b, op, (x, y) => (f(x, y) ? 1 : 0), "bool");

/** Reduces along `dim` (all elements when undefined) with `f` over each run of values. */
export function reduce(t: Tensor, dim: number | undefined, keepdim: boolean, f: (vals: Float64Array) => number, dtype: DType): Tensor {
  if (dim === undefined) {
    const vals = new Float64Array(t.size);
    for (let i = 0; i < t.size; i++) vals[i] = num(t, i);
    return fromNumbers([f(vals)], keepdim ? t.shape.map(() => 1) : [], dtype);
  }
  const d = normDim(dim, t.ndim);
  const { outer, n, inner } = around(t.shape, d);
  const out = new Float64Array(outer * inner);
  const vals = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) vals[k] = num(t, (o * n + k) * inner + i);
      out[o * inner + i] = f(vals);
    }
  }
  const shape = keepdim ? t.shape.map((s, i) => (i === d ? 1 : s)) : t.shape.filter((_, i) => i !== d);
  return fromNumbers(out, shape, dtype);
}

/** Applies `f` to each run of values along `dim`, writing a run of the same length. */
export function alongDim(t: Tensor, dim: number, f: (vals: Float64Array, out: Float64Array) => void, dtype: DType): Tensor {
  const d = normDim(dim, t.ndim);
  const { outer, n, inner } = around(t.shape, d);
  const result = new Float64Array(t.size);
  const vals = new Float64Array(n);
  const out = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) vals[k] = num(t, (o * n + k) * inner + i);
      f(vals, out);
      for (let k = 0; k < n; k++) result[(o * n + k) * inner + i] = out[k];
    }
  }
  return fromNumbers(result, [...t.shape], dtype);
}

export function softmax(t: Tensor, dim: number): Tensor {
  return alongDim(t, dim, (v, out) => {
    let m = -Infinity;
    for (const x of v) m = Math.max(m, x);
    let s = 0;
    for (let k = 0; k < v.length; k++) s += out[k] = Math.exp(v[k] - m);
    for (let k = 0; k < v.length; k++) out[k] /= s;
  }, floatDType(t));
}

export function log_softmax(t: Tensor, dim: number): Tensor {
  return alongDim(t, dim, (v, out) => {
    let m = -Infinity;
    for (const x of v) m = Math.max(m, x);
    let s = 0;
    for (const x of v) s += Math.exp(x - m);
    const lse = m + Math.log(s);
    for (let k = 0; k < v.length; k++) out[k] = v[k] - lse;
  }, floatDType(t));
}

/** Index of the largest value (the first one on ties, as torch does on CPU). NaN counts as largest. */
function argBest(v: Float64Array, better: (a: number, b: number) => boolean): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) {
    if (Number.isNaN(v[best])) break;
    if (Number.isNaN(v[k]) || better(v[k], v[best])) best = k;
  }
  return best;
}

export const argmax = (t: Tensor, dim?: number, keepdim = false) => reduce(t, dim, keepdim, (v) => argBest(v, (a, b) => a > b), "int64");
export const argmin = (t: Tensor, dim?: number, keepdim = false) => reduce(t, dim, keepdim, (v) => argBest(v, (a, b) => a < b), "int64");

function sumOf(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}

export function sum(t: Tensor, dim?: number, keepdim = false): Tensor {
  const dtype = t.dtype === "bool" || t.dtype === "int32" ? "int64" : t.dtype;
  return reduce(t, dim, keepdim, sumOf, dtype);
}

export function mean(t: Tensor, dim?: number, keepdim = false): Tensor {
  if (t.dtype !== "float32" && t.dtype !== "float64") {
    throw new TensorError(`mean() needs a float tensor, got ${t.dtype}. Convert first: t.float().mean().`);
  }
  return reduce(t, dim, keepdim, (v) => sumOf(v) / v.length, t.dtype);
}

export const amax = (t: Tensor, dim?: number, keepdim = false) => reduce(t, dim, keepdim, (v) => v[argBest(v, (a, b) => a > b)], t.dtype);
export const amin = (t: Tensor, dim?: number, keepdim = false) => reduce(t, dim, keepdim, (v) => v[argBest(v, (a, b) => a < b)], t.dtype);

/** The k largest (or smallest) values along `dim` and their indices, sorted, like torch.topk. */
export function topk(t: Tensor, k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } {
  const d = normDim(dim, t.ndim);
  const { outer, n, inner } = around(t.shape, d);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new TensorError(`topk: k = ${k} is out of range for a dimension of size ${n}.`);
  const values = new Float64Array(outer * k * inner);
  const indices = new Float64Array(outer * k * inner);
  const order = Array.from({ length: n }, (_, i) => i);
  const vals = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let j = 0; j < n; j++) vals[j] = num(t, (o * n + j) * inner + i);
      const sorted = [...order].sort((a, b) => (largest ? vals[b] - vals[a] : vals[a] - vals[b]) || a - b);
      for (let j = 0; j < k; j++) {
        values[(o * k + j) * inner + i] = vals[sorted[j]];
        indices[(o * k + j) * inner + i] = sorted[j];
      }
    }
  }
  const shape = t.shape.map((s, i) => (i === d ? k : s));
  return { values: fromNumbers(values, shape, t.dtype), indices: fromNumbers(indices, shape, "int64") };
}

// ---- shape and indexing

export function reshape(t: Tensor, shape: number[]): Tensor {
  const minus = shape.indexOf(-1);
  const resolved = [...shape];
  if (minus >= 0) {
    const known = product(shape.filter((_, i) => i !== minus));
    if (known === 0 || t.size % known !== 0) throw new TensorError(`shape [${shape.join(", ")}] is invalid for a tensor of ${t.size} elements.`);
    resolved[minus] = t.size / known;
  }
  if (product(resolved) !== t.size) throw new TensorError(`shape [${shape.join(", ")}] is invalid for a tensor of ${t.size} elements.`);
  return new Tensor(t.data, resolved, t.dtype);
}

export function permute(t: Tensor, dims: number[]): Tensor {
  const perm = dims.map((d) => normDim(d, t.ndim));
  if (perm.length !== t.ndim || new Set(perm).size !== perm.length) throw new TensorError(`permute: [${dims.join(", ")}] is not a permutation of ${t.ndim} dims.`);
  const outShape = perm.map((p) => t.shape[p]);
  const inStrides = t.shape.map((_, i) => product(t.shape.slice(i + 1)));
  const strides = perm.map((p) => inStrides[p]);
  const out = allocate(t.dtype, t.size) as AnyTypedArray;
  const counter = new Array<number>(t.ndim).fill(0);
  let offset = 0;
  for (let k = 0; k < t.size; k++) {
    (out as unknown as (number | bigint)[])[k] = t.data[offset];
    for (let d = t.ndim - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < outShape[d]) break;
      offset -= strides[d] * outShape[d];
      counter[d] = 0;
    }
  }
  return new Tensor(out, outShape, t.dtype);
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  const perm = t.shape.map((_, i) => i);
  const a = normDim(dim0, t.ndim);
  const b = normDim(dim1, t.ndim);
  [perm[a], perm[b]] = [perm[b], perm[a]];
  return permute(t, perm);
}

/** Elements `start, start+step, …` below `end` along `dim` (Python slice semantics, negatives allowed). */
export function slice(t: Tensor, dim: number, start = 0, end?: number, step = 1): Tensor {
  const d = normDim(dim, t.ndim);
  if (step <= 0) throw new TensorError("slice: step must be positive.");
  const n = t.shape[d];
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const s = clamp(start);
  const e = end === undefined ? n : clamp(end);
  const picks: number[] = [];
  for (let i = s; i < e; i += step) picks.push(i);
  return index_select(t, d, picks);
}

/** The entries at `indices` along `dim` (torch.index_select). */
export function index_select(t: Tensor, dim: number, indices: number[] | Tensor): Tensor {
  const d = normDim(dim, t.ndim);
  const { outer, n, inner } = around(t.shape, d);
  const idx = indices instanceof Tensor ? Array.from({ length: indices.size }, (_, i) => num(indices, i)) : indices;
  for (const i of idx) if (i < -n || i >= n) throw new TensorError(`index ${i} is out of bounds for dimension ${d} with size ${n}.`);
  const out = allocate(t.dtype, outer * idx.length * inner);
  for (let o = 0; o < outer; o++) {
    idx.forEach((raw, j) => {
      const i = raw < 0 ? raw + n : raw;
      for (let k = 0; k < inner; k++) (out as unknown as (number | bigint)[])[(o * idx.length + j) * inner + k] = t.data[(o * n + i) * inner + k];
    });
  }
  return new Tensor(out, t.shape.map((s, i) => (i === d ? idx.length : s)), t.dtype);
}

/** The slice at `index` along `dim`, with that dim removed (torch.select; `t[i]` is select(0, i)). */
export function select(t: Tensor, dim: number, index: number): Tensor {
  const d = normDim(dim, t.ndim);
  const picked = index_select(t, d, [index]);
  return new Tensor(picked.data, t.shape.filter((_, i) => i !== d), t.dtype);
}

export function squeeze(t: Tensor, dim?: number): Tensor {
  if (dim === undefined) return new Tensor(t.data, t.shape.filter((s) => s !== 1), t.dtype);
  const d = normDim(dim, t.ndim);
  return t.shape[d] === 1 ? new Tensor(t.data, t.shape.filter((_, i) => i !== d), t.dtype) : t;
}

export function unsqueeze(t: Tensor, dim: number): Tensor {
  const d = normDim(dim, t.ndim + 1);
  const shape = [...t.shape];
  shape.splice(d, 0, 1);
  return new Tensor(t.data, shape, t.dtype);
}

export function to(t: Tensor, dtype: DType): Tensor {
  if (dtype === t.dtype) return t;
  const out = allocate(dtype, t.size);
  for (let i = 0; i < t.size; i++) {
    const v = num(t, i);
    if (out instanceof BigInt64Array) out[i] = BigInt(Math.trunc(v));
    else if (dtype === "bool") out[i] = v !== 0 ? 1 : 0;
    else if (dtype === "int32") out[i] = Math.trunc(v);
    else (out as Float64Array)[i] = v;
  }
  return new Tensor(out, t.shape, dtype);
}

/** Concatenates along `dim`; every other dim and the dtype must match. */
export function cat(tensors: Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new TensorError("cat needs at least one tensor.");
  const first = tensors[0];
  const d = normDim(dim, first.ndim);
  for (const t of tensors) {
    if (t.dtype !== first.dtype || t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i])) {
      throw new TensorError(`cat: tensors must have the same dtype and sizes except in dim ${d}; got ${tensors.map((x) => `${x.dtype}[${x.shape.join(", ")}]`).join(", ")}.`);
    }
  }
  const total = tensors.reduce((n, t) => n + t.shape[d], 0);
  const shape = first.shape.map((s, i) => (i === d ? total : s));
  const { outer, inner } = around(shape, d);
  const out = allocate(first.dtype, product(shape)) as unknown as (number | bigint)[];
  let offset = 0;
  for (const t of tensors) {
    const n = t.shape[d];
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < n * inner; k++) out[(o * total + offset) * inner + k] = t.data[o * n * inner + k];
    }
    offset += n;
  }
  return new Tensor(out as unknown as AnyTypedArray, shape, first.dtype);
}
