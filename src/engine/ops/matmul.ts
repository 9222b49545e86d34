import { ShapeError, fmtShape } from "../errors";
import type { Graph, GraphValue } from "../graph";
import { requireFloat, requireSameDType } from "../graph";
import { defineOp } from "../registry";
import { broadcastShapes } from "../shape";
import type { ValueInfo } from "../types";
import { sumToShape } from "./util";

function swapLastTwo(g: Graph, x: GraphValue): GraphValue {
  const perm = x.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return g.op("Transpose", [x], { perm: { ints: perm } });
}

defineOp({
  type: "MatMul",
  infer: (inputs, _attrs, op) => {
    const [a, b] = inputs as ValueInfo[];
    requireFloat(op, a, b);
    requireSameDType(op, a, b);
    if (a.shape.length < 2 || b.shape.length < 2) {
      throw new ShapeError(`MatMul needs inputs of rank ≥ 2, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}. Unsqueeze vectors first.`);
    }
    const k1 = a.shape[a.shape.length - 1];
    const k2 = b.shape[b.shape.length - 2];
    if (typeof k1 === "number" && typeof k2 === "number" && k1 !== k2) {
      throw new ShapeError(`MatMul: inner dimensions differ: ${fmtShape(a.shape)} @ ${fmtShape(b.shape)} (${k1} vs ${k2}).`);
    }
    const batch = broadcastShapes(op, a.shape.slice(0, -2), b.shape.slice(0, -2));
    return [{ dtype: a.dtype, shape: [...batch, a.shape[a.shape.length - 2], b.shape[b.shape.length - 1]] }];
  },
  grad: ({ graph: g, inputs, dys, needs }) => {
    const [a, b] = inputs as GraphValue[];
    const dy = dys[0]!;
    const da = needs[0] ? sumToShape(g.op("MatMul", [dy, swapLastTwo(g, b)]), a.shape) : null;
    let db: GraphValue | null = null;
    if (needs[1]) {
      if (b.rank === 2 && a.rank > 2) {
        // A weight shared across the batch: fold batch dims into rows, one large matmul.
        const k = a.shape[a.rank - 1];
        const n = dy.shape[dy.rank - 1];
        const a2 = g.op("Reshape", [a, g.ints([-1, typeof k === "number" ? k : 0])]);
        const dy2 = g.op("Reshape", [dy, g.ints([-1, typeof n === "number" ? n : 0])]);
        db = g.op("MatMul", [swapLastTwo(g, a2), dy2]);
      } else {
        db = sumToShape(g.op("MatMul", [swapLastTwo(g, a), dy]), b.shape);
      }
    }
    return [da, db];
  },
});

export function matmul(a: GraphValue, b: GraphValue): GraphValue {
  return a.graph.op("MatMul", [a, b]);
}
