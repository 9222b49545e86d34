import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { Operand, graphOf, inferBroadcast, lift, sumToShape } from "./util";

defineOp({
  type: "Sub",
  infer: inferBroadcast,
  grad: ({ inputs, dys, graph, needs }) => {
    const dy = dys[0]!;
    return [sumToShape(dy, inputs[0]!.shape), needs[1] ? sumToShape(graph.op("Neg", [dy]), inputs[1]!.shape) : null];
  },
});

export function sub(a: Operand, b: Operand): GraphValue {
  const g = graphOf(a, b);
  const x = typeof a === "number" ? lift(b as GraphValue, a) : a;
  return g.op("Sub", [x, lift(x, b)]);
}
