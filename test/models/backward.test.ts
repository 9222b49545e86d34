import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hfReference } from "../helpers/paths";
import { BertForSequenceClassification, Tensor } from "../../src";
import { load_file } from "../../src/modeling/safetensors";

const training = path.join(hfReference, "training", "bert-seqcls-train");

test("forward_backward reproduces PyTorch's first-step loss and gradients", async () => {
  const log = JSON.parse(fs.readFileSync(path.join(training, "training_log.json"), "utf8"));
  const model = await BertForSequenceClassification.from_pretrained(path.join(training, "initial"));
  model.train(); // dropout is 0.0 in this config, so train mode is deterministic
  const rows = 8;
  const [n, len] = log.dataset.input_ids.shape;
  assert.equal(n, 32);
  const slice = (field: any, width: number) => new Tensor(BigInt64Array.from(field.data.slice(0, rows * width), (v: number) => BigInt(v)), width === 1 ? [rows] : [rows, width], "int64");
  const batch: Record<string, Tensor> = {
    input_ids: slice(log.dataset.input_ids, len),
    attention_mask: slice(log.dataset.attention_mask, len),
    labels: slice(log.dataset.labels, 1),
  };
  if (log.dataset.token_type_ids) batch.token_type_ids = slice(log.dataset.token_type_ids, len);
  const out = await model.forward_backward(batch);
  const expectedLoss = log.first_backward.loss;
  assert.ok(Math.abs(out.loss!.item() - expectedLoss) <= 1e-4 * Math.abs(expectedLoss), `loss ${out.loss!.item()} vs ${expectedLoss}`);
  const grads = load_file(path.join(training, "grads_step1.safetensors"));
  let total = 0;
  for (const [name, param] of model.named_parameters()) {
    const expected = grads[name];
    assert.ok(expected, `no reference gradient for ${name}`);
    const g = param.grad!;
    assert.ok(g, `no gradient for ${name}`);
    const ref = expected.data as Float32Array;
    let max = 0;
    for (const v of ref) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < ref.length; i++) {
      // The key bias's true gradient is zero (softmax ignores a shift shared by all keys): both sides are rounding noise, hence the absolute floor.
      const tol = 1e-5 * max + 1e-4 * Math.abs(ref[i]) + 1e-7;
      if (!(Math.abs(g[i] - ref[i]) <= tol)) assert.fail(`${name}[${i}]: ${g[i]} vs ${ref[i]}`);
      total += g[i] * g[i];
    }
  }
  const norm = Math.sqrt(total);
  assert.ok(Math.abs(norm - log.first_backward.global_grad_norm_l2) <= 1e-4 * log.first_backward.global_grad_norm_l2);
});

test("every head trains: forward_backward in train mode (dropout on) gives a loss and gradients", async () => {
  const { GPT2LMHeadModel, GPT2Config, BertForMaskedLM, BertConfig, DistilBertForSequenceClassification, DistilBertConfig, BertForQuestionAnswering, manual_seed } = await import("../../src");
  manual_seed(0);
  const gpt2 = new GPT2LMHeadModel(new GPT2Config({ vocab_size: 50, n_embd: 16, n_layer: 1, n_head: 2, n_positions: 16 }));
  const lm = await gpt2.forward_backward({ input_ids: [[1, 2, 3, 4]], labels: [[1, 2, 3, 4]] });
  assert.ok(lm.loss!.item() > 0);
  assert.ok(gpt2.transformer.wte.weight.grad!.some((g) => g !== 0));
  const small = { vocab_size: 50, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 16 };
  const mlm = new BertForMaskedLM(new BertConfig(small));
  const m = await mlm.forward_backward({ input_ids: [[2, 7, 4, 3]], labels: [[-100, 9, -100, -100]] });
  assert.ok(m.loss!.item() > 0);
  assert.ok(mlm.cls.predictions.bias.grad!.some((g) => g !== 0));
  const qa = new BertForQuestionAnswering(new BertConfig(small));
  const q = await qa.forward_backward({ input_ids: [[2, 7, 4, 3]], start_positions: [1], end_positions: [2] });
  assert.ok(q.loss!.item() > 0);
  const distil = new DistilBertForSequenceClassification(new DistilBertConfig({ vocab_size: 50, dim: 16, n_layers: 1, n_heads: 2, hidden_dim: 32, max_position_embeddings: 16 }));
  const d = await distil.forward_backward({ input_ids: [[2, 7, 4, 3]], labels: [1] });
  assert.ok(d.loss!.item() > 0);
  assert.ok(distil.classifier.weight.grad!.some((g) => g !== 0));
});
