import { test } from "node:test";
import assert from "node:assert/strict";
import { ExecutionError, GradientError, Graph, NonFiniteLossError, Program, functional as F, gradients } from "../../src/engine";
import { Embedding, Linear, Module } from "../../src/nn";
import type { GraphValue } from "../../src/engine";
import { Tensor } from "../../src/tensor";
import { KeyboardInterrupt, requestInterrupt, resetInterrupt } from "../../src/utils/cancellation";

class Net extends Module {
  emb = new Embedding(5, 4);
  fc = new Linear(4, 2);
  forward(ids: GraphValue): GraphValue {
    return this.fc.forward(this.emb.forward(ids));
  }
}

test("a program runs off the main thread: timers keep firing during a long run", async () => {
  const g = new Graph();
  const a = g.input("a", "float32", [768, 768]);
  let x = a;
  for (let i = 0; i < 12; i++) x = F.tanh(x.matmul(a));
  g.output("y", x);
  const p = await Program.compile(g);
  const feeds = { a: new Tensor(new Float32Array(768 * 768).fill(0.001), [768, 768]) };
  await p.run(feeds);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < 300) {
    await p.run(feeds);
    runs++;
  }
  clearInterval(timer);
  await p.release();
  // If session.run blocked this thread, ticks could only happen between runs (at most one per run).
  assert.ok(ticks > runs + 5, `${ticks} timer ticks during ${runs} runs`);
});

test("an interrupt request stops the next run with KeyboardInterrupt, and the program works after reset", async () => {
  const m = new Net();
  const g = new Graph({ module: m });
  g.output("y", m.forward(g.input("ids", "int64", ["n"])));
  const p = await Program.compile(g);
  const feeds = { ids: Tensor.from([1, 2, 3]) };
  requestInterrupt();
  try {
    await assert.rejects(p.run(feeds), KeyboardInterrupt);
  } finally {
    resetInterrupt();
  }
  assert.deepEqual((await p.run(feeds)).y.shape, [3, 2]);
  // The parameters came back from the worker intact.
  assert.equal(m.fc.weight.data.length, 8);
  await p.release();
});

test("a non-finite loss raises NonFiniteLossError with advice", async () => {
  const w = new (class extends Module {
    fc = new Linear(2, 1);
  })();
  const g2 = new Graph({ module: w });
  const x2 = g2.input("x", "float32", [1, 2]);
  g2.output("loss", w.fc.forward(x2).log().sum());
  const p = await Program.compile(g2, { backward: { loss: "loss" } });
  await assert.rejects(p.run({ x: Tensor.from([[Number.NaN, 1]], "float32") }), (e: Error) => e instanceof NonFiniteLossError && /NaN/.test(e.message) && /learning rate/.test(e.message));
  await p.release();
});

test("an out-of-range token id is reported with the op, the inputs and what to check", async () => {
  const m = new Net();
  const g = new Graph({ module: m });
  g.output("y", m.forward(g.input("input_ids", "int64", ["n"])));
  const p = await Program.compile(g);
  await assert.rejects(p.run({ input_ids: Tensor.from([1, 7]) }), (e: Error) => e instanceof ExecutionError && /^Gather failed/.test(e.message) && /"emb.weight" \[5, 4\]/.test(e.message) && /vocabulary size \(5\)/.test(e.message));
  await p.release();
});

test("differentiating through an op without a gradient rule names the op", () => {
  const g = new Graph();
  const x = g.input("x", "float32", [3]);
  const y = F.cast(F.gt(x, 0), "float32").mul(x).sum();
  // Through Greater: x reaches the loss via a comparison, which has no gradient (allowed: no float path).
  assert.doesNotThrow(() => gradients(y, [x]));
  const z = F.amax(x).mul(2);
  assert.throws(() => gradients(z, [x]), (e: Error) => e instanceof GradientError && /ReduceMax/.test(e.message));
});

test("concurrent calls on one program are queued and all succeed with the same weights", async () => {
  const m = new Net();
  const g = new Graph({ module: m });
  g.output("y", m.forward(g.input("ids", "int64", ["n"])));
  const p = await Program.compile(g);
  const results = await Promise.all([1, 2, 3, 4, 0].map((i) => p.run({ ids: Tensor.from([i]) })));
  const again = await p.run({ ids: Tensor.from([1, 2, 3, 4, 0]) });
  // Same values up to float32 rounding (a batch of 5 may take another GEMM path than a batch of 1).
  results.forEach((r, i) => (r.y.tolist()[0] as number[]).forEach((v, j) => assert.ok(Math.abs(v - (again.y.tolist() as number[][])[i][j]) < 1e-6)));
  await p.release();
});

test("frozen parameters (requires_grad = false) get no gradient; the others do", async () => {
  const m = new Net();
  m.emb.weight.requires_grad = false;
  const g = new Graph({ module: m });
  const ids = g.input("ids", "int64", ["n"]);
  g.output("loss", F.cross_entropy(m.forward(ids), g.input("labels", "int64", ["n"])));
  const p = await Program.compile(g, { backward: { loss: "loss" } });
  await p.run({ ids: Tensor.from([1, 2]), labels: Tensor.from([0, 1]) });
  assert.equal(m.emb.weight.grad, null);
  assert.equal(m.fc.weight.grad?.length, 8);
  await p.release();
});

test("an interrupt during a long run stops the call without waiting for it; weights come back intact", async () => {
  const m = new Net();
  const g = new Graph({ module: m });
  const a = g.input("a", "float32", [512, 512]);
  let x = a;
  for (let i = 0; i < 40; i++) x = F.tanh(x.matmul(a));
  g.output("y", x.sum().add(m.forward(g.input("ids", "int64", ["n"])).sum()));
  const p = await Program.compile(g);
  const before = Array.from(m.fc.weight.data);
  const feeds = { a: new Tensor(new Float32Array(512 * 512).fill(0.001), [512, 512]), ids: Tensor.from([1, 2]) };
  const running = p.run(feeds);
  setTimeout(requestInterrupt, 5);
  try {
    await assert.rejects(running, KeyboardInterrupt);
  } finally {
    resetInterrupt();
  }
  // The next run waits for the abandoned one, then sees the same weights.
  const out = await p.run(feeds);
  assert.equal(out.y.shape.length, 0);
  assert.deepEqual(Array.from(m.fc.weight.data), before);
  await p.release();
});
