// Inference sessions with the weights baked in must never answer with old weights: every way of
// changing a parameter is made here, against real onnxruntime sessions, and the next forward
// pass must equal a fresh run that takes the current weights as inputs.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { BertConfig, BertForSequenceClassification } from "../../src/models";
import { Program } from "../../src/engine";
import { AdamW, SGD } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { manual_seed } from "../../src/utils/random";
import { scratchDir } from "../helpers/paths";

type Model = BertForSequenceClassification;

const input_ids = Tensor.from([[1, 7, 8, 9, 2], [1, 11, 12, 2, 0]], "int64");
const attention_mask = Tensor.from([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]], "int64");

function tinyModel(): Model {
  manual_seed(0);
  const config = new BertConfig({ vocab_size: 50, hidden_size: 16, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 16, num_labels: 3 });
  return new BertForSequenceClassification(config).eval();
}

async function logits(model: Model): Promise<number[]> {
  return Array.from((await model({ input_ids, attention_mask })).logits!.data as Float32Array);
}

/** The program a plain call uses, to ask whether its last run used the frozen session. */
async function callProgram(model: Model): Promise<Program> {
  const { spec } = (model as any).prepare({ input_ids, attention_mask });
  return model.program(spec);
}

/** Two calls with unchanged weights: the second one builds and uses the frozen session. */
async function frozenLogits(model: Model): Promise<number[]> {
  await logits(model);
  const out = await logits(model);
  assert.equal((await callProgram(model)).ran_frozen, true, "the second call with unchanged weights should use the frozen session");
  return out;
}

/** The oracle: a new program that takes the parameters' current values as inputs. */
async function freshLogits(model: Model): Promise<number[]> {
  const { feeds, spec } = (model as any).prepare({ input_ids, attention_mask });
  const program = await Program.compile(model.graph(spec), { weights: "inputs", outputs: ["logits"] });
  try {
    return Array.from((await program.run(feeds)).logits.data as Float32Array);
  } finally {
    await program.release();
  }
}

function assertClose(actual: number[], expected: number[], what: string): void {
  const diff = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
  assert.ok(diff < 1e-5, `${what}: differs from a fresh run by ${diff}`);
}

function assertChanged(after: number[], before: number[], what: string): void {
  const diff = Math.max(...after.map((v, i) => Math.abs(v - before[i])));
  assert.ok(diff > 1e-4, `${what}: the forward pass did not change (max difference ${diff})`);
}

const classifierWeight = (m: Model) => m.classifier.weight;
const poolerBias = (m: Model) => m.bert.pooler!.dense.bias!;
const wordEmbeddings = (m: Model) => m.bert.embeddings.word_embeddings.weight;
const embeddingNorm = (m: Model) => m.bert.embeddings.LayerNorm.weight;

/** Each way of changing weights in place; each must show in the next forward pass. */
const edits: [string, (m: Model) => void | Promise<void>][] = [
  ["writing one element of param.data", (m) => void (classifierWeight(m).data[0] += 1)],
  ["param.data.fill", (m) => void poolerBias(m).data.fill(1)],
  ["param.data.set", (m) => classifierWeight(m).data.set([2, -2, 3])],
  ["assigning param.data", (m) => void (wordEmbeddings(m).data = Float32Array.from({ length: wordEmbeddings(m).numel }, (_, i) => Math.sin(i)))],
  ["writing into a state_dict() view", (m) => void ((m.state_dict()["classifier.bias"].data as Float32Array)[1] = 5)],
  ["writing into param.tensor()", (m) => void ((embeddingNorm(m).tensor().data as Float32Array)[3] = 20)],
  ["load_state_dict", (m) => {
    const sd = m.state_dict();
    m.load_state_dict({ ...sd, "classifier.weight": new Tensor(new Float32Array(sd["classifier.weight"].numel()).fill(0.5), sd["classifier.weight"].shape, "float32") });
  }],
  ["load_checkpoint", (m) => {
    const w = m.bert.pooler!.dense.weight;
    m.load_checkpoint({ "bert.pooler.dense.weight": new Tensor(new Float32Array(w.numel).fill(0.1), w.shape, "float32") });
  }],
  ["init_weights", (m) => m.init_weights()],
  ["an AdamW step", async (m) => {
    const opt = new AdamW(m.parameters(), { lr: 0.05 });
    await m.forward_backward({ input_ids, attention_mask, labels: Tensor.from([0, 2], "int64") });
    opt.step();
  }],
  ["an SGD step", async (m) => {
    const opt = new SGD(m.parameters(), { lr: 0.5 });
    await m.forward_backward({ input_ids, attention_mask, labels: Tensor.from([1, 2], "int64") });
    opt.step();
  }],
];

for (const [name, edit] of edits) {
  test(`frozen inference weights: ${name} shows in the next forward pass`, async () => {
    const model = tinyModel();
    const before = await frozenLogits(model);
    assertClose(before, await freshLogits(model), "before the edit");
    await edit(model);
    const after = await logits(model);
    assertChanged(after, before, name);
    assertClose(after, await freshLogits(model), `after ${name}`);
    // and again once the new weights are frozen in turn
    assertClose(await frozenLogits(model), after, `${name}, frozen again`);
    await model.release_programs();
  });
}

test("frozen inference weights: an array taken before freezing can no longer write into the weights", async () => {
  const model = tinyModel();
  const early = classifierWeight(model).data;
  const before = await frozenLogits(model);
  assert.equal(early.length, 0, "the old handle is detached");
  early[0] = 100; // a detached array ignores writes
  assert.deepEqual(await logits(model), before);
  assertClose(before, await freshLogits(model), "after writing through an old handle");
  await model.release_programs();
});

test("frozen inference weights: reading without writing keeps the frozen session (save_pretrained, printing)", async () => {
  const model = tinyModel();
  await frozenLogits(model);
  await model.save_pretrained(path.join(scratchDir("frozen-weights"), "saved"));
  void String(classifierWeight(model));
  await logits(model);
  assert.equal((await callProgram(model)).ran_frozen, true);
  await model.release_programs();
});

test("frozen inference weights: training mode drops the frozen session and eval builds a new one", async () => {
  const model = tinyModel();
  const before = await frozenLogits(model);
  model.train();
  const opt = new AdamW(model.parameters(), { lr: 0.05 });
  await model.forward_backward({ input_ids, attention_mask, labels: Tensor.from([0, 2], "int64") });
  opt.step();
  model.eval();
  const after = await logits(model);
  assert.equal((await callProgram(model)).ran_frozen, false, "the first call after a change runs with the weights as inputs");
  assertChanged(after, before, "training step");
  assertClose(await frozenLogits(model), await freshLogits(model), "after training");
  await model.release_programs();
});
