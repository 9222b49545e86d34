import { ShapeError } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { broadcastShapes, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";
import { sumToShape } from "./util";

defineOp({
  type: "Expand",
  infer: (inputs, _a, op) => {
    const [x, s] = inputs as ValueInfo[];
    const rank = s.shape[0];
    const target = s.shapeValue ?? (typeof rank === "number" ? Array.from({ length: rank }, () => unknownDim()) : null);
    if (!target) throw new ShapeError(`${op}: the target shape must have a known length.`);
    return [{ dtype: x.dtype, shape: broadcastShapes(op, x.shape, target) }];
  },
  grad: ({ inputs, dys }) => [sumToShape(dys[0]!, inputs[0]!.shape), null],
});

/** Broadcasts `x` to `shape` (numbers, or dim names `x`'s graph knows from `like`). */
export function expand(x: GraphValue, shape: Dim[] | GraphValue): GraphValue {
  const g = x.graph;
  if (!Array.isArray(shape)) return g.op("Expand", [x, shape]);
  if (shape.some((d) => typeof d !== "number")) throw new ShapeError("expand: pass a shape value (shape_of(y)) for dims known only at run time.");
  return g.op("Expand", [x, g.ints(shape as number[])]);
}
