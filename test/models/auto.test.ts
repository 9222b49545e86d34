import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  AutoConfig,
  AutoModel,
  AutoModelForCausalLM,
  AutoModelForMaskedLM,
  AutoModelForQuestionAnswering,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  BertConfig,
  BertForQuestionAnswering,
  BertForTokenClassification,
  BertModel,
  DistilBertForSequenceClassification,
  GPT2LMHeadModel,
  GPT2Model,
  manual_seed,
} from "../../src";
import { assertClose, modelsDir, reference, referenceInputs } from "./reference";

test("AutoModel classes pick the class from config.json's model_type", async () => {
  assert.ok((await AutoModel.from_pretrained(path.join(modelsDir, "bert-model"))) instanceof BertModel);
  assert.ok((await AutoModel.from_pretrained(path.join(modelsDir, "gpt2-lmhead"))) instanceof GPT2Model);
  const seqcls = await AutoModelForSequenceClassification.from_pretrained(path.join(modelsDir, "distilbert-seqcls-2"));
  assert.ok(seqcls instanceof DistilBertForSequenceClassification);
  const ref = reference("distilbert-seqcls-2");
  assertClose((await seqcls(referenceInputs(ref))).logits, ref.outputs.logits, "logits via AutoModelForSequenceClassification");
  const lm = await AutoModelForCausalLM.from_pretrained(path.join(modelsDir, "gpt2-lmhead"));
  assert.ok(lm instanceof GPT2LMHeadModel);
  const generated = await lm.generate([[11, 22, 33, 44]], { max_new_tokens: 3, pad_token_id: 0 });
  assert.deepEqual(generated.tolist(), [[11, 22, 33, 44, 418, 368, 368]]);
  const mlm = await AutoModelForMaskedLM.from_pretrained(path.join(modelsDir, "bert-mlm"));
  assertClose((await mlm(referenceInputs(reference("bert-mlm")))).logits, reference("bert-mlm").outputs.logits, "mlm logits");
});

test("options such as num_labels reach the config; unsupported pairs list the supported types", async () => {
  const model = await AutoModelForSequenceClassification.from_pretrained(path.join(modelsDir, "bert-model"), { num_labels: 5 });
  assert.equal(model.config.num_labels, 5);
  await assert.rejects(AutoModelForMaskedLM.from_pretrained(path.join(modelsDir, "gpt2-lmhead")), (e: Error) => /AutoModelForMaskedLM/.test(e.message) && /bert, distilbert/.test(e.message));
});

test("from_config builds fresh models; token classification and QA heads compute losses", async () => {
  manual_seed(0);
  const without = (c: BertConfig) => {
    const d = c.to_dict();
    delete d.id2label;
    delete d.label2id;
    return d;
  };
  const config = new BertConfig({ vocab_size: 30, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 16, num_labels: 3 });
  const tokens = AutoModelForTokenClassification.from_config(config);
  assert.ok(tokens instanceof BertForTokenClassification);
  tokens.eval();
  const out = await tokens({ input_ids: [[2, 5, 6, 3]], labels: [[-100, 1, 2, -100]] });
  assert.deepEqual(out.logits.shape, [1, 4, 3]);
  assert.ok(out.loss!.item() > 0);
  const qa = AutoModelForQuestionAnswering.from_config(new BertConfig({ ...without(config), num_labels: 2 }));
  assert.ok(qa instanceof BertForQuestionAnswering);
  qa.eval();
  const answer = await qa({ input_ids: [[2, 5, 6, 3], [2, 7, 8, 3]], start_positions: [1, 2], end_positions: [2, 2] });
  assert.deepEqual(answer.start_logits.shape, [2, 4]);
  assert.deepEqual(answer.end_logits.shape, [2, 4]);
  assert.ok(answer.loss!.item() > 0);
  // Fresh weights follow the Hub's scheme: LayerNorm 1/0, biases 0, weights N(0, 0.02).
  const w = Array.from(tokens.bert.encoder.layer.get(0).attention.self.query.weight.data);
  const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
  assert.ok(std > 0.015 && std < 0.025, `std ${std}`);
  assert.ok(tokens.bert.encoder.layer.get(0).attention.self.query.bias!.data.every((v) => v === 0));
  const cfg = await AutoConfig.from_pretrained(path.join(modelsDir, "gpt2-lmhead"));
  assert.ok(AutoModelForCausalLM.from_config(cfg) instanceof GPT2LMHeadModel);
});

test("sequence classification follows problem_type: regression and multi-label", async () => {
  const small = { vocab_size: 30, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 16 };
  const config = new BertConfig({ ...small, num_labels: 1 });
  const regression = AutoModelForSequenceClassification.from_config(config);
  regression.eval();
  const r = await regression({ input_ids: [[2, 5, 3], [2, 6, 3]], labels: [0.5, -1.5] });
  const logits = Array.from(r.logits.data as Float32Array);
  const mse = ((logits[0] - 0.5) ** 2 + (logits[1] + 1.5) ** 2) / 2;
  assert.ok(Math.abs(r.loss!.item() - mse) < 1e-5);
  assert.equal(regression.config.problem_type, "regression");
  const multi = AutoModelForSequenceClassification.from_config(new BertConfig({ ...small, num_labels: 3, problem_type: "multi_label_classification" }));
  multi.eval();
  const m = await multi({ input_ids: [[2, 5, 3]], labels: [[1, 0, 1]] });
  const x = Array.from(m.logits.data as Float32Array);
  const y = [1, 0, 1];
  const bce = x.reduce((s, v, i) => s + (Math.max(v, 0) - v * y[i] + Math.log(1 + Math.exp(-Math.abs(v)))), 0) / 3;
  assert.ok(Math.abs(m.loss!.item() - bce) < 1e-5);
});

test("tokenizer output goes straight into a model; dropout only in train mode; a missing config field is named", async () => {
  const { AutoTokenizer } = await import("../../src");
  const { hfReference } = await import("../helpers/paths");
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(hfReference, "tokenizers", "assets", "bert-base-uncased"));
  manual_seed(1);
  const model = AutoModelForSequenceClassification.from_config(new BertConfig({ hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 32, hidden_dropout_prob: 0.5 }));
  const inputs = tokenizer(["Hello world!", "A longer second sentence."], { padding: true, return_tensors: "pt" });
  const trainA = await model(inputs);
  const trainB = await model(inputs);
  assert.notDeepEqual(Array.from(trainA.logits.data as Float32Array), Array.from(trainB.logits.data as Float32Array));
  model.eval();
  const evalA = await model(inputs);
  const evalB = await model({ input_ids: inputs.input_ids, attention_mask: inputs.attention_mask, token_type_ids: inputs.token_type_ids });
  assert.deepEqual(Array.from(evalA.logits.data as Float32Array), Array.from(evalB.logits.data as Float32Array));
  const broken = new BertConfig({ hidden_size: 16, num_attention_heads: 2 });
  broken.vocab_size = undefined as unknown as number;
  assert.throws(() => new BertModel(broken), (e: Error) => e.name === "ConfigError" && /"vocab_size"/.test(e.message));
});
