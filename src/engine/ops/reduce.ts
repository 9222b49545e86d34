import type { GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineOp } from "../registry";
import { normAxis } from "../shape";
import type { Dim, ValueInfo } from "../types";

function reducedAxes(x: { shape: Dim[] }, axesV: ValueInfo | GraphValue | null, op: string): number[] {
  const axes = axesV?.shapeValue as number[] | undefined;
  return axes ? axes.map((a) => normAxis(op, a, x.shape.length)) : x.shape.map((_, i) => i);
}

function inferReduce(inputs: (ValueInfo | null)[], attrs: Record<string, unknown>, op: string): ValueInfo[] {
  const x = inputs[0] as ValueInfo;
  const axes = reducedAxes(x, inputs[1], op);
  const keep = ((attrs.keepdims as { i: number } | undefined)?.i ?? 1) === 1;
  const shape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  return [{ dtype: x.dtype, shape }];
}

/** Reshapes a reduced gradient to keepdims form and broadcasts it back over the input. */
function broadcastBack(dy: GraphValue, x: GraphValue, axesV: GraphValue | null, attrs: Record<string, unknown>): GraphValue {
  const g = dy.graph;
  const keep = ((attrs.keepdims as { i: number } | undefined)?.i ?? 1) === 1;
  const axes = reducedAxes(x, axesV, "Reduce");
  const kept = keep ? dy : g.op("Unsqueeze", [dy, g.ints(axes)]);
  return g.op("Expand", [kept, g.op("Shape", [x])]);
}

defineOp({
  type: "ReduceSum",
  infer: inferReduce,
  grad: ({ inputs, attrs, dys }) => [broadcastBack(dys[0]!, inputs[0]!, inputs[1], attrs), null],
});

defineOp({
  type: "ReduceMean",
  infer: inferReduce,
  grad: ({ graph: g, inputs, outputs, attrs, dys }) => {
    const x = inputs[0]!;
    const spread = broadcastBack(dys[0]!, x, inputs[1], attrs);
    // Divide by how many elements were averaged: size(x) / size(y), computed at run time.
    const count = g.op("Cast", [g.op("Div", [g.op("Size", [x]), g.op("Size", [outputs[0]])])], { to: { i: x.dtype === "float64" ? 11 : 1 } });
    return [g.op("Div", [spread, count]), null];
  },
});

defineOp({ type: "ReduceMax", infer: inferReduce });
defineOp({ type: "Size", infer: () => [{ dtype: "int64", shape: [] }] });

function reduce(type: string, x: GraphValue, axes?: number | number[], keepdims = false): GraphValue {
  requireFloat(type, x);
  const g = x.graph;
  const list = axes === undefined ? null : g.ints(Array.isArray(axes) ? axes : [axes]);
  return g.op(type, list ? [x, list] : [x], { keepdims: { i: keepdims ? 1 : 0 } });
}

/** Sum over `axes` (all when omitted), like torch.sum(x, dim, keepdim). */
export const sum = (x: GraphValue, axes?: number | number[], keepdims = false) => reduce("ReduceSum", x, axes, keepdims);
export const mean = (x: GraphValue, axes?: number | number[], keepdims = false) => reduce("ReduceMean", x, axes, keepdims);
export const amax = (x: GraphValue, axes?: number | number[], keepdims = false) => reduce("ReduceMax", x, axes, keepdims);
