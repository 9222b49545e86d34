// Ops that compute with shapes and indices: no gradient flows through them.
import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis, unknownDim } from "../shape";
import type { ValueInfo } from "../types";
import { inferSame } from "./util";

defineOp({
  type: "Shape",
  infer: (inputs) => {
    const x = inputs[0] as ValueInfo;
    return [{ dtype: "int64", shape: [x.shape.length], shapeValue: [...x.shape] }];
  },
});

defineOp({
  type: "ConstantOfShape",
  infer: (inputs, attrs) => {
    const s = inputs[0] as ValueInfo;
    const t = (attrs.value as { t: { dtype: ValueInfo["dtype"] } } | undefined)?.t;
    const rank = s.shape[0];
    const shape = s.shapeValue ?? (typeof rank === "number" ? Array.from({ length: rank }, () => unknownDim()) : null);
    if (!shape) throw new ShapeError("ConstantOfShape: the shape input must have a known length.");
    return [{ dtype: t ? t.dtype : "float32", shape: [...shape] }];
  },
});

defineOp({
  type: "Range",
  infer: (inputs) => [{ dtype: (inputs[0] as ValueInfo).dtype, shape: [unknownDim()] }],
});

defineOp({ type: "Identity", infer: inferSame, grad: ({ dys }) => [dys[0]] });

/** The dims of `x` as a 1-D int64 value; with `axis`, just that dim as a 1-element vector. */
export function shape_of(x: GraphValue, axis?: number): GraphValue {
  const g = x.graph;
  const s = g.op("Shape", [x]);
  if (axis === undefined) return s;
  const a = normAxis("shape_of", axis, x.rank);
  return g.op("Gather", [s, g.ints([a])], { axis: { i: 0 } });
}

/** 0, 1, …, n-1 as int64 where n is `x`'s size along `axis` (for position ids). */
export function arange_like(x: GraphValue, axis: number): GraphValue {
  const g = x.graph;
  const n = g.op("Squeeze", [shape_of(x, axis), g.ints([0])]);
  const out = g.emit("Range", [g.scalar(0, "int64"), n, g.scalar(1, "int64")])[0];
  // The length is x's dim, which we know symbolically.
  return relabel(out, [x.shape[normAxis("arange_like", axis, x.rank)]]);
}

/** A tensor shaped like `x` filled with `value` (like torch.full_like). */
export function full_like(x: GraphValue, value: number, dtype = x.dtype): GraphValue {
  const g = x.graph;
  return g.op("Expand", [g.scalar(value, dtype), g.op("Shape", [x])]);
}

/** Same value, with a shape the caller knows better than inference did (adds an Identity node). */
export function relabel(x: GraphValue, shape: (number | string)[]): GraphValue {
  if (shape.length !== x.rank) throw new ShapeError(`relabel: rank mismatch ${fmtShape(x.shape)} vs ${fmtShape(shape)}.`);
  const out = x.graph.op("Identity", [x]);
  (out as { shape: (number | string)[] }).shape = [...shape];
  return out;
}
