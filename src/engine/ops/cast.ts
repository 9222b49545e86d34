import type { DType } from "../../tensor";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { dtypeFromOnnx, onnxDType } from "../onnx_types";

defineOp({
  type: "Cast",
  infer: (inputs, attrs) => {
    const x = inputs[0] as ValueInfo;
    return [{ dtype: dtypeFromOnnx((attrs.to as { i: number }).i), shape: [...x.shape], shapeValue: x.shapeValue }];
  },
  grad: ({ graph: g, inputs, dys }) => {
    const x = inputs[0]!;
    const floaty = x.dtype === "float32" || x.dtype === "float64";
    return [floaty ? g.op("Cast", [dys[0]!], { to: { i: onnxDType(x.dtype) } }) : null];
  },
});

export function cast(x: GraphValue, dtype: DType): GraphValue {
  if (x.dtype === dtype) return x;
  return x.graph.op("Cast", [x], { to: { i: onnxDType(dtype) } });
}
