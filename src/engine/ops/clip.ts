import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { inferBroadcast, sumToShape } from "./util";

// Elementwise maximum of two values; the gradient goes to whichever input is larger (the first on ties).
defineOp({
  type: "Max",
  infer: inferBroadcast,
  grad: ({ graph: g, inputs, outputs, dys, needs }) => {
    const [a, b] = inputs as GraphValue[];
    const dy = dys[0]!;
    const zero = g.scalar(0, dy.dtype);
    const fromA = g.op("Equal", [a, outputs[0]]);
    return [
      needs[0] ? sumToShape(g.op("Where", [fromA, dy, zero]), a.shape) : null,
      needs[1] ? sumToShape(g.op("Where", [fromA, zero, dy]), b.shape) : null,
    ];
  },
});

// Clamps to [min, max]; the gradient passes where the input was inside the range.
defineOp({
  type: "Clip",
  infer: (inputs) => {
    const x = inputs[0] as ValueInfo;
    return [{ dtype: x.dtype, shape: [...x.shape] }];
  },
  grad: ({ graph: g, inputs, outputs, dys }) => {
    const x = inputs[0]!;
    const inside = g.op("Equal", [x, outputs[0]]);
    return [g.op("Where", [inside, dys[0]!, g.scalar(0, x.dtype)]), null, null];
  },
});

/** Elementwise max(a, b), like torch.maximum. */
export function maximum(a: GraphValue, b: GraphValue): GraphValue {
  return a.graph.op("Max", [a, b]);
}

/** Limits values to [min, max], like torch.clamp. */
export function clamp(x: GraphValue, min: number, max: number): GraphValue {
  const g = x.graph;
  return g.op("Clip", [x, g.scalar(min, x.dtype), g.scalar(max, x.dtype)]);
}
