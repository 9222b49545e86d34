import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { BertForMaskedLM, BertForSequenceClassification, BertModel, BertConfig, ModelInputError } from "../../src";
import { assertClose, modelsDir, reference, referenceInputs, toTensor } from "./reference";

async function checkAll(model: any, name: string, keys: string[]) {
  const ref = reference(name);
  const inputs = referenceInputs(ref);
  const out = await model({ ...inputs, output_hidden_states: true, output_attentions: true });
  for (const key of keys) assertClose(out[key], ref.outputs[key], `${name} ${key}`);
  assert.equal(out.hidden_states.length, ref.outputs.hidden_states.length);
  ref.outputs.hidden_states.forEach((h: any, i: number) => assertClose(out.hidden_states[i], h, `${name} hidden_states[${i}]`));
  assert.equal(out.attentions.length, ref.outputs.attentions.length);
  ref.outputs.attentions.forEach((a: any, i: number) => assertClose(out.attentions[i], a, `${name} attentions[${i}]`, { atol: 1e-5, rtol: 0 }));
  assert.equal(out.loss, undefined);
  if (ref.outputs.loss) {
    const withLoss = await model({ ...inputs, labels: toTensor(ref.labels!) });
    assertClose(withLoss.loss, ref.outputs.loss, `${name} loss`, { atol: 0, rtol: 1e-4 });
  }
  return out;
}

test("BertModel reproduces last_hidden_state, pooler_output, hidden_states and attentions", async () => {
  const model = await BertModel.from_pretrained(path.join(modelsDir, "bert-model"));
  assert.equal(model.training, false);
  await checkAll(model, "bert-model", ["last_hidden_state", "pooler_output"]);
});

test("BertForSequenceClassification (2 and 3 labels) reproduces logits and loss", async () => {
  for (const name of ["bert-seqcls-2", "bert-seqcls-3"]) {
    const model = await BertForSequenceClassification.from_pretrained(path.join(modelsDir, name));
    await checkAll(model, name, ["logits"]);
  }
  const three = await BertForSequenceClassification.from_pretrained(path.join(modelsDir, "bert-seqcls-3"));
  assert.equal(three.config.id2label[2], "positive");
});

test("BertForMaskedLM reproduces logits and loss with the tied decoder", async () => {
  const model = await BertForMaskedLM.from_pretrained(path.join(modelsDir, "bert-mlm"));
  await checkAll(model, "bert-mlm", ["logits"]);
  assert.equal(model.loading_info!.missing_keys.length, 0);
  assert.equal(model.loading_info!.unexpected_keys.length, 0);
});

test("save_pretrained → from_pretrained gives the same outputs and the Hub's file names", async () => {
  const original = await BertForMaskedLM.from_pretrained(path.join(modelsDir, "bert-mlm"));
  const dir = scratchDir("bert-mlm-roundtrip");
  await original.save_pretrained(dir);
  const reloaded = await BertForMaskedLM.from_pretrained(dir);
  const ref = reference("bert-mlm");
  const out = await reloaded(referenceInputs(ref));
  assertClose(out.logits, ref.outputs.logits, "reloaded logits");
  const { readSafetensors } = await import("../../src/modeling/safetensors");
  const saved = Object.keys(readSafetensors(path.join(dir, "model.safetensors")).tensors).sort();
  const expected = Object.keys(readSafetensors(path.join(modelsDir, "bert-mlm", "model.safetensors")).tensors).filter((k) => !k.endsWith("position_ids")).sort();
  assert.deepEqual(saved, expected);
});

test("a bare checkpoint loads into a head model (prefix added) and reports new weights", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(modelsDir, "bert-model"), { num_labels: 4 });
  assert.deepEqual(model.loading_info!.missing_keys.sort(), ["classifier.bias", "classifier.weight"]);
  assert.equal(model.config.num_labels, 4);
  const bare = await BertModel.from_pretrained(path.join(modelsDir, "bert-seqcls-2"));
  assert.deepEqual(bare.loading_info!.unexpected_keys.sort(), ["classifier.bias", "classifier.weight"]);
  const ref = reference("bert-model");
  const out = await model(referenceInputs(ref));
  assert.deepEqual(out.logits.shape, [2, 4]);
});

test("bad inputs get clear errors", async () => {
  const model = new BertModel(new BertConfig({ vocab_size: 50, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 8 }));
  await assert.rejects(model({ input_ids: [[1, 2, 99]] }), (e: Error) => e instanceof ModelInputError && /outside the vocabulary/.test(e.message) && /\[0\]\[2\] = 99/.test(e.message));
  await assert.rejects(model({ input_ids: [Array.from({ length: 9 }, () => 1)] }), (e: Error) => e instanceof ModelInputError && /longer than this model's maximum of 8/.test(e.message));
  await assert.rejects(model({ input_ids: [[1, 2]], attention_mask: [[1, 1, 1]] }), (e: Error) => e instanceof ModelInputError && /must match/.test(e.message));
  const out = await model.eval()({ input_ids: [1, 2, 3] });
  assert.deepEqual(out.last_hidden_state.shape, [1, 3, 16]);
});

test("config features this BERT does not implement are refused by name", () => {
  const small = { vocab_size: 50, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32 };
  assert.throws(() => new BertModel(new BertConfig({ ...small, position_embedding_type: "relative_key" })), (e: Error) => e.name === "ConfigError" && /relative_key/.test(e.message));
  assert.throws(() => new BertModel(new BertConfig({ ...small, is_decoder: true })), (e: Error) => e.name === "ConfigError" && /is_decoder/.test(e.message));
  assert.throws(() => new BertModel(new BertConfig({ ...small, num_attention_heads: 3 })), (e: Error) => /not a multiple of the number of attention heads/.test(e.message));
});

test("ids that are not whole numbers are refused instead of rounded", async () => {
  const model = new BertModel(new BertConfig({ vocab_size: 50, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32 })).eval();
  await assert.rejects(model({ input_ids: [[1, 2.5, 3]] }), (e: Error) => e instanceof ModelInputError && /whole numbers/.test(e.message) && /2\.5/.test(e.message));
  await assert.rejects(model({ input_ids: [[1, "7", 3]] as any }), (e: Error) => e instanceof ModelInputError && /"7"/.test(e.message));
});
