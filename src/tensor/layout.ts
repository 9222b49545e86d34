import { TensorError } from "./errors";

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function normDim(dim: number, rank: number, what = "dim"): number {
  const d = dim < 0 ? dim + rank : dim;
  if (d < 0 || d >= Math.max(rank, 1)) throw new TensorError(`${what} ${dim} is out of range for a tensor with ${rank} dimension${rank === 1 ? "" : "s"}.`);
  return d;
}

/** Views a shape as [outer, n, inner] around `dim`, the layout every along-a-dim op walks. */
export function around(shape: readonly number[], dim: number): { outer: number; n: number; inner: number } {
  return { outer: product(shape.slice(0, dim)), n: shape[dim] ?? 1, inner: product(shape.slice(dim + 1)) };
}

/** Numpy broadcasting of two shapes, or a TensorError naming both. */
export function broadcastShape(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new TensorError(`${op}: shapes [${a.join(", ")}] and [${b.join(", ")}] cannot be broadcast together.`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** For each flat index of `out`, the flat index into a tensor of `shape` broadcast to it. */
export function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const size = product(out);
  const idx = new Int32Array(size);
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const o = rank - shape.length + i;
    strides[o] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let k = 0; k < size; k++) {
    idx[k] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < out[d]) break;
      offset -= strides[d] * out[d];
      counter[d] = 0;
    }
  }
  return idx;
}
