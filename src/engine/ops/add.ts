import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { Operand, graphOf, inferBroadcast, lift, sumToShape } from "./util";

defineOp({
  type: "Add",
  infer: inferBroadcast,
  grad: ({ inputs, dys }) => {
    const dy = dys[0]!;
    return [sumToShape(dy, inputs[0]!.shape), sumToShape(dy, inputs[1]!.shape)];
  },
});

export function add(a: Operand, b: Operand): GraphValue {
  const g = graphOf(a, b);
  const x = typeof a === "number" ? lift(b as GraphValue, a) : a;
  return g.op("Add", [x, lift(x, b)]);
}

defineOp({
  type: "Sum",
  infer: (inputs, attrs, op) => [(inputs as ValueInfo[]).slice(1).reduce((acc, x) => inferBroadcast([acc, x], attrs, op)[0], inputs[0] as ValueInfo)],
  grad: ({ inputs, dys }) => inputs.map((x) => sumToShape(dys[0]!, x!.shape)),
});

/** Elementwise sum of several values (with broadcasting), one ONNX Sum node. */
export function add_n(values: GraphValue[]): GraphValue {
  return values.length === 1 ? values[0] : values[0].graph.op("Sum", values);
}
