import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";

function permOf(attrs: Record<string, unknown>, rank: number): number[] {
  const p = attrs.perm as { ints: number[] } | undefined;
  return p ? p.ints : Array.from({ length: rank }, (_, i) => rank - 1 - i);
}

defineOp({
  type: "Transpose",
  infer: (inputs, attrs) => {
    const x = inputs[0] as ValueInfo;
    const perm = permOf(attrs, x.shape.length);
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== x.shape.length || sorted.some((v, i) => v !== i)) {
      throw new ShapeError(`Transpose: perm [${perm.join(", ")}] is not a permutation of the ${x.shape.length} axes of ${fmtShape(x.shape)}.`);
    }
    return [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p]) }];
  },
  grad: ({ graph: g, inputs, attrs, dys }) => {
    const perm = permOf(attrs, inputs[0]!.rank);
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [g.op("Transpose", [dys[0]!], { perm: { ints: inverse } })];
  },
});

/** Permutes axes (like torch's `permute`); with two axes, swaps them (like torch's `transpose(a, b)`). */
export function transpose(x: GraphValue, perm: number[]): GraphValue {
  let p = perm;
  if (perm.length === 2 && x.rank !== 2) {
    const [a, b] = perm.map((v) => (v < 0 ? v + x.rank : v));
    p = x.shape.map((_, i) => i);
    [p[a], p[b]] = [p[b], p[a]];
  }
  return x.graph.op("Transpose", [x], { perm: { ints: p } });
}
