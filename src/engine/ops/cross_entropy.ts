import { DTypeError, ShapeError, fmtShape } from "../errors";
import type { GraphValue } from "../graph";
import { requireFloat } from "../graph";
import { defineOp } from "../registry";
import type { ValueInfo } from "../types";

defineOp({
  type: "SoftmaxCrossEntropyLoss",
  infer: (inputs, _a, op) => {
    const [logits, labels] = inputs as ValueInfo[];
    requireFloat(op, logits);
    if (labels.dtype !== "int64" && labels.dtype !== "int32") throw new DTypeError(`${op}: labels must be int64, got ${labels.dtype} ${fmtShape(labels.shape)}.`);
    if (logits.shape.length !== 2 || labels.shape.length !== 1) {
      throw new ShapeError(`${op}: expects logits [N, C] and labels [N], got ${fmtShape(logits.shape)} and ${fmtShape(labels.shape)}.`);
    }
    const n1 = logits.shape[0];
    const n2 = labels.shape[0];
    if (typeof n1 === "number" && typeof n2 === "number" && n1 !== n2) {
      throw new ShapeError(`${op}: logits ${fmtShape(logits.shape)} and labels ${fmtShape(labels.shape)} have different numbers of rows.`);
    }
    return [
      { dtype: logits.dtype, shape: [] },
      { dtype: logits.dtype, shape: [...logits.shape] },
    ];
  },
  // Mean over rows whose label is not ignore_index:  dlogits = (softmax − onehot) ⊙ valid / count · dloss
  grad: ({ graph: g, inputs, outputs, attrs, dys }) => {
    const [logits, labels] = inputs as GraphValue[];
    const logProb = outputs[1];
    const dloss = dys[0]!;
    const ignore = (attrs.ignore_index as { i: number }).i;
    const dt = logits.dtype;
    const labels64 = labels.dtype === "int64" ? labels : g.op("Cast", [labels], { to: { i: 7 } });
    const valid = g.op("Not", [g.op("Equal", [labels64, g.scalar(ignore, "int64")])]);
    const classes = g.op("Range", [g.scalar(0, "int64"), g.op("Squeeze", [g.op("Gather", [g.op("Shape", [logits]), g.ints([1])], { axis: { i: 0 } }), g.ints([0])]), g.scalar(1, "int64")]);
    const onehot = g.op("Cast", [g.op("Equal", [g.op("Unsqueeze", [labels64, g.ints([1])]), classes])], { to: { i: dt === "float64" ? 11 : 1 } });
    const validF = g.op("Cast", [valid], { to: { i: dt === "float64" ? 11 : 1 } });
    const count = g.op("Max", [g.op("ReduceSum", [validF], { keepdims: { i: 0 } }), g.scalar(1, dt)]);
    const scale = g.op("Div", [dloss, count]);
    const diff = g.op("Sub", [g.op("Exp", [logProb]), onehot]);
    const rowScale = g.op("Mul", [g.op("Unsqueeze", [validF, g.ints([1])]), scale]);
    return [g.op("Mul", [diff, rowScale]), null];
  },
});

/**
 * Mean cross-entropy of `logits` [..., C] against integer `labels` [...], skipping positions whose
 * label is `ignore_index` (−100, as torch and transformers use for padding and unmasked tokens).
 */
export function cross_entropy(logits: GraphValue, labels: GraphValue, options: { ignore_index?: number } = {}): GraphValue {
  const g = logits.graph;
  const c = logits.shape[logits.rank - 1];
  if (labels.rank !== logits.rank - 1) {
    throw new ShapeError(`cross_entropy: labels ${fmtShape(labels.shape)} must have one dim fewer than logits ${fmtShape(logits.shape)}.`);
  }
  const flatLogits = logits.rank === 2 ? logits : g.op("Reshape", [logits, g.ints([-1, typeof c === "number" ? c : 0])]);
  const flatLabels = labels.rank === 1 ? labels : g.op("Reshape", [labels, g.ints([-1])]);
  return g.emit("SoftmaxCrossEntropyLoss", [flatLogits, flatLabels], { reduction: { s: "mean" }, ignore_index: { i: options.ignore_index ?? -100 } })[0];
}
