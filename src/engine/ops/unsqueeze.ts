import { ShapeError } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis } from "../shape";
import type { ValueInfo } from "../types";

defineOp({
  type: "Unsqueeze",
  infer: (inputs, _a, op) => {
    const [x, axesV] = inputs as ValueInfo[];
    const axes = axesV.shapeValue as number[] | undefined;
    if (!axes) throw new ShapeError(`${op}: axes must be a constant.`);
    const rank = x.shape.length + axes.length;
    const norm = axes.map((a) => normAxis(op, a, rank)).sort((a, b) => a - b);
    const out = [...x.shape];
    for (const a of norm) out.splice(a, 0, 1);
    return [{ dtype: x.dtype, shape: out }];
  },
  grad: ({ graph: g, inputs, dys }) => [g.op("Reshape", [dys[0]!, g.op("Shape", [inputs[0]!])]), null],
});

defineOp({
  type: "Squeeze",
  infer: (inputs, _a, op) => {
    const [x, axesV] = inputs as ValueInfo[];
    const axes = (axesV.shapeValue as number[]).map((a) => normAxis(op, a, x.shape.length));
    for (const a of axes) {
      if (typeof x.shape[a] === "number" && x.shape[a] !== 1) throw new ShapeError(`${op}: axis ${a} of [${x.shape.join(", ")}] has size ${x.shape[a]}, not 1.`);
    }
    return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.includes(i)) }];
  },
  grad: ({ graph: g, inputs, dys }) => [g.op("Reshape", [dys[0]!, g.op("Shape", [inputs[0]!])]), null],
});

export function unsqueeze(x: GraphValue, axes: number | number[]): GraphValue {
  return x.graph.op("Unsqueeze", [x, x.graph.ints(Array.isArray(axes) ? axes : [axes])]);
}

export function squeeze(x: GraphValue, axes: number | number[]): GraphValue {
  return x.graph.op("Squeeze", [x, x.graph.ints(Array.isArray(axes) ? axes : [axes])]);
}
