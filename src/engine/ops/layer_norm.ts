import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { sumToShape } from "./util";
import { defineLowering } from "../lowering";

defineOp({
  type: "LayerNormalization",
  infer: (inputs, _a, op) => {
    const [x, w, b] = inputs as ValueInfo[];
    requireFloat(op, x, w);
    const last = x.shape[x.shape.length - 1];
    if (w.shape.length !== 1 || (typeof last === "number" && w.shape[0] !== last) || (b && b.shape[0] !== w.shape[0])) {
      throw new ShapeError(`${op}: weight ${fmtShape(w.shape)}${b ? ` and bias ${fmtShape(b.shape)}` : ""} must match the last dim of the input ${fmtShape(x.shape)}.`);
    }
    const stat = [...x.shape.slice(0, -1), 1];
    return [
      { dtype: x.dtype, shape: [...x.shape] },
      { dtype: x.dtype, shape: stat },
      { dtype: x.dtype, shape: stat },
    ];
  },
  // With x̂ = (x − μ)·r (r = 1/σ) and g = dy ⊙ γ:
  //   dγ = Σ dy ⊙ x̂,   dβ = Σ dy,   dx = r · (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂))
  grad: ({ graph: g, inputs, outputs, dys, needs }) => {
    const [x, w] = inputs as GraphValue[];
    const [, mu, r] = outputs;
    const dy = dys[0]!;
    const xhat = g.op("Mul", [g.op("Sub", [x, mu]), r]);
    const last = g.ints([-1]);
    const gw = g.op("Mul", [dy, w]);
    const m1 = g.op("ReduceMean", [gw, last], { keepdims: { i: 1 } });
    const m2 = g.op("ReduceMean", [g.op("Mul", [gw, xhat]), last], { keepdims: { i: 1 } });
    const dx = needs[0] ? g.op("Mul", [r, g.op("Sub", [g.op("Sub", [gw, m1]), g.op("Mul", [xhat, m2])])]) : null;
    const dw = needs[1] ? sumToShape(g.op("Mul", [dy, xhat]), w.shape) : null;
    const db = needs[2] ? sumToShape(dy, w.shape) : null;
    return [dx, dw, db];
  },
});

/** Layer normalisation over the last dim, like torch.nn.functional.layer_norm(x, [dim], weight, bias, eps). */
export function layer_norm(x: GraphValue, weight: GraphValue, bias: GraphValue, eps = 1e-5): GraphValue {
  return x.graph.emit("LayerNormalization", [x, weight, bias], { axis: { i: -1 }, epsilon: { f: eps } })[0];
}

// onnxruntime's LayerNormalization has no float64 kernel: spell it out (same three outputs).
defineLowering("LayerNormalization", (node) => node.inputs[0]!.dtype === "float64", (g, [x, w, b], node) => {
  const eps = (node.attrs.epsilon as { f: number }).f;
  const last = g.ints([-1]);
  const mu = g.op("ReduceMean", [x, last], { keepdims: { i: 1 } });
  const centered = g.op("Sub", [x, mu]);
  const variance = g.op("ReduceMean", [g.op("Mul", [centered, centered]), last], { keepdims: { i: 1 } });
  const inv = g.op("Reciprocal", [g.op("Sqrt", [g.op("Add", [variance, g.scalar(eps, "float64")])])]);
  const y = g.op("Add", [g.op("Mul", [g.op("Mul", [centered, inv]), w]), b]);
  return [y, mu, inv];
});
