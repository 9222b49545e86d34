import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ort from "onnxruntime-node";
import { Graph, Program, export_onnx, functional as F } from "../../src/engine";
import { decodeModel } from "../../src/engine/proto";
import { Dropout, Embedding, LayerNorm, Linear, Module } from "../../src/nn";
import type { GraphValue } from "../../src/engine";
import { Tensor } from "../../src/tensor";
import { scratchDir } from "../helpers/paths";

class Net extends Module {
  emb = new Embedding(20, 8);
  norm = new LayerNorm(8);
  drop = new Dropout(0.5);
  head = new Linear(8, 2);
  forward(ids: GraphValue): GraphValue {
    return this.head.forward(this.drop.forward(F.gelu(this.norm.forward(this.emb.forward(ids)))));
  }
}

test("export_onnx writes a plain ONNX file with the weights as named initializers that onnxruntime runs", async () => {
  const model = new Net().eval();
  const g = new Graph({ module: model, name: "net" });
  const ids = g.input("input_ids", "int64", ["batch", "sequence"]);
  g.output("logits", model.forward(ids));
  const file = path.join(scratchDir("engine-export"), "onnx", "model.onnx");
  export_onnx(g, file);

  const proto = decodeModel(fs.readFileSync(file));
  assert.deepEqual(proto.graph.input.map((i: { name: string }) => i.name), ["input_ids"]);
  const initNames = proto.graph.initializer.map((t: { name: string }) => t.name);
  for (const [name] of model.named_parameters()) assert.ok(initNames.includes(name), `initializer ${name}`);
  assert.equal(proto.graph.output[0].name, "logits");
  assert.deepEqual(proto.graph.input[0].type.tensorType.shape.dim.map((d: { dimParam?: string }) => d.dimParam), ["batch", "sequence"]);

  const session = await ort.InferenceSession.create(file);
  const input = Tensor.from([[1, 2, 3, 4], [5, 6, 7, 19]]);
  const direct = await session.run({ input_ids: new ort.Tensor("int64", input.data as BigInt64Array, input.shape) });
  const program = await Program.compile(g);
  const ours = await program.run({ input_ids: input });
  assert.deepEqual(Array.from(direct.logits.data as Float32Array), Array.from(ours.logits.data as Float32Array));
  await program.release();
});

test("exporting a training-mode graph (with dropout) is refused with advice", () => {
  const model = new Net().train();
  const g = new Graph({ module: model });
  g.output("logits", model.forward(g.input("input_ids", "int64", ["batch", "sequence"])));
  assert.throws(() => export_onnx(g, path.join(scratchDir("engine-export-train"), "m.onnx")), /training mode.*eval\(\)/);
});
