// Elementwise unary ops whose gradient is a short formula of the input x, the output y and dy.
import type { Graph, GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { inferSame } from "./util";

type UnaryGrad = (g: Graph, x: GraphValue, y: GraphValue, dy: GraphValue) => GraphValue;

function defineUnary(type: string, grad: UnaryGrad | null): void {
  defineOp({
    type,
    infer: (inputs, attrs, op) => {
      requireFloat(op, inputs[0] as ValueInfo);
      return inferSame(inputs);
    },
    grad: grad ? ({ graph, inputs, outputs, dys }) => [grad(graph, inputs[0]!, outputs[0], dys[0]!)] : undefined,
  });
}

defineUnary("Neg", (g, _x, _y, dy) => g.op("Neg", [dy]));
defineUnary("Exp", (g, _x, y, dy) => g.op("Mul", [dy, y]));
defineUnary("Log", (g, x, _y, dy) => g.op("Div", [dy, x]));
defineUnary("Sqrt", (g, _x, y, dy) => g.op("Div", [g.op("Mul", [dy, g.scalar(0.5, y.dtype)]), y]));
defineUnary("Reciprocal", (g, _x, y, dy) => g.op("Neg", [g.op("Mul", [dy, g.op("Mul", [y, y])])]));
defineUnary("Tanh", (g, _x, y, dy) => g.op("Mul", [dy, g.op("Sub", [g.scalar(1, y.dtype), g.op("Mul", [y, y])])]));
defineUnary("Sigmoid", (g, _x, y, dy) => g.op("Mul", [dy, g.op("Mul", [y, g.op("Sub", [g.scalar(1, y.dtype), y])])]));
defineUnary("Relu", (g, x, _y, dy) => g.op("Where", [g.op("Greater", [x, g.scalar(0, x.dtype)]), dy, g.scalar(0, dy.dtype)]));
defineUnary("Abs", (g, x, _y, dy) => g.op("Mul", [dy, g.op("Sign", [x])]));
defineUnary("Sign", null);
// d erf(x)/dx = 2/sqrt(pi) * exp(-x^2)
defineUnary("Erf", (g, x, _y, dy) =>
  g.op("Mul", [dy, g.op("Mul", [g.scalar(2 / Math.sqrt(Math.PI), x.dtype), g.op("Exp", [g.op("Neg", [g.op("Mul", [x, x])])])])]),
);

export const neg = (x: GraphValue) => x.graph.op("Neg", [x]);
export const exp = (x: GraphValue) => x.graph.op("Exp", [x]);
export const log = (x: GraphValue) => x.graph.op("Log", [x]);
export const sqrt = (x: GraphValue) => x.graph.op("Sqrt", [x]);
export const reciprocal = (x: GraphValue) => x.graph.op("Reciprocal", [x]);
export const tanh = (x: GraphValue) => x.graph.op("Tanh", [x]);
export const sigmoid = (x: GraphValue) => x.graph.op("Sigmoid", [x]);
export const relu = (x: GraphValue) => x.graph.op("Relu", [x]);
export const abs = (x: GraphValue) => x.graph.op("Abs", [x]);
