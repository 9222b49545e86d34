import { GradientError } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { inferBroadcast, sumToShape } from "./util";

defineOp({
  type: "Pow",
  infer: inferBroadcast,
  grad: ({ inputs, dys, graph: g, needs }) => {
    const [x, e] = inputs as GraphValue[];
    if (needs[1]) throw new GradientError("Pow: gradients with respect to the exponent are not supported; use exp(e * log(x)).");
    const dy = dys[0]!;
    // d(x^e)/dx = e * x^(e-1)
    const xe1 = g.op("Pow", [x, g.op("Sub", [e, g.scalar(1, e.dtype)])]);
    return [sumToShape(g.op("Mul", [dy, g.op("Mul", [e, xe1])]), x.shape), null];
  },
});

/** x raised to a constant power. */
export function pow(x: GraphValue, exponent: number | GraphValue): GraphValue {
  const e = typeof exponent === "number" ? x.graph.scalar(exponent, x.dtype) : exponent;
  return x.graph.op("Pow", [x, e]);
}
