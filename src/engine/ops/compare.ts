// Comparisons and boolean logic: outputs are bool and carry no gradient.
import { DTypeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { requireSameDType } from "../graph";
import { defineOp } from "../registry";
import { broadcastShapes } from "../shape";
import type { ValueInfo } from "../types";
import { Operand, lift } from "./util";

for (const type of ["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual"]) {
  defineOp({
    type,
    infer: (inputs, _a, op) => {
      const [a, b] = inputs as ValueInfo[];
      requireSameDType(op, a, b);
      return [{ dtype: "bool", shape: broadcastShapes(op, a.shape, b.shape) }];
    },
  });
}
for (const type of ["And", "Or", "Xor"]) {
  defineOp({
    type,
    infer: (inputs, _a, op) => {
      const [a, b] = inputs as ValueInfo[];
      if (a.dtype !== "bool" || b.dtype !== "bool") throw new DTypeError(`${op} needs bool inputs, got ${a.dtype}${fmtShape(a.shape)} and ${b.dtype}${fmtShape(b.shape)}.`);
      return [{ dtype: "bool", shape: broadcastShapes(op, a.shape, b.shape) }];
    },
  });
}
defineOp({ type: "Not", infer: (inputs) => [{ dtype: "bool", shape: [...(inputs[0] as ValueInfo).shape] }] });

const cmp = (type: string) => (a: GraphValue, b: Operand) => a.graph.op(type, [a, lift(a, b)]);
export const eq = cmp("Equal");
export const lt = cmp("Less");
export const le = cmp("LessOrEqual");
export const gt = cmp("Greater");
export const ge = cmp("GreaterOrEqual");
export const logical_and = (a: GraphValue, b: GraphValue) => a.graph.op("And", [a, b]);
export const logical_or = (a: GraphValue, b: GraphValue) => a.graph.op("Or", [a, b]);
export const logical_not = (a: GraphValue) => a.graph.op("Not", [a]);
