import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";

defineOp({
  type: "Concat",
  infer: (inputs, attrs, op) => {
    const xs = inputs as ValueInfo[];
    const rank = xs[0].shape.length;
    const axis = normAxis(op, (attrs.axis as { i: number }).i, rank);
    const out: Dim[] = [...xs[0].shape];
    let total: Dim = 0;
    for (const x of xs) {
      if (x.dtype !== xs[0].dtype || x.shape.length !== rank) {
        throw new ShapeError(`${op}: inputs must share dtype and rank, got ${xs.map((v) => `${v.dtype}${fmtShape(v.shape)}`).join(", ")}.`);
      }
      const d = x.shape[axis];
      total = typeof total === "number" && typeof d === "number" ? total + d : unknownDim();
    }
    out[axis] = total;
    return [{ dtype: xs[0].dtype, shape: out, shapeValue: rank === 1 && xs.every((x) => x.shapeValue) ? xs.flatMap((x) => x.shapeValue!) : undefined }];
  },
  grad: ({ graph: g, inputs, attrs, dys }) => {
    const xs = inputs as GraphValue[];
    const axis = normAxis("Concat", (attrs.axis as { i: number }).i, xs[0].rank);
    const sizes = g.op("Concat", xs.map((x) => g.op("Gather", [g.op("Shape", [x]), g.ints([axis])], { axis: { i: 0 } })), { axis: { i: 0 } });
    const parts = g.emit("Split", [dys[0]!, sizes], { axis: { i: axis }, _outputs: { i: xs.length } });
    parts.forEach((p, i) => ((p as { shape: Dim[] }).shape = [...xs[i].shape]));
    return parts;
  },
});

export function concat(xs: GraphValue[], axis: number): GraphValue {
  return xs[0].graph.op("Concat", xs, { axis: { i: axis } });
}
