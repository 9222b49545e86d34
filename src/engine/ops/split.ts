import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";

defineOp({
  type: "Split",
  infer: (inputs, attrs, op) => {
    const [x, sizesV] = inputs as ValueInfo[];
    const axis = normAxis(op, (attrs.axis as { i: number }).i, x.shape.length);
    // With explicit sizes ONNX forbids num_outputs, so the count then travels in the unserialised "_outputs".
    const n = ((attrs.num_outputs ?? attrs._outputs) as { i: number }).i;
    const sizes = sizesV?.shapeValue;
    return Array.from({ length: n }, (_, k) => {
      const s: Dim[] = [...x.shape];
      const d = x.shape[axis];
      s[axis] = sizes ? sizes[k] : typeof d === "number" && d % n === 0 ? d / n : unknownDim();
      return { dtype: x.dtype, shape: s };
    });
  },
  grad: ({ graph: g, inputs, outputs, attrs, dys }) => {
    const axis = normAxis("Split", (attrs.axis as { i: number }).i, inputs[0]!.rank);
    const parts = outputs.map((y, i) => dys[i] ?? g.op("Expand", [g.scalar(0, y.dtype), g.op("Shape", [y])]));
    return [g.op("Concat", parts, { axis: { i: axis } }), null];
  },
});

/** Splits `x` along `axis` into pieces of the given sizes, or into `n` equal pieces. */
export function split(x: GraphValue, sizesOrCount: number[] | number, axis = 0): GraphValue[] {
  const g = x.graph;
  if (typeof sizesOrCount === "number") return g.emit("Split", [x, null], { axis: { i: axis }, num_outputs: { i: sizesOrCount } });
  return g.emit("Split", [x, g.ints(sizesOrCount)], { axis: { i: axis }, _outputs: { i: sizesOrCount.length } });
}
