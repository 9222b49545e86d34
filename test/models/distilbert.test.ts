import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { DistilBertConfig, DistilBertForMaskedLM, DistilBertForSequenceClassification, DistilBertModel } from "../../src";
import { assertClose, modelsDir, reference, referenceInputs, toTensor } from "./reference";

async function checkAll(model: any, name: string, keys: string[]) {
  const ref = reference(name);
  const inputs = referenceInputs(ref);
  const out = await model({ ...inputs, output_hidden_states: true, output_attentions: true });
  for (const key of keys) assertClose(out[key], ref.outputs[key], `${name} ${key}`);
  assert.equal(out.hidden_states.length, ref.outputs.hidden_states.length);
  ref.outputs.hidden_states.forEach((h: any, i: number) => assertClose(out.hidden_states[i], h, `${name} hidden_states[${i}]`));
  ref.outputs.attentions.forEach((a: any, i: number) => assertClose(out.attentions[i], a, `${name} attentions[${i}]`, { atol: 1e-5, rtol: 0 }));
  if (ref.outputs.loss) {
    const withLoss = await model({ ...inputs, labels: toTensor(ref.labels!) });
    assertClose(withLoss.loss, ref.outputs.loss, `${name} loss`, { atol: 0, rtol: 1e-4 });
  }
}

test("DistilBertModel reproduces last_hidden_state, hidden_states and attentions", async () => {
  await checkAll(await DistilBertModel.from_pretrained(path.join(modelsDir, "distilbert-model")), "distilbert-model", ["last_hidden_state"]);
});

test("DistilBertForSequenceClassification reproduces logits and loss, and survives save → load", async () => {
  const model = await DistilBertForSequenceClassification.from_pretrained(path.join(modelsDir, "distilbert-seqcls-2"));
  await checkAll(model, "distilbert-seqcls-2", ["logits"]);
  const dir = scratchDir("distilbert-roundtrip");
  await model.save_pretrained(dir);
  await checkAll(await DistilBertForSequenceClassification.from_pretrained(dir), "distilbert-seqcls-2", ["logits"]);
});

test("DistilBertForMaskedLM ties its projection to the embeddings and computes an MLM loss", async () => {
  const config = new DistilBertConfig({ vocab_size: 40, dim: 16, n_layers: 1, n_heads: 2, hidden_dim: 32, max_position_embeddings: 16, sinusoidal_pos_embds: true });
  const model = new DistilBertForMaskedLM(config).eval();
  const names = model.named_parameters().map(([n]) => n);
  assert.ok(names.includes("vocab_projector.bias"));
  assert.ok(!names.includes("vocab_projector.weight"));
  assert.equal(model.distilbert.embeddings.position_embeddings.weight.requires_grad, false);
  assert.ok(Math.abs(model.distilbert.embeddings.position_embeddings.weight.data[16 + 1] - Math.cos(1)) < 1e-6);
  const out = await model({ input_ids: [[1, 5, 7, 2]], labels: [[-100, 5, -100, -100]] });
  assert.deepEqual(out.logits.shape, [1, 4, 40]);
  assert.ok(out.loss!.item() > 0);
  // The loss at the one labelled position is −log softmax(logits)[5].
  const row = Array.from((out.logits.data as Float32Array).subarray(40, 80));
  const max = Math.max(...row);
  const logZ = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
  assert.ok(Math.abs(out.loss!.item() - (logZ - row[5])) < 1e-4);
  // A base DistilBERT checkpoint loads into the MLM head (prefix added), reporting only the head as new.
  const base = await DistilBertForMaskedLM.from_pretrained(path.join(modelsDir, "distilbert-model"));
  assert.deepEqual(base.loading_info!.missing_keys.sort(), ["vocab_layer_norm.bias", "vocab_layer_norm.weight", "vocab_projector.bias", "vocab_transform.bias", "vocab_transform.weight"]);
});
