import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { Operand, graphOf, inferBroadcast, lift, sumToShape } from "./util";

defineOp({
  type: "Div",
  infer: inferBroadcast,
  grad: ({ inputs, outputs, dys, graph: g, needs }) => {
    const [a, b] = inputs as GraphValue[];
    const dy = dys[0]!;
    const da = needs[0] ? sumToShape(g.op("Div", [dy, b]), a.shape) : null;
    // d(a/b)/db = -(a/b)/b
    const db = needs[1] ? sumToShape(g.op("Neg", [g.op("Div", [g.op("Mul", [dy, outputs[0]]), b])]), b.shape) : null;
    return [da, db];
  },
});

export function div(a: Operand, b: Operand): GraphValue {
  const g = graphOf(a, b);
  const x = typeof a === "number" ? lift(b as GraphValue, a) : a;
  return g.op("Div", [x, lift(x, b)]);
}
