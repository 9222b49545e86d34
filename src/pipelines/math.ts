// Small numeric helpers for post-processing logits (plain arrays of JS numbers).

/** Numerically stable softmax: exp(x - max) / sum. */
export function softmax(values: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  const exps = Array.from(values, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function sigmoid(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => 1 / (1 + Math.exp(-v)));
}

/** Index of the largest value (the first one on ties, like numpy). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Indices of the k largest values, largest first (stable on ties, like torch.topk on CPU). */
export function topk(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[b] - values[a] || a - b);
  return order.slice(0, Math.max(0, Math.min(k, values.length)));
}

/** Row `index` of a row-major [rows, cols] buffer as plain numbers. */
export function row(data: ArrayLike<number>, cols: number, index: number): number[] {
  return Array.from({ length: cols }, (_, j) => Number(data[index * cols + j]));
}
