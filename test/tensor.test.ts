import { test } from "node:test";
import * as assert from "node:assert/strict";
import { Tensor, TensorError } from "../src";

test("Tensor.from infers shape and dtype, tolist gives plain numbers", () => {
  const t = Tensor.from([[1, 2, 3], [4, 5, 6]]);
  assert.equal(t.dtype, "int64");
  assert.deepEqual(t.shape, [2, 3]);
  assert.ok(t.data instanceof BigInt64Array);
  assert.deepEqual(t.tolist(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(Tensor.from([0.5, 1]).dtype, "float32");
});

test("ragged nested arrays are rejected with advice", () => {
  assert.throws(() => Tensor.from([[1, 2], [3]]), (e: unknown) => e instanceof TensorError && /ragged/.test((e as Error).message));
});
