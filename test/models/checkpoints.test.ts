import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { BertConfig, BertModel, BertForSequenceClassification, CheckpointError, SafetensorError } from "../../src";
import { load_file, save_file } from "../../src/modeling/safetensors";
import { assertClose, modelsDir, reference, referenceInputs } from "./reference";
import { Tensor } from "../../src/tensor";

const bertDir = path.join(modelsDir, "bert-model");

function copyConfig(to: string, from = bertDir) {
  fs.copyFileSync(path.join(from, "config.json"), path.join(to, "config.json"));
}

test("a sharded checkpoint (model.safetensors.index.json) loads like the single file", async () => {
  const dir = scratchDir("sharded");
  copyConfig(dir);
  const tensors = load_file(path.join(bertDir, "model.safetensors"));
  const names = Object.keys(tensors).sort();
  const half = Math.floor(names.length / 2);
  const shards = [names.slice(0, half), names.slice(half)];
  const weight_map: Record<string, string> = {};
  shards.forEach((group, i) => {
    const file = `model-0000${i + 1}-of-00002.safetensors`;
    save_file(Object.fromEntries(group.map((n) => [n, tensors[n]])), path.join(dir, file), { format: "pt" });
    for (const n of group) weight_map[n] = file;
  });
  fs.writeFileSync(path.join(dir, "model.safetensors.index.json"), JSON.stringify({ metadata: { total_size: 0 }, weight_map }));
  const model = await BertModel.from_pretrained(dir);
  const ref = reference("bert-model");
  assertClose((await model(referenceInputs(ref))).last_hidden_state, ref.outputs.last_hidden_state, "sharded last_hidden_state");
  // A shard that the index names but that is missing is reported by name.
  fs.rmSync(path.join(dir, "model-00002-of-00002.safetensors"));
  await assert.rejects(BertModel.from_pretrained(dir), (e: Error) => /model-00002-of-00002\.safetensors/.test(e.message));
});

test("weights whose shape disagrees with the config fail clearly, or re-initialise on request", async () => {
  const dir = scratchDir("mismatch");
  fs.writeFileSync(path.join(dir, "config.json"), new BertConfig({ ...JSON.parse(fs.readFileSync(path.join(bertDir, "config.json"), "utf8")), vocab_size: 1200 }).to_json_string());
  fs.copyFileSync(path.join(bertDir, "model.safetensors"), path.join(dir, "model.safetensors"));
  await assert.rejects(BertModel.from_pretrained(dir), (e: Error) => e instanceof CheckpointError && /size mismatch for embeddings\.word_embeddings\.weight: copying a param with shape \[1000, 32\]/.test(e.message) && /ignore_mismatched_sizes/.test(e.message));
  const model = await BertModel.from_pretrained(dir, { ignore_mismatched_sizes: true });
  assert.deepEqual(model.loading_info!.mismatched_keys, [["embeddings.word_embeddings.weight", [1000, 32], [1200, 32]]]);
  assert.equal(model.embeddings.word_embeddings.weight.numel, 1200 * 32);
});

test("a weight stored with a non-float dtype is refused", async () => {
  const dir = scratchDir("bad-dtype");
  copyConfig(dir);
  const tensors = load_file(path.join(bertDir, "model.safetensors"));
  const w = tensors["pooler.dense.bias"];
  tensors["pooler.dense.bias"] = new Tensor(new Int32Array(w.size), w.shape, "int32");
  save_file(tensors, path.join(dir, "model.safetensors"));
  await assert.rejects(BertModel.from_pretrained(dir), (e: Error) => e instanceof CheckpointError && /pooler\.dense\.bias/.test(e.message) && /int32/.test(e.message));
});

test("truncated weights and missing files give errors that name the file", async () => {
  const dir = scratchDir("truncated");
  copyConfig(dir);
  const bytes = fs.readFileSync(path.join(bertDir, "model.safetensors"));
  fs.writeFileSync(path.join(dir, "model.safetensors"), bytes.subarray(0, bytes.length - 1000));
  await assert.rejects(BertModel.from_pretrained(dir), (e: Error) => e instanceof SafetensorError && /model\.safetensors/.test(e.message));
  fs.rmSync(path.join(dir, "model.safetensors"));
  await assert.rejects(BertModel.from_pretrained(dir), (e: Error) => e instanceof CheckpointError && /does not appear to have a file named model\.safetensors/.test(e.message));
});

test("save_pretrained refuses a file as target and leaves no temporary files", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(modelsDir, "bert-seqcls-2"));
  const root = scratchDir("save-failure");
  const file = path.join(root, "not-a-folder");
  fs.writeFileSync(file, "x");
  await assert.rejects(model.save_pretrained(file), (e: Error) => e instanceof CheckpointError && /should be a directory/.test(e.message));
  assert.equal(fs.readFileSync(file, "utf8"), "x");
  const target = path.join(root, "saved");
  await model.save_pretrained(target);
  assert.deepEqual(fs.readdirSync(target).sort(), ["config.json", "model.safetensors"]);
  const config = JSON.parse(fs.readFileSync(path.join(target, "config.json"), "utf8"));
  assert.deepEqual(config.architectures, ["BertForSequenceClassification"]);
  assert.equal(config.torch_dtype, "float32");
});

test("models print like PyTorch modules and count their parameters like transformers", async () => {
  const model = await BertModel.from_pretrained(bertDir);
  const text = model.toString();
  assert.ok(text.startsWith("BertModel(\n  (embeddings): BertEmbeddings("));
  assert.match(text, /\(query\): Linear\(in_features=32, out_features=32, bias=true\)/i);
  const expected = Object.entries(load_file(path.join(bertDir, "model.safetensors"))).filter(([k]) => !k.endsWith("position_ids")).reduce((n, [, t]) => n + t.size, 0);
  assert.equal(model.num_parameters(), expected);
  assert.equal(model.num_parameters({ exclude_embeddings: true }), expected - (1000 + 64 + 2) * 32);
});

test("resize_token_embeddings grows the vocabulary; tied heads and the MLM bias follow", async () => {
  const { BertForMaskedLM, GPT2LMHeadModel } = await import("../../src");
  const mlm = await BertForMaskedLM.from_pretrained(path.join(modelsDir, "bert-mlm"));
  const ref = reference("bert-mlm");
  const before = await mlm(referenceInputs(ref));
  const oldRow = Array.from(mlm.bert.embeddings.word_embeddings.weight.data.subarray(5 * 32, 6 * 32));
  mlm.resize_token_embeddings(1003);
  assert.equal(mlm.config.vocab_size, 1003);
  assert.deepEqual(mlm.bert.embeddings.word_embeddings.weight.shape, [1003, 32]);
  assert.deepEqual(Array.from(mlm.bert.embeddings.word_embeddings.weight.data.subarray(5 * 32, 6 * 32)), oldRow);
  assert.equal(mlm.cls.predictions.bias.numel, 1003);
  const after = await mlm({ input_ids: [[101, 1002, 102]] });
  assert.deepEqual(after.logits.shape, [1, 3, 1003]);
  // Logits of the old vocabulary are unchanged by the resize.
  const again = await mlm(referenceInputs(ref));
  const a = again.logits.data as Float32Array;
  const b = before.logits.data as Float32Array;
  for (let i = 0; i < 7; i++) assert.ok(Math.abs(a[i * 1003 + 17] - b[i * 1000 + 17]) < 1e-5);
  const dir = scratchDir("resized");
  await mlm.save_pretrained(dir);
  const reloaded = await BertForMaskedLM.from_pretrained(dir);
  assert.equal(reloaded.config.vocab_size, 1003);
  const gpt2 = await GPT2LMHeadModel.from_pretrained(path.join(modelsDir, "gpt2-lmhead"));
  gpt2.resize_token_embeddings(1001);
  const out = await gpt2({ input_ids: [[1000, 3]] });
  assert.deepEqual(out.logits.shape, [1, 2, 1001]);
});

test("generative heads also write generation_config.json exactly as transformers does", async () => {
  const { BertForMaskedLM, GPT2LMHeadModel } = await import("../../src");
  for (const [name, cls] of [["bert-mlm", BertForMaskedLM], ["gpt2-lmhead", GPT2LMHeadModel]] as const) {
    const model = await (cls as typeof BertForMaskedLM).from_pretrained(path.join(modelsDir, name));
    const dir = scratchDir(`generation-config-${name}`);
    await model.save_pretrained(dir);
    assert.equal(fs.readFileSync(path.join(dir, "generation_config.json"), "utf8"), fs.readFileSync(path.join(modelsDir, name, "generation_config.json"), "utf8"));
    const saved = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
    const original = JSON.parse(fs.readFileSync(path.join(modelsDir, name, "config.json"), "utf8"));
    delete saved._name_or_path; // transformers records where the model was loaded from, too
    assert.deepEqual(saved, original);
  }
});

test("save_pretrained({ max_shard_size }) writes shards and an index that load back; a later single-file save replaces them", async () => {
  const model = await BertModel.from_pretrained(bertDir);
  const dir = scratchDir("sharded-save");
  await model.save_pretrained(dir, { max_shard_size: "50KB" });
  const files = fs.readdirSync(dir).sort();
  const shards = files.filter((f) => /^model-\d{5}-of-\d{5}\.safetensors$/.test(f));
  assert.ok(shards.length > 2, files.join(", "));
  assert.ok(!files.includes("model.safetensors"));
  const index = JSON.parse(fs.readFileSync(path.join(dir, "model.safetensors.index.json"), "utf8"));
  assert.deepEqual(new Set(Object.values(index.weight_map)), new Set(shards));
  const ref = reference("bert-model");
  const reloaded = await BertModel.from_pretrained(dir);
  assertClose((await reloaded(referenceInputs(ref))).last_hidden_state, ref.outputs.last_hidden_state, "sharded save → load");
  await reloaded.save_pretrained(dir);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["config.json", "model.safetensors"]);
});

test("half-precision checkpoints (F16, BF16) load into float32 weights", async () => {
  for (const float_dtype of ["F16", "BF16"] as const) {
    const dir = scratchDir(`half-${float_dtype}`);
    copyConfig(dir);
    save_file(load_file(path.join(bertDir, "model.safetensors")), path.join(dir, "model.safetensors"), { format: "pt" }, { float_dtype });
    const model = await BertModel.from_pretrained(dir);
    const ref = reference("bert-model");
    // Rounding the weights to 11 (F16) or 8 (BF16) significant bits moves the outputs a little.
    assertClose((await model(referenceInputs(ref))).last_hidden_state, ref.outputs.last_hidden_state, `${float_dtype} last_hidden_state`, { atol: float_dtype === "F16" ? 1e-2 : 1e-1, rtol: 0 });
  }
});
