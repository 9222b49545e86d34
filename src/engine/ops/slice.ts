import { ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { defineOp } from "../registry";
import { normAxis, unknownDim } from "../shape";
import type { Dim, ValueInfo } from "../types";

const BIG = 2 ** 62;

defineOp({
  type: "Slice",
  infer: (inputs, _a, op) => {
    const [x, startsV, endsV, axesV, stepsV] = inputs as ValueInfo[];
    const starts = startsV.shapeValue as number[];
    const ends = endsV.shapeValue as number[];
    const axes = ((axesV?.shapeValue as number[]) ?? starts.map((_, i) => i)).map((a) => normAxis(op, a, x.shape.length));
    const steps = (stepsV?.shapeValue as number[]) ?? starts.map(() => 1);
    const out: Dim[] = [...x.shape];
    axes.forEach((a, i) => {
      const d = x.shape[a];
      if (steps[i] !== 1) {
        out[a] = unknownDim();
        return;
      }
      if (typeof d === "number") {
        const s = Math.min(Math.max(starts[i] < 0 ? starts[i] + d : starts[i], 0), d);
        const e = Math.min(Math.max(ends[i] < 0 ? ends[i] + d : ends[i], 0), d);
        out[a] = Math.max(e - s, 0);
      } else if (starts[i] >= 0 && ends[i] >= 0 && ends[i] < BIG) {
        out[a] = ends[i] - starts[i];
      } else if (starts[i] === 0 && ends[i] >= BIG) {
        out[a] = d;
      } else out[a] = unknownDim();
    });
    return [{ dtype: x.dtype, shape: out }];
  },
  grad: ({ graph: g, inputs, dys }) => {
    const [x, startsV, , axesV, stepsV] = inputs as GraphValue[];
    const steps = (stepsV?.shapeValue as number[]) ?? [];
    const starts = startsV.shapeValue as number[];
    if (steps.some((s) => s !== 1) || starts.some((s) => s < 0)) {
      throw new ShapeError(`Slice: gradients need step 1 and non-negative starts (got starts [${starts}] steps [${steps}]).`);
    }
    const dy = dys[0]!;
    const axes = (axesV?.shapeValue as number[]).map((a) => normAxis("Slice", a, x.rank));
    // Pad the gradient back: `start` zeros before, (input dim − output dim − start) after.
    const axesC = g.ints(axes);
    const inDims = g.op("Gather", [g.op("Shape", [x]), axesC], { axis: { i: 0 } });
    const outDims = g.op("Gather", [g.op("Shape", [dy]), axesC], { axis: { i: 0 } });
    const startsC = g.ints(starts);
    const after = g.op("Sub", [g.op("Sub", [inDims, outDims]), startsC]);
    const pads = g.op("Concat", [startsC, after], { axis: { i: 0 } });
    const dx = g.op("Pad", [dy, pads, null, axesC]);
    (dx as { shape: Dim[] }).shape = [...x.shape];
    return [dx, null, null, null, null];
  },
});

defineOp({
  type: "Pad",
  infer: (inputs) => {
    const x = inputs[0] as ValueInfo;
    return [{ dtype: x.dtype, shape: x.shape.map(() => unknownDim()) }];
  },
});

/** `x[start:end]` along `axis` (end may be omitted or negative, as in Python). */
export function slice(x: GraphValue, axis: number, start: number, end?: number, step = 1): GraphValue {
  const g = x.graph;
  if (step === 0) throw new ShapeError(`slice: step cannot be 0 (input ${fmtShape(x.shape)}).`);
  return g.op("Slice", [x, g.ints([start]), g.ints([end ?? BIG]), g.ints([axis]), g.ints([step])]);
}
