import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { Operand, graphOf, inferBroadcast, lift, sumToShape } from "./util";

defineOp({
  type: "Mul",
  infer: inferBroadcast,
  grad: ({ inputs, dys, graph, needs }) => {
    const [a, b] = inputs as GraphValue[];
    const dy = dys[0]!;
    return [
      needs[0] ? sumToShape(graph.op("Mul", [dy, b]), a.shape) : null,
      needs[1] ? sumToShape(graph.op("Mul", [dy, a]), b.shape) : null,
    ];
  },
});

export function mul(a: Operand, b: Operand): GraphValue {
  const g = graphOf(a, b);
  const x = typeof a === "number" ? lift(b as GraphValue, a) : a;
  return g.op("Mul", [x, lift(x, b)]);
}
