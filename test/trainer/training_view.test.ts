// What a training run shows in a notebook: one output (a display_data with a display_id) that is
// then updated in place with the progress bar, the latest metrics and the live loss chart.
// The kernel reaches SDK displays through its bridge; here the bridge records the messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "../../src/datasets";
import { installKernelBridge, type DisplayContent } from "../../src/display/kernel-bridge";
import { BertForSequenceClassification } from "../../src/models";
import { ProgressCallback, Trainer, TrainingArguments } from "../../src/trainer";
import { hfReference, scratchDir } from "../helpers/paths";

const runDir = path.join(hfReference, "training", "bert-seqcls-train");
const log = JSON.parse(fs.readFileSync(path.join(runDir, "training_log.json"), "utf8"));
const rows = (t: { shape: number[]; data: number[] }) => Array.from({ length: t.shape[0] }, (_, i) => t.data.slice(i * t.shape[1], (i + 1) * t.shape[1]));

test("in a notebook, training shows one output updated in place with progress, metrics and a loss chart", { timeout: 60_000 }, async () => {
  const sent: { content: DisplayContent; update: boolean }[] = [];
  const printed: string[] = [];
  const stream = { write: (text: string) => printed.push(text) };
  installKernelBridge({ publishDisplay: (content, update) => sent.push({ content, update }), clearOutput: () => {} });
  try {
    const model = await BertForSequenceClassification.from_pretrained(path.join(runDir, "initial"));
    const ds = Dataset.from_dict({ input_ids: rows(log.dataset.input_ids), attention_mask: rows(log.dataset.attention_mask), label: log.dataset.labels.data });
    const args = new TrainingArguments({ output_dir: scratchDir("trainer-view"), per_device_train_batch_size: 8, num_train_epochs: 3, learning_rate: 5e-4, logging_steps: 2, eval_strategy: "epoch", save_strategy: "no", disable_tqdm: true });
    await new Trainer({ model, args, train_dataset: ds, eval_dataset: ds, callbacks: [new ProgressCallback({ stream })] }).train();
  } finally {
    installKernelBridge(undefined);
  }
  assert.deepEqual(printed, [], "nothing is printed as text inside a notebook");
  assert.ok(sent.length >= 2, `one display and its updates (${sent.length} messages)`);
  assert.equal(sent[0].update, false);
  const id = sent[0].content.transient.display_id;
  assert.ok(id);
  assert.ok(sent.slice(1).every((m) => m.update && m.content.transient.display_id === id), "every later message updates the same output");
  const last = sent[sent.length - 1].content.data;
  const html = String(last["text/html"]);
  assert.match(String(last["text/plain"]), /^Done: step 12\/12, epoch 3/);
  assert.match(html, /<progress value="12" max="12"/);
  assert.match(html, /"name":"training loss"/);
  assert.match(html, /"name":"eval_loss"/);
  assert.match(html, /<td>train_loss<\/td>/);
  assert.match(html, /if \(!window\.Plotly\)/, "the final state carries plotly.js so a saved notebook draws offline");
  const carries = sent.map((m) => /if \(!window\.Plotly\)/.test(String(m.content.data["text/html"])));
  assert.ok(carries[carries.length - 1], "the final state carries plotly.js");
  assert.ok(carries.slice(0, -1).filter(Boolean).length <= 1, "before that, only the first chart carried it");
});

test("outside a notebook, training prints one plain text line per log", { timeout: 60_000 }, async () => {
  const printed: string[] = [];
  const stream = { write: (text: string) => printed.push(text) };
  {
    const model = await BertForSequenceClassification.from_pretrained(path.join(runDir, "initial"));
    const ds = Dataset.from_dict({ input_ids: rows(log.dataset.input_ids), label: log.dataset.labels.data });
    const args = new TrainingArguments({ output_dir: scratchDir("trainer-text"), per_device_train_batch_size: 8, max_steps: 4, logging_steps: 2, save_strategy: "no", disable_tqdm: true });
    await new Trainer({ model, args, train_dataset: ds, callbacks: [new ProgressCallback({ stream })] }).train();
  }
  const lines = printed.join("").trim().split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^\[step 2\/4 \| epoch 0\.5\] loss=[\d.]+ grad_norm=[\d.]+ learning_rate=[\d.e-]+$/);
  assert.match(lines[2], /^\[step 4\/4 \| epoch 1\] train_runtime=/);
});
