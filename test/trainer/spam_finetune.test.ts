// Fine-tunes a small BERT on the bundled SpamAssassin e-mails end to end (tokenizer trained on the
// data, Dataset.map, DataCollatorWithPadding, Trainer with evaluation, checkpoints and dropout),
// then checks that stopping at a checkpoint and resuming reproduces the uninterrupted run exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { load_dataset, type Dataset } from "../../src/datasets";
import { BertConfig, BertForSequenceClassification } from "../../src/models";
import { AutoTokenizer } from "../../src/tokenization";
import { EvalPrediction, Trainer, TrainerCallback, TrainingArguments } from "../../src/trainer";
import { manual_seed } from "../../src/utils/random";
import { hfReference, scratchDir } from "../helpers/paths";

const MAX_LENGTH = 64;

function accuracy(p: EvalPrediction): Record<string, number> {
  const preds = (p.predictions as number[][]).map((row) => (row[1] > row[0] ? 1 : 0));
  const labels = p.label_ids as number[];
  return { accuracy: preds.filter((v, i) => v === labels[i]).length / labels.length };
}

async function prepare() {
  const dd = load_dataset("spam_assassin");
  const pick = (ds: Dataset, n: number, stride: number) => ds.select(Array.from({ length: n }, (_, i) => i * stride));
  const withText = (ds: Dataset) => ds.map((r) => ({ text: `${r.subject}\n${r.text.slice(0, 600)}` }));
  const train = withText(pick(dd.train, 600, 8));
  const test = withText(pick(dd.test, 300, 4));
  const base = await AutoTokenizer.from_pretrained(path.join(hfReference, "tokenizers", "assets", "bert-base-uncased"));
  const tokenizer = (base as any).train_new_from_iterator(train.column("text"), 2000);
  const encode = (ds: Dataset) => ds.map((b) => tokenizer(b.text, { truncation: true, max_length: MAX_LENGTH }), { batched: true, remove_columns: ["text", "subject", "group"] });
  return { tokenizer, train: encode(train), test: encode(test) };
}

function newModel(seed: number, vocab_size: number) {
  manual_seed(seed);
  const config = new BertConfig({ vocab_size, hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 128, max_position_embeddings: MAX_LENGTH, num_labels: 2 });
  return new BertForSequenceClassification(config);
}

const withoutTimings = (history: Record<string, number>[]) =>
  history.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !/_(runtime|per_second)$/.test(k))));

class StopAt extends TrainerCallback {
  constructor(private readonly step: number) {
    super();
  }
  override on_step_end = (_a: unknown, state: { global_step: number }, control: { should_training_stop: boolean }) => {
    if (state.global_step === this.step) control.should_training_stop = true;
  };
}

test("a small BERT learns spam vs ham, and a resumed run equals an uninterrupted one", { timeout: 180_000 }, async () => {
  const { tokenizer, train, test: evalSet } = await prepare();
  const out = scratchDir("trainer-spam");
  const args = (dir: string) =>
    new TrainingArguments({
      output_dir: dir,
      per_device_train_batch_size: 16,
      per_device_eval_batch_size: 100,
      num_train_epochs: 2,
      learning_rate: 3e-3,
      weight_decay: 0.01,
      warmup_ratio: 0.1,
      logging_steps: 10,
      eval_strategy: "epoch",
      save_strategy: "steps",
      save_steps: 30,
      seed: 7,
      disable_tqdm: true,
    });

  // 1. Uninterrupted run.
  const full = new Trainer({ model: newModel(0, tokenizer.vocab_size), args: args(path.join(out, "full")), train_dataset: train, eval_dataset: evalSet, tokenizer, compute_metrics: accuracy });
  const result = await full.train();
  assert.equal(result.global_step, 76);
  const fullHistory = withoutTimings(full.state.log_history);
  const evals = full.state.log_history.filter((e) => "eval_loss" in e);
  const metrics = await full.evaluate();
  const majority = Math.max(...[0, 1].map((c) => evalSet.column("label").filter((l: number) => l === c).length)) / evalSet.num_rows;
  assert.ok(metrics.eval_accuracy >= majority + 0.1, `accuracy ${metrics.eval_accuracy} vs majority-class ${majority}`);
  assert.ok(metrics.eval_loss < 0.45, `eval_loss ${metrics.eval_loss}`);
  assert.equal(evals.length, 2);
  assert.deepEqual(Object.keys(evals[0]), ["eval_loss", "eval_accuracy", "eval_runtime", "eval_samples_per_second", "eval_steps_per_second", "epoch", "step"]);
  assert.deepEqual(fs.readdirSync(path.join(out, "full")).filter((f) => f.startsWith("checkpoint-")).sort(), ["checkpoint-30", "checkpoint-60"]);
  const ckpt = path.join(out, "full", "checkpoint-30");
  for (const f of ["config.json", "model.safetensors", "trainer_state.json", "optimizer.json", "optimizer.safetensors", "scheduler.json", "rng_state.json", "training_args.json", "tokenizer.json"]) {
    assert.ok(fs.existsSync(path.join(ckpt, f)), `checkpoint has ${f}`);
  }
  const saved = JSON.parse(fs.readFileSync(path.join(ckpt, "trainer_state.json"), "utf8"));
  assert.equal(saved.global_step, 30);
  assert.deepEqual(Object.keys(saved), [...Object.keys(saved)].sort());

  // 2. A run stopped (mid-epoch) right after the checkpoint at step 30 …
  const stopped = new Trainer({ model: newModel(0, tokenizer.vocab_size), args: args(path.join(out, "stopped")), train_dataset: train, eval_dataset: evalSet, tokenizer, compute_metrics: accuracy, callbacks: [new StopAt(30)] });
  await stopped.train();
  assert.equal(stopped.state.global_step, 30);

  // 3. … resumed in a fresh Trainer whose model starts from other weights: the checkpoint restores everything.
  const resumed = new Trainer({ model: newModel(99, tokenizer.vocab_size), args: args(path.join(out, "stopped")), train_dataset: train, eval_dataset: evalSet, tokenizer, compute_metrics: accuracy });
  await resumed.train({ resume_from_checkpoint: true });
  assert.deepEqual(withoutTimings(resumed.state.log_history), fullHistory);
  const a = full.model.named_parameters() as [string, { data: Float32Array }][];
  const b = resumed.model.named_parameters() as [string, { data: Float32Array }][];
  a.forEach(([name, p], i) => assert.deepEqual(b[i][1].data, p.data, `weights of ${name} are identical`));
});
