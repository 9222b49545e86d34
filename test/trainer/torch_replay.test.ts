// A second, independent oracle for settings the reference fixture does not cover: the same tiny BERT
// fine-tuned by a plain PyTorch loop (Debian python3-torch, BERT written out in torch.nn) with a
// cosine schedule, warmup_ratio, gradient accumulation, a partial last batch, other Adam settings
// and a tighter clipping norm. The Trainer must follow it step for step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "../../src/datasets";
import { BertForSequenceClassification } from "../../src/models";
import { Trainer, TrainingArguments } from "../../src/trainer";
import { hfReference, repoRoot, scratchDir } from "../helpers/paths";
import { PYTHON, systemComponent } from "../helpers/system";

const torch = systemComponent("PyTorch (Debian python3-torch)", [PYTHON, "-c", "import torch"], "apt-get install python3-torch");
const runDir = path.join(hfReference, "training", "bert-seqcls-train");
const log = JSON.parse(fs.readFileSync(path.join(runDir, "training_log.json"), "utf8"));
const rows = (t: { shape: number[]; data: number[] }) => Array.from({ length: t.shape[0] }, (_, i) => t.data.slice(i * t.shape[1], (i + 1) * t.shape[1]));

const settings = {
  per_device_train_batch_size: 6, // 32 rows → 5 batches of 6 and one of 2
  gradient_accumulation_steps: 2, // → 3 updates per epoch
  num_train_epochs: 3,
  learning_rate: 1e-3,
  weight_decay: 0.1,
  adam_beta1: 0.85,
  adam_beta2: 0.99,
  adam_epsilon: 1e-6,
  max_grad_norm: 0.5,
  lr_scheduler_type: "cosine" as const,
  warmup_ratio: 0.2,
  warmup_steps: 0,
};

test("the Trainer follows a PyTorch loop with cosine warmup, accumulation and a partial batch", { timeout: 120_000, skip: torch.skip }, async () => {
  const dir = scratchDir("trainer-torch-replay");
  const data = {
    input_ids: rows(log.dataset.input_ids),
    attention_mask: rows(log.dataset.attention_mask),
    token_type_ids: rows(log.dataset.token_type_ids),
    labels: [...(log.dataset.labels.data as number[])],
  };
  const config = JSON.parse(fs.readFileSync(path.join(runDir, "initial", "config.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "spec.json"), JSON.stringify({ ...data, config: { ...config, num_labels: 2 }, args: settings }));
  const r = spawnSync(PYTHON, [path.join(repoRoot, "bench", "trainer_pytorch.py"), "replay", path.join(runDir, "initial", "model.safetensors"), path.join(dir, "spec.json"), path.join(dir, "torch.json")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const ref = JSON.parse(fs.readFileSync(path.join(dir, "torch.json"), "utf8")) as { steps: { loss: number; learning_rate: number; grad_norm: number }[]; weights: Record<string, number[]> };

  const model = await BertForSequenceClassification.from_pretrained(path.join(runDir, "initial"));
  const args = new TrainingArguments({ output_dir: dir, ...settings, logging_steps: 1, save_strategy: "no", train_sampling_strategy: "sequential", disable_tqdm: true });
  const trainer = new Trainer({ model, args, train_dataset: Dataset.from_dict(data) });
  await trainer.train();
  const steps = trainer.state.log_history.filter((e) => "loss" in e);
  assert.equal(steps.length, ref.steps.length);
  assert.equal(steps.length, 9);
  ref.steps.forEach((s, i) => {
    assert.ok(Math.abs(steps[i].loss - s.loss) <= 1e-4 * s.loss, `loss at step ${i + 1}: ${steps[i].loss} vs ${s.loss}`);
    assert.ok(Math.abs(steps[i].learning_rate - s.learning_rate) <= 1e-12, `learning_rate at step ${i + 1}: ${steps[i].learning_rate} vs ${s.learning_rate}`);
    assert.ok(Math.abs(steps[i].grad_norm - s.grad_norm) <= 1e-4 * s.grad_norm, `grad_norm at step ${i + 1}: ${steps[i].grad_norm} vs ${s.grad_norm}`);
  });
  // Final weights; attention key biases have a zero true gradient (see replay_fixture.test.ts) and are left out.
  let worst = 0;
  for (const [name, p] of trainer.model.named_parameters() as [string, { data: Float32Array }][]) {
    if (name.endsWith("attention.self.key.bias")) continue;
    const w = ref.weights[name];
    assert.ok(w, `PyTorch has ${name}`);
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(p.data[i] - w[i]));
  }
  assert.ok(worst <= 1e-4, `final weights differ by up to ${worst}`);
});
