import type { GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { inferSame } from "./util";

const axisOf = (attrs: Record<string, unknown>) => (attrs.axis as { i: number } | undefined)?.i ?? -1;

defineOp({
  type: "Softmax",
  infer: (inputs, _a, op) => {
    requireFloat(op, inputs[0] as ValueInfo);
    return inferSame(inputs);
  },
  // dx = y ⊙ (dy − Σ(dy ⊙ y))
  grad: ({ graph: g, outputs, attrs, dys }) => {
    const y = outputs[0];
    const dy = dys[0]!;
    const s = g.op("ReduceSum", [g.op("Mul", [dy, y]), g.ints([axisOf(attrs)])], { keepdims: { i: 1 } });
    return [g.op("Mul", [y, g.op("Sub", [dy, s])])];
  },
});

defineOp({
  type: "LogSoftmax",
  infer: (inputs, _a, op) => {
    requireFloat(op, inputs[0] as ValueInfo);
    return inferSame(inputs);
  },
  // dx = dy − exp(y) ⊙ Σdy
  grad: ({ graph: g, outputs, attrs, dys }) => {
    const dy = dys[0]!;
    const s = g.op("ReduceSum", [dy, g.ints([axisOf(attrs)])], { keepdims: { i: 1 } });
    return [g.op("Sub", [dy, g.op("Mul", [g.op("Exp", [outputs[0]]), s])])];
  },
});

export function softmax(x: GraphValue, axis = -1): GraphValue {
  return x.graph.op("Softmax", [x], { axis: { i: axis } });
}

export function log_softmax(x: GraphValue, axis = -1): GraphValue {
  return x.graph.op("LogSoftmax", [x], { axis: { i: axis } });
}
