import type { GraphValue } from "../graph";

/**
 * Inverted dropout: `x ⊙ mask`, where the mask is a graph input the runner fills from a seeded
 * Generator (kept entries hold 1/(1−p), dropped ones 0). Drawing masks in TypeScript, not with
 * onnxruntime's per-session RNG, makes training reproducible and resumable. The gradient is the
 * Mul rule's. Outside training (or p = 0) it returns `x` unchanged.
 */
export function dropout(x: GraphValue, p: number, training: boolean): GraphValue {
  if (!training || p === 0) return x;
  return x.graph.op("Mul", [x, x.graph.dropoutMask(x, p)]);
}
