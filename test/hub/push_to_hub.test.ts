// Uploading is not available yet: every way of asking for it raises PushToHubUnavailableError (a
// HubError) instead of being accepted and silently skipped.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, BertConfig, BertForSequenceClassification, Dataset, HubError, PushToHubUnavailableError, Trainer, TrainingArguments } from "../../src";
import { scratchDir } from "../helpers/paths";

const isUnavailable = (e: unknown) => e instanceof PushToHubUnavailableError && e instanceof HubError && /save_pretrained/.test((e as Error).message);

const tinyModel = () => new BertForSequenceClassification(new BertConfig({ vocab_size: 40, hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16, num_labels: 2 }));

test("TrainingArguments({ push_to_hub: true }) raises PushToHubUnavailableError; false is accepted", () => {
  const dir = scratchDir("push-to-hub-args");
  assert.throws(() => new TrainingArguments({ output_dir: dir, push_to_hub: true }), isUnavailable);
  assert.equal(new TrainingArguments({ output_dir: dir, push_to_hub: false }).push_to_hub, false);
});

test("model, tokenizer and Trainer push_to_hub raise PushToHubUnavailableError and write nothing", async () => {
  const dir = scratchDir("push-to-hub-calls");
  const model = tinyModel();
  await assert.rejects(model.push_to_hub("me/tiny"), isUnavailable);
  await assert.rejects(model.save_pretrained(path.join(dir, "saved"), { push_to_hub: true }), isUnavailable);
  assert.equal(fs.existsSync(path.join(dir, "saved")), false);
  const tokenizer = await AutoTokenizer.from_pretrained("transformers-lab/bert-base-uncased");
  await assert.rejects(tokenizer.push_to_hub("me/tiny"), isUnavailable);
  const train_dataset = Dataset.from_dict({ input_ids: [[1, 5, 2]], labels: [1] });
  const trainer = new Trainer({ model, args: new TrainingArguments({ output_dir: path.join(dir, "out") }), train_dataset });
  await assert.rejects(trainer.push_to_hub(), isUnavailable);
});
