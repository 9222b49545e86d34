import { DTypeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";

defineOp({
  type: "Gather",
  infer: (inputs, attrs, op) => {
    const [x, idx] = inputs as ValueInfo[];
    if (idx.dtype !== "int64" && idx.dtype !== "int32") {
      throw new DTypeError(`${op}: indices must be int64 or int32, got ${idx.dtype} ${fmtShape(idx.shape)}.`);
    }
    const axis = normAxis(op, (attrs.axis as { i: number } | undefined)?.i ?? 0, x.shape.length);
    const shape = [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)];
    const shapeValue =
      x.shapeValue && idx.shapeValue && x.shape.length === 1
        ? idx.shapeValue.map((i) => (typeof i === "number" ? x.shapeValue![i < 0 ? i + x.shapeValue!.length : i] : unknownDim()))
        : undefined;
    return [{ dtype: x.dtype, shape, shapeValue }];
  },
  grad: ({ graph: g, inputs, attrs, dys, needs }) => {
    if (!needs[0]) return [null, null];
    const [x, idx] = inputs as GraphValue[];
    const axis = normAxis("Gather", (attrs.axis as { i: number } | undefined)?.i ?? 0, x.rank);
    let dy = dys[0]!;
    // Move the gathered axis to the front so ScatterND can add rows into a zero tensor.
    const idxRank = idx.rank;
    if (axis !== 0) {
      const perm = [...Array.from({ length: idxRank }, (_, i) => axis + i), ...Array.from({ length: axis }, (_, i) => i), ...Array.from({ length: dy.rank - axis - idxRank }, (_, i) => axis + idxRank + i)];
      dy = g.op("Transpose", [dy], { perm: { ints: perm } });
    }
    const xPerm = axis === 0 ? null : [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
    const xT = xPerm ? g.op("Transpose", [x], { perm: { ints: xPerm } }) : x;
    const zeros = g.op("Expand", [g.scalar(0, x.dtype), g.op("Shape", [xT])]);
    const indices = g.op("Unsqueeze", [g.op("Cast", [idx], { to: { i: 7 } }), g.ints([-1])]);
    let dx = g.op("ScatterND", [zeros, indices, dy], { reduction: { s: "add" } });
    if (xPerm) {
      const inverse = new Array<number>(xPerm.length);
      xPerm.forEach((p, i) => (inverse[p] = i));
      dx = g.op("Transpose", [dx], { perm: { ints: inverse } });
    }
    (dx as { shape: Dim[] }).shape = [...x.shape];
    return [dx, null];
  },
});

defineOp({
  type: "ScatterND",
  infer: (inputs) => {
    const x = inputs[0] as ValueInfo;
    return [{ dtype: x.dtype, shape: [...x.shape] }];
  },
});

defineOp({
  type: "GatherElements",
  infer: (inputs) => {
    const [x, idx] = inputs as ValueInfo[];
    return [{ dtype: x.dtype, shape: [...idx.shape] }];
  },
});

/** Picks entries of `x` along `axis` at `indices` (numpy `take`); with axis 0 this is an embedding lookup. */
export function gather(x: GraphValue, indices: GraphValue | number[], axis = 0): GraphValue {
  const g = x.graph;
  const idx = Array.isArray(indices) ? g.ints(indices) : indices;
  return g.op("Gather", [x, idx], { axis: { i: axis } });
}

/** Rows of `weight` [num, dim] for each id in `ids`: shape ids.shape + [dim]. */
export function embedding(ids: GraphValue, weight: GraphValue): GraphValue {
  return gather(weight, ids, 0);
}
