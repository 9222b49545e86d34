import type { Graph, GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineLowering } from "../lowering";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";
import { erf } from "./erf";
import { inferSame } from "./util";

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const TANH_COEF = 0.044715;

/** tanh(√(2/π)·(x + 0.044715x³)), shared by the tanh-approximation forward and its gradient. */
function tanhInner(g: Graph, x: GraphValue): GraphValue {
  const x3 = g.op("Mul", [g.op("Mul", [x, x]), x]);
  const u = g.op("Mul", [g.op("Add", [x, g.op("Mul", [x3, g.scalar(TANH_COEF, x.dtype)])]), g.scalar(SQRT_2_OVER_PI, x.dtype)]);
  return g.op("Tanh", [u]);
}

/** Φ(x) = ½(1 + erf(x/√2)), the standard normal CDF. */
function normalCdf(g: Graph, x: GraphValue): GraphValue {
  const e = erf(g.op("Mul", [x, g.scalar(Math.SQRT1_2, x.dtype)]));
  return g.op("Mul", [g.op("Add", [e, g.scalar(1, x.dtype)]), g.scalar(0.5, x.dtype)]);
}

defineOp({
  type: "Gelu",
  infer: (inputs, attrs, op) => {
    requireFloat(op, inputs[0] as ValueInfo);
    return inferSame(inputs);
  },
  grad: ({ graph: g, inputs, attrs, dys }) => {
    const x = inputs[0]!;
    const dy = dys[0]!;
    const approximate = "s" in (attrs.approximate ?? {}) ? (attrs.approximate as { s: string }).s : "none";
    if (approximate === "tanh") {
      // d/dx ½x(1+t) = ½(1+t) + ½x(1−t²)·√(2/π)(1 + 3·0.044715x²)
      const t = tanhInner(g, x);
      const one = g.scalar(1, x.dtype);
      const left = g.op("Mul", [g.op("Add", [one, t]), g.scalar(0.5, x.dtype)]);
      const du = g.op("Mul", [g.op("Add", [one, g.op("Mul", [g.op("Mul", [x, x]), g.scalar(3 * TANH_COEF, x.dtype)])]), g.scalar(SQRT_2_OVER_PI, x.dtype)]);
      const right = g.op("Mul", [g.op("Mul", [g.op("Mul", [x, g.scalar(0.5, x.dtype)]), g.op("Sub", [one, g.op("Mul", [t, t])])]), du]);
      return [g.op("Mul", [dy, g.op("Add", [left, right])])];
    }
    // d/dx xΦ(x) = Φ(x) + x·φ(x),  φ(x) = exp(−x²/2)/√(2π)
    const pdf = g.op("Mul", [g.op("Exp", [g.op("Mul", [g.op("Mul", [x, x]), g.scalar(-0.5, x.dtype)])]), g.scalar(1 / Math.sqrt(2 * Math.PI), x.dtype)]);
    return [g.op("Mul", [dy, g.op("Add", [normalCdf(g, x), g.op("Mul", [x, pdf])])])];
  },
});

// onnxruntime's Gelu kernel is float32 only: float64 Gelu becomes the formula it stands for.
defineLowering("Gelu", (node) => node.inputs[0]!.dtype === "float64", (g, [x], node) => {
  const approximate = "s" in (node.attrs.approximate ?? {}) ? (node.attrs.approximate as { s: string }).s : "none";
  if (approximate === "tanh") {
    const t = tanhInner(g, x);
    return [g.op("Mul", [g.op("Mul", [x, g.scalar(0.5, x.dtype)]), g.op("Add", [t, g.scalar(1, x.dtype)])])];
  }
  return [g.op("Mul", [x, normalCdf(g, x)])];
});

/** GELU with the exact erf form (config name "gelu"), as torch.nn.functional.gelu. */
export function gelu(x: GraphValue, approximate: "none" | "tanh" = "none"): GraphValue {
  return x.graph.op("Gelu", [x], { approximate: { s: approximate } });
}

/** The tanh approximation GPT-2 uses (config name "gelu_new"). */
export function gelu_new(x: GraphValue): GraphValue {
  return gelu(x, "tanh");
}
