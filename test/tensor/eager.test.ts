import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as ort from "onnxruntime-node";
import { Tensor, from_ort, to_ort } from "../../src/tensor";
import type { DType } from "../../src/tensor";
import { PYTHON, systemComponent } from "../helpers/system";

const torch = systemComponent("python3-torch", [PYTHON, "-c", "import torch"], "apt-get install python3-torch");

function seq(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

const CASES: { shape: number[]; dtype: DType; data: number[] }[] = [
  { shape: [2, 3], dtype: "float32", data: [0.1, -2.5, 3.14159, 4, 5.5, -6.25] },
  { shape: [2, 2], dtype: "float32", data: [1, 2, 3, -4] },
  { shape: [3], dtype: "float32", data: [1e-5, 1, 12345.678] },
  { shape: [2, 3], dtype: "int64", data: [101, 7592, 102, 0, -3, 12] },
  { shape: [4], dtype: "bool", data: [1, 0, 0, 1] },
  { shape: [], dtype: "float32", data: [3.14159] },
  { shape: [2], dtype: "float64", data: [0.5, 0.25] },
  { shape: [3], dtype: "int32", data: [1, 2, 3] },
  { shape: [2, 2, 3], dtype: "float32", data: seq(12, (i) => i / 7 - 0.5) },
  { shape: [1, 30], dtype: "float32", data: seq(30, (i) => Math.sin(i) * 10) },
  { shape: [40, 50], dtype: "float32", data: seq(2000, (i) => Math.cos(i)) },
  { shape: [0], dtype: "float32", data: [] },
  { shape: [2], dtype: "float32", data: [NaN, -Infinity] },
  { shape: [30], dtype: "float64", data: seq(30, () => 0) },
  { shape: [30], dtype: "float64", data: seq(30, () => 1 / 3) },
  { shape: [4], dtype: "float32", data: [0.03125, 0.5, 0.25, 0.21875] },
  { shape: [3], dtype: "float32", data: [1.03125e-5, 2, 0] },
  { shape: [2, 3], dtype: "float32", data: [0, 0, 1, 0, 2.5, 0] },
  { shape: [0, 3], dtype: "float32", data: [] },
  { shape: [30], dtype: "int32", data: seq(30, (i) => i) },
];

function make(c: (typeof CASES)[number]): Tensor {
  const t = Tensor.zeros(c.shape, c.dtype);
  c.data.forEach((v, i) => (c.dtype === "int64" ? ((t.data as BigInt64Array)[i] = BigInt(v)) : ((t.data as Float32Array)[i] = v)));
  return t;
}

test("tensors print exactly as torch prints them", { skip: torch.skip }, () => {
  const script = `
import json, sys, torch
out = []
for c in json.load(sys.stdin):
    dt = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}[c["dtype"]]
    vals = [float(v) for v in c["data"]]
    t = torch.tensor(vals, dtype=torch.float64).to(dt).reshape(c["shape"])
    out.append(repr(t))
print(json.dumps(out))`;
  // Python's float() reads "nan" and "-inf", which JSON numbers cannot carry.
  const payload = CASES.map((c) => ({ ...c, data: c.data.map((v) => (Number.isFinite(v) ? v : String(v).replace("Infinity", "inf").replace("NaN", "nan"))) }));
  const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(payload), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as string[];
  CASES.forEach((c, i) => assert.equal(make(c).toString(), expected[i], `case ${i}: shape [${c.shape}] ${c.dtype}`));
});

test("eager ops on outputs: softmax, argmax, topk, sum, mean, max", () => {
  const logits = Tensor.from([[1, 2, 3], [3, 1, 0]], "float32");
  const p = logits.softmax(-1);
  const rows = p.tolist() as number[][];
  rows.forEach((r) => assert.ok(Math.abs(r.reduce((a, b) => a + b, 0) - 1) < 1e-6));
  assert.ok(Math.abs(rows[0][2] - Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))) < 1e-6);
  assert.deepEqual(logits.argmax(-1).tolist(), [2, 0]);
  assert.equal(logits.argmax().item(), 2);
  const top = logits.topk(2, -1);
  assert.deepEqual(top.values.tolist(), [[3, 2], [3, 1]]);
  assert.deepEqual(top.indices.tolist(), [[2, 1], [0, 1]]);
  assert.deepEqual(logits.sum(0).tolist(), [4, 3, 3]);
  assert.deepEqual(logits.mean(1, true).shape, [2, 1]);
  assert.equal(logits.max().item(), 3);
  assert.deepEqual(logits.max(0).tolist(), [3, 2, 3]);
  const ls = logits.log_softmax(-1).exp().tolist() as number[][];
  assert.ok(Math.abs(ls[1][0] - (p.tolist() as number[][])[1][0]) < 1e-6);
  assert.throws(() => Tensor.from([1, 2]).mean(), /float/);
});

test("eager shape and indexing ops follow torch semantics", () => {
  const t = Tensor.from([[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]);
  assert.deepEqual(t.get(1).tolist(), [[6, 7, 8], [9, 10, 11]]);
  assert.deepEqual(t.select(2, -1).tolist(), [[2, 5], [8, 11]]);
  assert.deepEqual(t.slice(2, 1).tolist(), [[[1, 2], [4, 5]], [[7, 8], [10, 11]]]);
  assert.deepEqual(t.slice(2, 0, undefined, 2).shape, [2, 2, 2]);
  assert.deepEqual(t.transpose(0, 2).shape, [3, 2, 2]);
  assert.deepEqual(t.transpose(0, 2).get(1).tolist(), [[1, 7], [4, 10]]);
  assert.deepEqual(t.permute(1, 0, 2).get(0).tolist(), [[0, 1, 2], [6, 7, 8]]);
  assert.deepEqual(t.reshape(3, -1).tolist(), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
  assert.deepEqual(t.index_select(1, [1, 0]).get(0).tolist(), [[3, 4, 5], [0, 1, 2]]);
  assert.deepEqual(t.unsqueeze(0).shape, [1, 2, 2, 3]);
  assert.deepEqual(t.unsqueeze(0).squeeze().shape, [2, 2, 3]);
  assert.throws(() => t.reshape(5, -1), /invalid for a tensor of 12 elements/);
  assert.throws(() => t.get(2), /out of bounds/);
});

test("elementwise arithmetic broadcasts and comparisons give bool tensors", () => {
  const a = Tensor.from([[1, 2, 3], [4, 5, 6]], "float32");
  const b = Tensor.from([10, 20, 30], "float32");
  assert.deepEqual(a.add(b).tolist(), [[11, 22, 33], [14, 25, 36]]);
  assert.deepEqual(a.mul(2).tolist(), [[2, 4, 6], [8, 10, 12]]);
  assert.equal(Tensor.from([1, 2]).div(2).dtype, "float32");
  const mask = a.gt(3);
  assert.equal(mask.dtype, "bool");
  assert.deepEqual(mask.tolist(), [[false, false, false], [true, true, true]]);
  assert.deepEqual(Tensor.from([1, 2, 2]).eq(Tensor.from([1, 0, 2])).sum().item(), 2);
  assert.throws(() => a.add(Tensor.from([1, 2], "float32")), /cannot be broadcast/);
  assert.deepEqual(a.long().tolist(), [[1, 2, 3], [4, 5, 6]]);
  assert.equal(a.long().dtype, "int64");
});

test("HTML repr is a table with the shape and dtype", () => {
  const bundle = Tensor.from([[0.5, 1.25], [2, 3]], "float32")._repr_mimebundle_();
  assert.equal(bundle["text/plain"], "tensor([[0.5000, 1.2500],\n        [2.0000, 3.0000]])");
  const html = bundle["text/html"] as string;
  assert.match(html, /<table/);
  assert.match(html, /shape \[2, 2\] · float32/);
  assert.match(html, /<td>1\.2500<\/td>/);
});

test("conversion to and from onnxruntime tensors shares memory", () => {
  const t = Tensor.from([[1, 2], [3, 4]], "float32");
  const o = to_ort(t);
  assert.ok(o instanceof ort.Tensor);
  assert.equal(o.data, t.data);
  assert.deepEqual([...o.dims], [2, 2]);
  const back = from_ort(o);
  assert.equal(back.data, t.data);
  assert.deepEqual(back.tolist(), [[1, 2], [3, 4]]);
  const ids = to_ort(Tensor.from([[101, 102]]));
  assert.equal(ids.type, "int64");
});

test("factories and joins: ones, full, arange, cat, stack", () => {
  assert.deepEqual(Tensor.ones([2, 2]).tolist(), [[1, 1], [1, 1]]);
  assert.deepEqual(Tensor.full([3], 7, "int64").tolist(), [7, 7, 7]);
  assert.deepEqual(Tensor.arange(5).tolist(), [0, 1, 2, 3, 4]);
  assert.equal(Tensor.arange(5).dtype, "int64");
  assert.deepEqual(Tensor.arange(0, 1, 0.25).tolist(), [0, 0.25, 0.5, 0.75]);
  const a = Tensor.from([[1, 2], [3, 4]]);
  const b = Tensor.from([[5, 6]]);
  assert.deepEqual(Tensor.cat([a, b], 0).tolist(), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(Tensor.cat([a, a], 1).tolist(), [[1, 2, 1, 2], [3, 4, 3, 4]]);
  assert.deepEqual(Tensor.stack([a, a], 0).shape, [2, 2, 2]);
  assert.deepEqual(Tensor.stack([a.get(0), a.get(1)], 1).tolist(), [[1, 3], [2, 4]]);
  assert.throws(() => Tensor.cat([a, Tensor.from([[1, 2, 3]])], 0), /same dtype and sizes except in dim 0/);
});
