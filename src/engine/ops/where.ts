import { DTypeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { requireSameDType } from "../graph";
import { defineOp } from "../registry";
import { broadcastShapes } from "../shape";
import type { ValueInfo } from "../types";
import { Operand, lift, sumToShape } from "./util";

defineOp({
  type: "Where",
  infer: (inputs, _a, op) => {
    const [c, a, b] = inputs as ValueInfo[];
    if (c.dtype !== "bool") throw new DTypeError(`${op}: the condition must be bool, got ${c.dtype} ${fmtShape(c.shape)}. Compare first, e.g. mask.eq(0).`);
    requireSameDType(op, a, b);
    return [{ dtype: a.dtype, shape: broadcastShapes(op, c.shape, broadcastShapes(op, a.shape, b.shape)) }];
  },
  grad: ({ graph: g, inputs, dys, needs }) => {
    const [c, a, b] = inputs as GraphValue[];
    const dy = dys[0]!;
    const zero = g.scalar(0, dy.dtype);
    return [
      null,
      needs[1] ? sumToShape(g.op("Where", [c, dy, zero]), a.shape) : null,
      needs[2] ? sumToShape(g.op("Where", [c, zero, dy]), b.shape) : null,
    ];
  },
});

/** `a` where `cond` is true, else `b` (either may be a number). */
export function where(cond: GraphValue, a: Operand, b: Operand): GraphValue {
  const x = typeof a === "number" ? (typeof b === "number" ? cond.graph.scalar(a) : lift(b, a)) : a;
  return cond.graph.op("Where", [cond, x, lift(x, b)]);
}
