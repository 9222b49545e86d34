// Replays the Hugging Face reference training runs (transformers 4.29.2 + torch 1.13) through the
// Trainer: same initial weights, data, batch order and hyper-parameters → same losses, learning
// rates, gradient norms and final weights. Every run folder under training/ is replayed, so runs
// added to the fixture set (other settings) are checked too.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "../../src/datasets";
import { load_file } from "../../src/modeling/safetensors";
import { loadModelNamed } from "../models/reference";
import { Trainer, TrainingArguments } from "../../src/trainer";
import { scratchDir } from "../helpers/paths";
import { isKeyBias, scheduleType, trainingDir, trainingRuns as runs } from "../helpers/training_runs";

function rows(t: { shape: number[]; data: number[] }): number[][] {
  const [n, m] = t.shape;
  return Array.from({ length: n }, (_, i) => t.data.slice(i * m, (i + 1) * m));
}

function relClose(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

test("the reference fixtures hold a training run", () => assert.ok(runs.length > 0, `no training/<run>/training_log.json under ${trainingDir}`));

for (const run of runs) {
  test(`${run}: the reference fine-tuning run replays step for step`, { timeout: 120_000 }, async () => {
    const runDir = path.join(trainingDir, run);
    const log = JSON.parse(fs.readFileSync(path.join(runDir, "training_log.json"), "utf8"));
    const spec = log.spec;
    const model = await loadModelNamed(spec.model_class, path.join(runDir, "initial"));
    const columns: Record<string, unknown[]> = {
      input_ids: rows(log.dataset.input_ids),
      attention_mask: rows(log.dataset.attention_mask),
      labels: log.dataset.labels.data,
    };
    if (log.dataset.token_type_ids) columns.token_type_ids = rows(log.dataset.token_type_ids);
    const train_dataset = Dataset.from_dict(columns);
    const totalSteps = spec.scheduler.num_training_steps;
    const stepsPerEpoch = Math.ceil(spec.num_examples / spec.batch_size);
    const schedule = scheduleType(spec.scheduler.fn);
    const args = new TrainingArguments({
      output_dir: scratchDir("trainer-replay"),
      per_device_train_batch_size: spec.batch_size,
      per_device_eval_batch_size: spec.batch_size,
      max_steps: totalSteps,
      learning_rate: spec.optimizer.lr,
      weight_decay: spec.optimizer.weight_decay,
      adam_beta1: spec.optimizer.betas[0],
      adam_beta2: spec.optimizer.betas[1],
      adam_epsilon: spec.optimizer.eps,
      max_grad_norm: spec.max_grad_norm,
      lr_scheduler_type: schedule,
      warmup_steps: spec.scheduler.num_warmup_steps ?? 0,
      logging_steps: 1,
      save_strategy: "no",
      train_sampling_strategy: "sequential",
      disable_tqdm: true,
    });
    const trainer = new Trainer({ model, args, train_dataset });
    const result = await trainer.train();
    assert.equal(result.global_step, totalSteps);

    const stepLogs = trainer.state.log_history.filter((e) => "loss" in e);
    assert.equal(stepLogs.length, log.steps.length);
    log.steps.forEach((ref: any, i: number) => {
      const got = stepLogs[i];
      assert.equal(got.step, ref.step);
      relClose(got.loss, ref.loss, 1e-4, `loss at step ${ref.step}`);
      assert.ok(Math.abs(got.learning_rate - ref.lr_after_scheduler_step) <= 1e-12, `learning_rate at step ${ref.step}: ${got.learning_rate} vs ${ref.lr_after_scheduler_step}`);
      relClose(got.grad_norm, ref.grad_norm_before_clip, 1e-4, `grad_norm at step ${ref.step}`);
    });
    assert.deepEqual(Object.keys(stepLogs[0]), ["loss", "grad_norm", "learning_rate", "epoch", "step"]);
    if (totalSteps >= stepsPerEpoch) assert.equal(stepLogs[stepsPerEpoch - 1].epoch, 1);
    assert.equal(stepLogs[0].epoch, Math.round((1 / stepsPerEpoch) * 100) / 100);
    const summary = trainer.state.log_history[trainer.state.log_history.length - 1];
    assert.deepEqual(Object.keys(summary).sort(), ["epoch", "step", "total_flos", "train_loss", "train_runtime", "train_samples_per_second", "train_steps_per_second"]);
    relClose(summary.train_loss, log.steps.reduce((s: number, r: any) => s + r.loss, 0) / totalSteps, 1e-4, "train_loss");

    // Final weights. The attention key biases are the exception: their true gradient is exactly zero
    // (softmax ignores a constant added to every score of a row), so PyTorch's and our gradients are
    // both float32 rounding noise (~1e-9, with different signs), which Adam's normalisation turns into
    // updates of up to ~lr per step. PyTorch itself moved them by up to 3.2e-4 from their initial values.
    const expected = load_file(path.join(runDir, "final", "model.safetensors"));
    let worst = 0;
    let worstKeyBias = 0;
    for (const [name, p] of trainer.model.named_parameters() as [string, any][]) {
      const ref = expected[name];
      assert.ok(ref, `reference has ${name}`);
      const r = ref.data as Float32Array;
      let w = 0;
      for (let i = 0; i < r.length; i++) w = Math.max(w, Math.abs(p.data[i] - r[i]));
      if (isKeyBias(name)) worstKeyBias = Math.max(worstKeyBias, w);
      else worst = Math.max(worst, w);
    }
    assert.ok(worst <= 1e-4, `final weights differ by up to ${worst}`);
    assert.ok(worstKeyBias <= 2e-3, `attention key biases differ by up to ${worstKeyBias}`);

    // Final evaluation (eval mode, all 32 examples).
    const prediction = await trainer.predict(train_dataset);
    const logits = (prediction.predictions as number[][]).flat();
    const refLogits = log.final_eval.logits_all_examples.data as number[];
    logits.forEach((v, i) => assert.ok(Math.abs(v - refLogits[i]) <= 1e-4 + 1e-4 * Math.abs(refLogits[i]), `logit ${i}: ${v} vs ${refLogits[i]}`));
    relClose(prediction.metrics.test_loss, log.final_eval.mean_loss_all_examples.data[0], 1e-4, "final eval loss");
  });
}
