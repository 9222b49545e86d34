import { ShapeError, fmtShape } from "../errors";
import type { Graph, GraphValue } from "../graph";
import { requireSameDType } from "../graph";
import { broadcastShapes } from "../shape";
import type { Attrs, ValueInfo } from "../types";

export type Operand = GraphValue | number;

/** Turns a JS number into a scalar constant of the other operand's dtype. */
export function lift(like: GraphValue, v: Operand): GraphValue {
  return typeof v === "number" ? like.graph.scalar(v, like.dtype) : v;
}

export function graphOf(...xs: Operand[]): Graph {
  for (const x of xs) if (typeof x !== "number") return x.graph;
  throw new ShapeError("At least one operand must be a graph value.");
}

/** Shape rule shared by elementwise binary ops: same dtype, numpy broadcasting. */
export function inferBroadcast(inputs: (ValueInfo | null)[], _attrs: Attrs, op: string): ValueInfo[] {
  const [a, b] = inputs as ValueInfo[];
  requireSameDType(op, a, b);
  return [{ dtype: a.dtype, shape: broadcastShapes(op, a.shape, b.shape) }];
}

/** Shape rule for elementwise unary ops: output like input. */
export function inferSame(inputs: (ValueInfo | null)[]): ValueInfo[] {
  const x = inputs[0] as ValueInfo;
  return [{ dtype: x.dtype, shape: [...x.shape] }];
}

/**
 * Sums a broadcast gradient back to the shape of the operand that was broadcast:
 * the leading axes it lacked, and the axes where it had size 1.
 */
export function sumToShape(dy: GraphValue, target: readonly (number | string)[]): GraphValue {
  const g = dy.graph;
  const lead = dy.rank - target.length;
  if (lead < 0) throw new ShapeError(`Internal: gradient ${fmtShape(dy.shape)} has lower rank than its input ${fmtShape(target)}.`);
  let out = dy;
  if (lead > 0) {
    const axes = Array.from({ length: lead }, (_, i) => i);
    out = g.op("ReduceSum", [out, g.ints(axes)], { keepdims: { i: 0 } });
  }
  const axes: number[] = [];
  target.forEach((d, i) => {
    if (d === 1 && out.shape[i] !== 1) axes.push(i);
  });
  if (axes.length > 0) out = g.op("ReduceSum", [out, g.ints(axes)], { keepdims: { i: 1 } });
  return out;
}
