import { test } from "node:test";
import assert from "node:assert/strict";
import { functional as F, lookupOp, registeredOps } from "../../src/engine";
import { checkedOps, gradcheck } from "./gradcheck";

const x23 = { name: "x", shape: [2, 3] };

test("Add, Sub, Mul, Div with broadcasting", async () => {
  const ins = [{ name: "a", shape: [2, 3, 4] }, { name: "b", shape: [3, 1], positive: true }];
  await gradcheck(([a, b]) => F.add(a, b), ins);
  await gradcheck(([a, b]) => F.sub(a, b), ins);
  await gradcheck(([a, b]) => F.mul(a, b), ins);
  await gradcheck(([a, b]) => F.div(a, b), ins);
  await gradcheck(([a]) => F.add(F.mul(a, 3), 1), [{ name: "a", shape: [4] }]);
});

test("Sum of several broadcast values, and Identity", async () => {
  await gradcheck(([a, b, c]) => F.add_n([a, b, c]), [{ name: "a", shape: [2, 3] }, { name: "b", shape: [3] }, { name: "c", shape: [2, 1] }]);
  await gradcheck(([a]) => F.relabel(a, [2, 3]), [{ name: "a", shape: [2, 3] }]);
});

test("Max (elementwise maximum) and Clip", async () => {
  await gradcheck(([a, b]) => F.maximum(a, b), [{ name: "a", shape: [2, 3] }, { name: "b", shape: [3] }]);
  await gradcheck(([a]) => F.clamp(a, -0.5, 0.7), [{ name: "a", shape: [2, 4], values: [-2, -0.4, 0.1, 0.69, 0.71, 3, -0.6, 0.2] }]);
});

test("Pow with a constant exponent", async () => {
  await gradcheck(([a]) => F.pow(a, 3), [{ name: "a", shape: [5] }]);
  await gradcheck(([a]) => F.pow(a, 0.5), [{ name: "a", shape: [5], positive: true }]);
});

test("unary ops: Neg Exp Log Sqrt Reciprocal Tanh Sigmoid Relu Abs Erf", async () => {
  for (const f of [F.neg, F.exp, F.tanh, F.sigmoid, F.relu, F.abs, F.erf]) await gradcheck(([a]) => f(a), [x23]);
  for (const f of [F.log, F.sqrt, F.reciprocal]) await gradcheck(([a]) => f(a), [{ ...x23, positive: true }]);
});

test("Gelu, exact erf form and tanh approximation (float64 through the lowered series)", async () => {
  const spread = { name: "x", shape: [12], values: [-6, -3.2, -2, -1.1, -0.5, -0.01, 0, 0.3, 0.9, 1.7, 2.8, 5.5] };
  await gradcheck(([a]) => F.gelu(a), [spread], { samples: 12 });
  await gradcheck(([a]) => F.gelu_new(a), [spread], { samples: 12 });
});

test("MatMul: batched, with a shared 2-D weight, and with broadcast batch dims", async () => {
  await gradcheck(([a, b]) => F.matmul(a, b), [{ name: "a", shape: [2, 3, 4] }, { name: "b", shape: [4, 5] }]);
  await gradcheck(([a, b]) => F.matmul(a, b), [{ name: "a", shape: [2, 3, 4] }, { name: "b", shape: [2, 4, 2] }]);
  await gradcheck(([a, b]) => F.matmul(a, b), [{ name: "a", shape: [2, 1, 3, 4] }, { name: "b", shape: [3, 4, 2] }]);
});

test("shape ops: Transpose Reshape Unsqueeze Squeeze Expand Identity-through-Cast", async () => {
  const a = { name: "a", shape: [2, 3, 4] };
  await gradcheck(([x]) => F.transpose(x, [2, 0, 1]), [a]);
  await gradcheck(([x]) => F.transpose(x, [1, 2]), [a]);
  await gradcheck(([x]) => F.reshape(x, [0, -1]), [a]);
  await gradcheck(([x]) => F.reshape(x, [4, 6]), [a]);
  await gradcheck(([x]) => F.squeeze(F.unsqueeze(x, [0, 3]), 0), [a]);
  await gradcheck(([x]) => F.expand(x, [2, 2, 3]), [{ name: "a", shape: [2, 1, 3] }]);
  await gradcheck(([x]) => F.cast(F.cast(x, "float32"), x.dtype), [a], { rtol: 1e-3, atol: 1e-6, eps: 1e-3 });
});

test("Slice, Concat, Split", async () => {
  const a = { name: "a", shape: [3, 5] };
  await gradcheck(([x]) => F.slice(x, 1, 1, 4), [a]);
  await gradcheck(([x]) => F.slice(x, 0, 1), [a]);
  await gradcheck(([x]) => F.slice(x, -1, 0, -2), [a]);
  await gradcheck(([x, y]) => F.concat([x, y], 1), [a, { name: "b", shape: [3, 2] }]);
  await gradcheck(([x]) => F.mul(F.split(x, [2, 3], 1)[1], F.split(x, [2, 3], 1)[1]), [a]);
  await gradcheck(([x]) => F.split(x, 3, 0)[2], [a]);
});

test("Gather: embedding lookup with repeated ids, and along a later axis", async () => {
  const ids = { name: "ids", shape: [2, 3], dtype: "int64" as const, values: [1, 4, 1, 0, 4, 4] };
  await gradcheck(([w, i]) => F.embedding(i, w), [{ name: "w", shape: [5, 3] }, ids], { samples: 15 });
  await gradcheck(([x]) => F.gather(x, [2, 0], 1), [{ name: "x", shape: [2, 3, 2] }]);
});

test("Where with a broadcast condition", async () => {
  const cond = { name: "c", shape: [1, 3], dtype: "bool" as const, values: [1, 0, 1] };
  await gradcheck(([c, a, b]) => F.where(c, a, b), [cond, { name: "a", shape: [2, 3] }, { name: "b", shape: [3] }]);
  await gradcheck(([c, a]) => F.where(c, a, -1e4), [cond, { name: "a", shape: [2, 3] }]);
});

test("reductions: ReduceSum and ReduceMean, with and without keepdims", async () => {
  const a = { name: "a", shape: [2, 3, 4] };
  await gradcheck(([x]) => F.sum(x, 1), [a]);
  await gradcheck(([x]) => F.sum(x, [0, 2], true), [a]);
  await gradcheck(([x]) => F.mean(x, -1), [a]);
  await gradcheck(([x]) => F.mean(x), [a]);
});

test("Softmax and LogSoftmax", async () => {
  const a = { name: "a", shape: [2, 3, 4] };
  await gradcheck(([x]) => F.softmax(x, -1), [a]);
  await gradcheck(([x]) => F.softmax(x, 1), [a]);
  await gradcheck(([x]) => F.log_softmax(x, -1), [a]);
});

test("LayerNormalization: input, weight and bias", async () => {
  await gradcheck(([x, w, b]) => F.layer_norm(x, w, b, 1e-5), [{ name: "x", shape: [2, 3, 6] }, { name: "w", shape: [6] }, { name: "b", shape: [6] }]);
});

test("SoftmaxCrossEntropyLoss with ignore_index -100, for [N, C] and [B, S, C] logits", async () => {
  const labels = { name: "y", shape: [4], dtype: "int64" as const, values: [2, -100, 0, 1] };
  await gradcheck(([x, y]) => F.cross_entropy(x, y), [{ name: "x", shape: [4, 3] }, labels], { samples: 12 });
  const seq = { name: "y", shape: [2, 3], dtype: "int64" as const, values: [1, -100, 0, 4, 4, -100] };
  await gradcheck(([x, y]) => F.cross_entropy(x, y), [{ name: "x", shape: [2, 3, 5] }, seq]);
});

test("gradients accumulate where a value is used twice, and through a small attention block", async () => {
  await gradcheck(([x]) => F.mul(F.tanh(x), x), [x23]);
  await gradcheck(
    ([q, k, v, m]) => {
      const scores = F.div(F.matmul(q, F.transpose(k, [0, 2, 1])), Math.sqrt(4));
      const masked = F.add(scores, F.mul(F.sub(1, m), -30));
      return F.matmul(F.softmax(masked, -1), v);
    },
    [{ name: "q", shape: [2, 3, 4] }, { name: "k", shape: [2, 3, 4] }, { name: "v", shape: [2, 3, 4] }, { name: "m", shape: [2, 1, 3], values: [1, 1, 0, 1, 1, 1], dtype: "float64" }],
  );
});

test("every op that has a gradient rule was checked above", () => {
  const withRules = registeredOps().filter((name) => !name.includes(".") && lookupOp(name)?.grad);
  const unchecked = withRules.filter((name) => !checkedOps.has(name));
  assert.deepEqual(unchecked, [], `gradient rules without a finite-difference check: ${unchecked.join(", ")}`);
});
