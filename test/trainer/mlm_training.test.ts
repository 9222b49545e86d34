// Masked-language-model training through the Trainer: Brown sentences, a tokenizer trained on them,
// DataCollatorForLanguageModeling's seeded masks, and an exact resume (the masking generator's
// state travels in the checkpoint).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { DataCollatorForLanguageModeling } from "../../src/data";
import { load_dataset, type Dataset } from "../../src/datasets";
import { BertForMaskedLM } from "../../src/models";
import { AutoTokenizer } from "../../src/tokenization";
import { Trainer, TrainingArguments } from "../../src/trainer";
import { hfReference, scratchDir } from "../helpers/paths";

test("a BERT MLM trains on Brown sentences and resumes with the same masks", { timeout: 120_000 }, async () => {
  const brown = (load_dataset("brown", { split: "train" }) as Dataset).select(Array.from({ length: 320 }, (_, i) => i * 150));
  const base = await AutoTokenizer.from_pretrained(path.join(hfReference, "tokenizers", "assets", "bert-base-uncased"));
  const tokenizer = (base as any).train_new_from_iterator(brown.column("text"), 1000);
  const data = brown.map((b) => tokenizer(b.text, { truncation: true, max_length: 32 }), { batched: true, remove_columns: brown.column_names });
  const modelDir = path.join(hfReference, "models", "bert-mlm");
  const dir = scratchDir("trainer-mlm");
  const args = new TrainingArguments({ output_dir: dir, per_device_train_batch_size: 16, max_steps: 30, learning_rate: 2e-3, logging_steps: 5, save_steps: 10, disable_tqdm: true, seed: 3 });
  const run = async (resume?: string) => {
    const trainer = new Trainer({ model: await BertForMaskedLM.from_pretrained(modelDir), args, train_dataset: data, tokenizer, data_collator: new DataCollatorForLanguageModeling({ tokenizer, mlm_probability: 0.15 }) });
    await trainer.train({ resume_from_checkpoint: resume });
    return trainer.state.log_history.filter((e) => "loss" in e);
  };
  const full = await run();
  assert.equal(full.length, 6);
  assert.ok(full.every((e) => Number.isFinite(e.loss)));
  assert.ok(full[5].loss < full[0].loss - 0.5, `the MLM loss falls: ${full[0].loss} → ${full[5].loss}`);
  const resumed = await run(path.join(dir, "checkpoint-10"));
  assert.deepEqual(resumed, full);
});
