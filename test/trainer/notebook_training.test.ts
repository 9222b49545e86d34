// End to end in a real notebook run: nbclient executes a training cell on our kernel; the cell's
// output is ONE display (progress bar, metrics and loss chart) that the Trainer updated in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { privateJupyter, jupyterClient } from "../kernel/jupyter";
import { hfReference } from "../helpers/paths";
import { PYTHON } from "../helpers/system";

const component = jupyterClient("nbclient", "python3-nbclient python3-nbconvert");
const text = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v));

test("training in a notebook shows one live output: progress, metrics and the loss chart", { skip: component.skip, timeout: 180_000 }, () => {
  const { dir, env } = privateJupyter("trainer-notebook");
  const runDir = path.join(hfReference, "training", "bert-seqcls-train");
  const cell = (source: string) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "transformers-lab", display_name: "Transformers Lab", language: "typescript" } },
    cells: [
      cell(`const log = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(path.join(runDir, "training_log.json"))}, "utf8"));
const rows = (t: any) => Array.from({ length: t.shape[0] }, (_, i) => t.data.slice(i * t.shape[1], (i + 1) * t.shape[1]));
const train_dataset = Dataset.from_dict({ input_ids: rows(log.dataset.input_ids), attention_mask: rows(log.dataset.attention_mask), label: log.dataset.labels.data });
const model = await BertForSequenceClassification.from_pretrained(${JSON.stringify(path.join(runDir, "initial"))});
const trainer = new Trainer({ model, args: new TrainingArguments({ output_dir: "out", num_train_epochs: 3, learning_rate: 5e-4, logging_steps: 2, eval_strategy: "epoch", save_strategy: "no" }), train_dataset, eval_dataset: train_dataset });`),
      cell(`await trainer.train();
trainer.state.global_step`),
    ],
  };
  const input = path.join(dir, "train.ipynb");
  fs.writeFileSync(input, JSON.stringify(notebook));
  const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=150", "--output", "executed.ipynb", input], { env, cwd: dir, encoding: "utf8", timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const nb = JSON.parse(fs.readFileSync(path.join(dir, "executed.ipynb"), "utf8"));
  const outputs = nb.cells[1].outputs as { output_type: string; data?: Record<string, unknown>; text?: unknown }[];
  const displays = outputs.filter((o) => o.output_type === "display_data");
  assert.equal(displays.length, 1, `one live output (got ${outputs.map((o) => o.output_type).join(", ")})`);
  assert.match(text(displays[0].data?.["text/plain"]), /^Done: step 12\/12, epoch 3/);
  const html = text(displays[0].data?.["text/html"]);
  assert.match(html, /<progress value="12" max="12"/);
  assert.match(html, /"name":"training loss"/);
  assert.match(html, /"name":"eval_loss"/);
  assert.ok(!outputs.some((o) => o.output_type === "stream" && /\[step \d+/.test(text(o.text))), "no text progress lines inside a notebook");
  const result = outputs.find((o) => o.output_type === "execute_result");
  assert.equal(text(result?.data?.["text/plain"]), "12");
});
