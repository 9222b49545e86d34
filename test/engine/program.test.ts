import { test } from "node:test";
import assert from "node:assert/strict";
import { Graph, Program, ShapeError, DTypeError, functional as F } from "../../src/engine";
import { Linear, Module, LayerNorm, Embedding } from "../../src/nn";
import { Tensor } from "../../src/tensor";
import type { GraphValue } from "../../src/engine";

class TinyNet extends Module {
  emb = new Embedding(10, 8);
  fc1 = new Linear(8, 16);
  ln = new LayerNorm(16);
  fc2 = new Linear(16, 3);
  forward(ids: GraphValue): GraphValue {
    return this.fc2.forward(F.gelu(this.ln.forward(this.fc1.forward(this.emb.forward(ids)))));
  }
}

/** The same forward pass computed in plain JS, as an independent oracle. */
function referenceForward(m: TinyNet, ids: number[]): number[][] {
  const lin = (x: number[], l: Linear) => {
    const out: number[] = [];
    for (let o = 0; o < l.out_features; o++) {
      let s = l.bias ? l.bias.data[o] : 0;
      for (let i = 0; i < l.in_features; i++) s += x[i] * l.weight.data[o * l.in_features + i];
      out.push(s);
    }
    return out;
  };
  const erf = (x: number) => {
    // Abramowitz–Stegun 7.1.26 is too coarse; use the series (exact enough in float64).
    let acc = 1;
    const t = 2 * x * x;
    for (let n = 120; n >= 1; n--) acc = 1 + (acc * t) / (2 * n + 1);
    return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * x * acc;
  };
  return ids.map((id) => {
    const e = Array.from(m.emb.weight.data.slice(id * 8, id * 8 + 8));
    const h = lin(e, m.fc1);
    const mu = h.reduce((a, b) => a + b, 0) / h.length;
    const v = h.reduce((a, b) => a + (b - mu) ** 2, 0) / h.length;
    const n = h.map((x, i) => ((x - mu) / Math.sqrt(v + 1e-5)) * m.ln.weight.data[i] + m.ln.bias.data[i]);
    const g = n.map((x) => 0.5 * x * (1 + erf(x / Math.SQRT2)));
    return lin(g, m.fc2);
  });
}

test("an inference program matches an independent JS forward pass, with dynamic batch and sequence", async () => {
  const m = new TinyNet();
  const g = new Graph({ module: m });
  const ids = g.input("ids", "int64", ["batch", "seq"]);
  g.output("logits", m.forward(ids));
  const p = await Program.compile(g);
  for (const rows of [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9, 0, 1]]]) {
    const out = await p.run({ ids: Tensor.from(rows) });
    assert.deepEqual(out.logits.shape, [rows.length, rows[0].length, 3]);
    const ref = rows.map((r) => referenceForward(m, r));
    const got = out.logits.tolist() as number[][][];
    ref.forEach((r, b) => r.forEach((tok, s) => tok.forEach((v, c) => assert.ok(Math.abs(v - got[b][s][c]) < 1e-5, `${v} vs ${got[b][s][c]}`))));
  }
  await p.release();
});

test("parameter names follow property order and nesting, like state-dict names", () => {
  const m = new TinyNet();
  assert.deepEqual(
    m.named_parameters().map(([n]) => n),
    ["emb.weight", "fc1.weight", "fc1.bias", "ln.weight", "ln.bias", "fc2.weight", "fc2.bias"],
  );
  assert.equal(m.num_parameters(), 80 + 128 + 16 + 32 + 48 + 3);
  assert.match(m.toString(), /\(fc1\): Linear\(in_features=8, out_features=16, bias=True\)/);
});

test("shape and dtype mistakes are reported at graph-build time, naming the op and shapes", () => {
  const g = new Graph();
  const a = g.input("a", "float32", [2, 3]);
  const b = g.input("b", "float32", [4, 5]);
  assert.throws(() => a.matmul(b), (e: Error) => e instanceof ShapeError && /MatMul.*\[2, 3\].*\[4, 5\]/.test(e.message));
  assert.throws(() => a.add(g.input("c", "float32", [4])), (e: Error) => e instanceof ShapeError && /Add.*\[2, 3\].*\[4\]/.test(e.message));
  assert.throws(() => a.add(g.input("d", "int64", [2, 3])), (e: Error) => e instanceof DTypeError && /int64/.test(e.message));
});

test("wrong feeds are rejected with the input's name and the expected shape", async () => {
  const g = new Graph();
  const x = g.input("x", "float32", ["batch", 4]);
  const y = g.input("y", "float32", ["batch", 4]);
  g.output("z", x.add(y));
  const p = await Program.compile(g);
  await assert.rejects(p.run({ x: Tensor.zeros([2, 4]) }), /Missing input "y"/);
  await assert.rejects(p.run({ x: Tensor.zeros([2, 3]), y: Tensor.zeros([2, 4]) }), /Input "x" must have shape \[batch, 4\], got \[2, 3\]/);
  await assert.rejects(p.run({ x: Tensor.zeros([2, 4]), y: Tensor.zeros([3, 4]) }), /batch = 3.*batch = 2/);
  await assert.rejects(p.run({ x: Tensor.zeros([2, 4], "float64"), y: Tensor.zeros([2, 4]) }), DTypeError);
  const ok = await p.run({ x: Tensor.from([[1, 2, 3, 4]], "float32"), y: Tensor.from([[1, 1, 1, 1]], "float32") });
  assert.deepEqual(ok.z.tolist(), [[2, 3, 4, 5]]);
  await p.release();
});

test("modules freeze, find submodules and print parameters like torch", () => {
  const m = new TinyNet();
  m.fc1.requires_grad_(false);
  assert.equal(m.num_parameters({ only_trainable: true }), m.num_parameters() - 128 - 16);
  assert.equal(m.get_submodule("ln"), m.ln);
  assert.throws(() => m.get_submodule("nope"), /no submodule "nope"/);
  const p = m.ln.bias;
  // torch: repr(torch.nn.LayerNorm(16).bias)
  assert.equal(p.toString(), "Parameter containing:\ntensor([0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0.],\n       requires_grad=True)");
});

test("shape helpers: arange_like, full_like, shape_of, causal masks from comparisons", async () => {
  const g = new Graph();
  const x = g.input("x", "float32", ["batch", "seq"]);
  const pos = F.arange_like(x, 1);
  assert.deepEqual(pos.shape, ["seq"]);
  g.output("pos", pos);
  g.output("ones", F.full_like(x, 1));
  g.output("shape", F.shape_of(x));
  g.output("causal", F.ge(F.unsqueeze(pos, 1), F.unsqueeze(pos, 0)));
  const p = await Program.compile(g);
  const out = await p.run({ x: Tensor.zeros([2, 3]) });
  assert.deepEqual(out.pos.tolist(), [0, 1, 2]);
  assert.deepEqual(out.ones.tolist(), [[1, 1, 1], [1, 1, 1]]);
  assert.deepEqual(out.shape.tolist(), [2, 3]);
  assert.deepEqual(out.causal.tolist(), [[true, false, false], [true, true, false], [true, true, true]]);
  await p.release();
});
