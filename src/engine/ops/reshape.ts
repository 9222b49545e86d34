import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { staticSize, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";

/** The output shape when the target is known as a list (0 copies the input dim, -1 is inferred). */
function reshapeShape(x: ValueInfo, target: Dim[]): Dim[] {
  const out = target.map((d, i) => (d === 0 ? x.shape[i] : d));
  const minus = out.indexOf(-1);
  if (minus >= 0) {
    const known = staticSize(out.filter((_, i) => i !== minus));
    const total = staticSize(x.shape);
    if (known !== null && total !== null) {
      if (known === 0 || total % known !== 0) throw new ShapeError(`Reshape: cannot reshape ${fmtShape(x.shape)} into ${fmtShape(target)}.`);
      out[minus] = total / known;
    } else {
      // Dims that appear unchanged on both sides cancel, as in [B, S, 4, 8] -> [B, S, -1].
      const rest = x.shape.filter((d) => typeof d !== "number");
      const others = out.filter((d, i) => i !== minus && typeof d !== "number");
      const sameNames = rest.length === others.length && rest.every((d) => others.includes(d));
      const num = staticSize(x.shape.filter((d) => typeof d === "number"));
      const den = staticSize(out.filter((d, i) => i !== minus && typeof d === "number"));
      out[minus] = sameNames && num !== null && den !== null && den > 0 && num % den === 0 ? num / den : unknownDim();
    }
  } else {
    const a = staticSize(x.shape);
    const b = staticSize(out);
    if (a !== null && b !== null && a !== b) throw new ShapeError(`Reshape: cannot reshape ${fmtShape(x.shape)} (${a} elements) into ${fmtShape(target)} (${b} elements).`);
  }
  return out;
}

defineOp({
  type: "Reshape",
  infer: (inputs) => {
    const [x, s] = inputs as ValueInfo[];
    const rank = s.shape[0];
    if (s.shapeValue) return [{ dtype: x.dtype, shape: reshapeShape(x, s.shapeValue) }];
    if (typeof rank !== "number") throw new ShapeError("Reshape: the target shape must have a known length.");
    return [{ dtype: x.dtype, shape: Array.from({ length: rank }, () => unknownDim()) }];
  },
  grad: ({ graph: g, inputs, dys }) => [g.op("Reshape", [dys[0]!, g.op("Shape", [inputs[0]!])]), null],
});

/**
 * Reshapes to `shape`. Use 0 to keep the input's dim at that position, -1 for the one dim to infer,
 * or a graph dim name the input already has (it is resolved at run time).
 */
export function reshape(x: GraphValue, shape: Dim[]): GraphValue {
  const g = x.graph;
  const numeric = shape.map((d, i) => {
    if (typeof d === "number") return d;
    if (x.shape[i] === d) return 0;
    throw new ShapeError(`reshape: dim "${d}" at position ${i} must be a number, or the input's own dim at that position (input ${fmtShape(x.shape)}).`);
  });
  return g.op("Reshape", [x, g.ints(numeric)]);
}
