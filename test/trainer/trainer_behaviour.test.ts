// The Trainer's bookkeeping and failure modes, on the tiny reference BERT (fast to train):
// gradient accumulation against the PyTorch reference, callbacks, early stopping, checkpoint
// rotation, best-model reloading, NaN losses, interrupts, bad data and unwritable output folders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Dataset } from "../../src/datasets";
import { load_file } from "../../src/modeling/safetensors";
import { BertForSequenceClassification } from "../../src/models";
import { AutoTokenizer } from "../../src/tokenization";
import {
  EarlyStoppingCallback,
  Trainer,
  TrainerCallback,
  TrainingArguments,
  TrainingError,
  type TrainingArgumentsInit,
} from "../../src/trainer";
import { KeyboardInterrupt, requestInterrupt, resetInterrupt } from "../../src/utils/cancellation";
import { hfReference, repoRoot, scratchDir } from "../helpers/paths";

const runDir = path.join(hfReference, "training", "bert-seqcls-train");
const log = JSON.parse(fs.readFileSync(path.join(runDir, "training_log.json"), "utf8"));
const rows = (t: { shape: number[]; data: number[] }) => Array.from({ length: t.shape[0] }, (_, i) => t.data.slice(i * t.shape[1], (i + 1) * t.shape[1]));
const columns = () => ({
  input_ids: rows(log.dataset.input_ids),
  attention_mask: rows(log.dataset.attention_mask),
  token_type_ids: rows(log.dataset.token_type_ids),
  label: [...(log.dataset.labels.data as number[])],
});
const dataset = () => Dataset.from_dict(columns());
const model = () => BertForSequenceClassification.from_pretrained(path.join(runDir, "initial"));

function args(name: string, extra: Partial<TrainingArgumentsInit> = {}): TrainingArguments {
  return new TrainingArguments({
    output_dir: extra.output_dir ?? scratchDir(`trainer-${name}`),
    per_device_train_batch_size: 8,
    num_train_epochs: 3,
    learning_rate: 5e-4,
    weight_decay: 0.01,
    warmup_steps: 2,
    logging_steps: 1,
    save_strategy: "no",
    train_sampling_strategy: "sequential",
    disable_tqdm: true,
    ...extra,
  });
}

test("gradient accumulation (4 × 2) reproduces the reference run of batch 8", { timeout: 60_000 }, async () => {
  const trainer = new Trainer({ model: await model(), args: args("accumulation", { per_device_train_batch_size: 4, gradient_accumulation_steps: 2 }), train_dataset: dataset() });
  await trainer.train();
  const steps = trainer.state.log_history.filter((e) => "loss" in e);
  assert.equal(steps.length, 12);
  log.steps.forEach((ref: any, i: number) => {
    assert.ok(Math.abs(steps[i].loss - ref.loss) <= 1e-4 * ref.loss, `loss at step ${i + 1}: ${steps[i].loss} vs ${ref.loss}`);
    assert.ok(Math.abs(steps[i].learning_rate - ref.lr_after_scheduler_step) <= 1e-12);
    assert.ok(Math.abs(steps[i].grad_norm - ref.grad_norm_before_clip) <= 1e-4 * ref.grad_norm_before_clip, `grad_norm at step ${i + 1}`);
  });
});

test("callbacks see the events in order and can stop training; logging_steps groups losses", { timeout: 60_000 }, async () => {
  const events: string[] = [];
  class Recorder extends TrainerCallback {}
  const recorder = new Recorder();
  for (const e of ["on_train_begin", "on_epoch_begin", "on_step_begin", "on_step_end", "on_log", "on_epoch_end", "on_train_end"] as const) {
    (recorder as any)[e] = (_a: unknown, state: any, control: any) => {
      events.push(e);
      if (e === "on_step_end" && state.global_step === 6) control.should_training_stop = true;
    };
  }
  const trainer = new Trainer({ model: await model(), args: args("callbacks", { logging_steps: 4 }), train_dataset: dataset(), callbacks: [recorder] });
  const out = await trainer.train();
  assert.equal(out.global_step, 6);
  assert.equal(events[0], "on_train_begin");
  assert.equal(events.at(-1), "on_train_end");
  assert.equal(events.filter((e) => e === "on_step_end").length, 6);
  assert.equal(events.filter((e) => e === "on_epoch_begin").length, 2);
  const losses = trainer.state.log_history.filter((e) => "loss" in e);
  assert.deepEqual(losses.map((e) => e.step), [4]);
  const mean = log.steps.slice(0, 4).reduce((s: number, r: any) => s + r.loss, 0) / 4;
  assert.ok(Math.abs(losses[0].loss - mean) <= 1e-4 * mean, "a logged loss is the mean over the logging interval");
  assert.equal(losses[0].epoch, 1);
});

test("EarlyStoppingCallback stops when the metric stops improving", { timeout: 60_000 }, async () => {
  const trainer = new Trainer({
    model: await model(),
    args: args("early", { eval_strategy: "steps", eval_steps: 2, metric_for_best_model: "score", save_strategy: "steps", save_steps: 2, num_train_epochs: 10 }),
    train_dataset: dataset(),
    eval_dataset: dataset(),
    compute_metrics: () => ({ score: 1 }),
    callbacks: [new EarlyStoppingCallback({ early_stopping_patience: 2 })],
  });
  await trainer.train();
  const evals = trainer.state.log_history.filter((e) => "eval_score" in e);
  assert.equal(evals.length, 3, "first evaluation sets the best, two more without improvement stop the run");
  assert.equal(trainer.state.global_step, 6);
  assert.equal(trainer.state.best_metric, 1);
});

test("save_total_limit keeps the newest checkpoints and load_best_model_at_end restores the best", { timeout: 60_000 }, async () => {
  const dir = scratchDir("trainer-best");
  const trainer = new Trainer({
    model: await model(),
    args: args("best", { output_dir: dir, eval_strategy: "steps", eval_steps: 4, save_strategy: "steps", save_steps: 4, save_total_limit: 1, load_best_model_at_end: true }),
    train_dataset: dataset(),
    eval_dataset: dataset(),
  });
  await trainer.train();
  const evals = trainer.state.log_history.filter((e) => "eval_loss" in e);
  const best = evals.reduce((a, b) => (b.eval_loss < a.eval_loss ? b : a));
  assert.equal(trainer.state.best_model_checkpoint, path.join(dir, `checkpoint-${best.step}`));
  assert.equal(trainer.state.best_metric, best.eval_loss);
  const kept = fs.readdirSync(dir).filter((f) => f.startsWith("checkpoint-")).sort();
  const expected = best.step === 12 ? ["checkpoint-12"] : [`checkpoint-${best.step}`, "checkpoint-12"].sort();
  assert.deepEqual(kept, expected, "the best and the newest checkpoint survive a limit of 1");
  const bestWeights = load_file(path.join(trainer.state.best_model_checkpoint!, "model.safetensors"));
  for (const [name, p] of trainer.model.named_parameters() as [string, any][]) assert.deepEqual(p.data, bestWeights[name].data, `${name} comes from the best checkpoint`);
  assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith(".")).length, 0, "no temporary folders are left");
});

test("a NaN loss stops training with a clear message and leaves the weights as they were", { timeout: 60_000 }, async () => {
  const m = await model();
  const [, weight] = (m.named_parameters() as [string, any][]).find(([n]) => n === "classifier.weight")!;
  weight.data[0] = NaN;
  const before = new Map((m.named_parameters() as [string, any][]).map(([n, p]) => [n, Float32Array.from(p.data)]));
  const trainer = new Trainer({ model: m, args: args("nan"), train_dataset: dataset() });
  await assert.rejects(trainer.train(), (e: Error) => e instanceof TrainingError && /step 1: the loss is NaN/.test(e.message) && /learning_rate/.test(e.message));
  for (const [n, p] of m.named_parameters() as [string, any][]) assert.deepEqual(p.data, before.get(n), `${n} unchanged`);
});

test("an interrupt stops after the current step with the last checkpoint complete", { timeout: 60_000 }, async () => {
  const dir = scratchDir("trainer-interrupt");
  class InterruptAt extends TrainerCallback {
    override on_step_end = (_a: unknown, state: any) => {
      if (state.global_step === 5) requestInterrupt();
    };
  }
  const trainer = new Trainer({ model: await model(), args: args("interrupt", { output_dir: dir, save_strategy: "steps", save_steps: 4 }), train_dataset: dataset(), callbacks: [new InterruptAt()] });
  try {
    await assert.rejects(trainer.train(), (e: Error) => e instanceof KeyboardInterrupt && /after step 5 of 12/.test(e.message) && /checkpoint-4/.test(e.message));
  } finally {
    resetInterrupt();
  }
  assert.equal(trainer.state.global_step, 5);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes("checkpoint")), ["checkpoint-4"]);
  const state = JSON.parse(fs.readFileSync(path.join(dir, "checkpoint-4", "trainer_state.json"), "utf8"));
  assert.equal(state.global_step, 4);
  // The run continues from the checkpoint to the end with the reference losses.
  const resumed = new Trainer({ model: await model(), args: args("interrupt", { output_dir: dir, save_strategy: "steps", save_steps: 4 }), train_dataset: dataset() });
  await resumed.train({ resume_from_checkpoint: true });
  const losses = resumed.state.log_history.filter((e) => "loss" in e);
  assert.equal(losses.length, 12);
  assert.ok(Math.abs(losses[11].loss - log.steps[11].loss) <= 1e-4 * log.steps[11].loss);
});

test("bad input fails before training with a message that says what to do", { timeout: 60_000 }, async () => {
  const m = await model();
  const train = (train_dataset: Dataset, extra: Record<string, unknown> = {}) => new Trainer({ model: m, args: args("bad"), train_dataset, ...extra }).train();
  const bad = columns();
  bad.label[3] = 2;
  await assert.rejects(train(Dataset.from_dict(bad)), /Row 3 of the train_dataset has label = 2, but the model has num_labels = 2 \(valid labels 0..1\)/);
  await assert.rejects(train(dataset().select([])), /train_dataset is empty/);
  await assert.rejects(train(dataset().remove_columns("input_ids")), /no 'input_ids' column.*Tokenize/);
  await assert.rejects(train(dataset().remove_columns("label")), /no labels/);
  const outOfVocab = columns();
  outOfVocab.input_ids[5][2] = 4000;
  await assert.rejects(train(Dataset.from_dict(outOfVocab)), /Row 5 of the train_dataset has token id 4000, but the model's vocabulary has only 1000 ids/);
  const formatted = Dataset.from_dict(bad).with_format("pt");
  await assert.rejects(train(formatted), /Row 3 of the train_dataset has label = 2/, "checks also read datasets formatted as tensors");
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(hfReference, "tokenizers", "assets", "bert-base-uncased"));
  await assert.rejects(train(dataset(), { tokenizer }), /tokenizer has 30522 tokens but the model's vocabulary has 1000/);
  assert.throws(() => new Trainer({ model: {} as any }), /Trainer needs a model/);
  const file = path.join(scratchDir("trainer-notdir"), "a-file");
  fs.writeFileSync(file, "x");
  await assert.rejects(
    new Trainer({ model: m, args: args("x", { output_dir: path.join(file, "out"), save_strategy: "steps" }), train_dataset: dataset() }).train(),
    /Could not write to output_dir .*part of the path is a file/,
  );
});

/** A small filesystem mounted for one test (root only); null when mounting is not possible here. */
function mountTmpfs(dir: string, options: string): (() => void) | null {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    return null;
  }
  return () => execFileSync("umount", [dir], { stdio: "ignore" });
}

// A run that crashed may have left its mounts behind; unmount them before the folder is recreated.
for (const sub of ["probe", "full", "readonly"]) {
  try {
    execFileSync("umount", [path.join(repoRoot, "test-output", "trainer-mounts", sub)], { stdio: "ignore" });
  } catch {
    // nothing was mounted there
  }
}
const mountDir = scratchDir("trainer-mounts");
const canMount = (() => {
  const unmount = mountTmpfs(path.join(mountDir, "probe"), "size=16k");
  unmount?.();
  return unmount !== null;
})();
const mountSkip = canMount ? false : "needs permission to mount a small tmpfs (run as root)";

test("a full output_dir: the failing checkpoint leaves nothing half-written", { timeout: 60_000, skip: mountSkip }, async () => {
  const dir = path.join(mountDir, "full");
  const unmount = mountTmpfs(dir, "size=96k")!;
  try {
    const trainer = new Trainer({ model: await model(), args: args("full", { output_dir: dir, save_strategy: "steps", save_steps: 2 }), train_dataset: dataset() });
    await assert.rejects(trainer.train(), (e: Error) => e instanceof TrainingError && /disk is full/.test(e.message) && /Nothing half-written/.test(e.message));
    assert.deepEqual(fs.readdirSync(dir), [], "no checkpoint folder and no temporary folder remain");
  } finally {
    unmount();
  }
});

test("a read-only output_dir is refused before any step runs", { timeout: 60_000, skip: mountSkip }, async () => {
  const dir = path.join(mountDir, "readonly");
  const unmount = mountTmpfs(dir, "ro,size=64k")!;
  try {
    const steps: number[] = [];
    class Count extends TrainerCallback {
      override on_step_end = (_a: unknown, s: any) => void steps.push(s.global_step);
    }
    const trainer = new Trainer({ model: await model(), args: args("ro", { output_dir: dir, save_strategy: "steps", save_steps: 2 }), train_dataset: dataset(), callbacks: [new Count()] });
    await assert.rejects(trainer.train(), /Could not write to output_dir .*not writable \(EROFS\)/);
    assert.deepEqual(steps, []);
  } finally {
    unmount();
  }
});

test("a dataset formatted as tensors trains like a plain one", { timeout: 60_000 }, async () => {
  const trainer = new Trainer({ model: await model(), args: args("formatted", { max_steps: 2, num_train_epochs: 3 }), train_dataset: dataset().with_format("pt") });
  await trainer.train();
  const losses = trainer.state.log_history.filter((e) => "loss" in e).map((e) => e.loss);
  assert.equal(losses.length, 2);
  losses.forEach((l, i) => assert.ok(Math.abs(l - log.steps[i].loss) <= 1e-4 * log.steps[i].loss, `loss ${i + 1}`));
});

test("a finished run can be resumed with more steps", { timeout: 60_000 }, async () => {
  const dir = scratchDir("trainer-extend");
  const first = new Trainer({ model: await model(), args: args("extend", { output_dir: dir, max_steps: 4, save_strategy: "steps", save_steps: 4 }), train_dataset: dataset() });
  await first.train();
  const longer = new Trainer({ model: await model(), args: args("extend", { output_dir: dir, max_steps: 8, save_strategy: "steps", save_steps: 4 }), train_dataset: dataset() });
  const out = await longer.train({ resume_from_checkpoint: path.join(dir, "checkpoint-4") });
  assert.equal(out.global_step, 8);
  assert.deepEqual(longer.state.log_history.filter((e) => "loss" in e).map((e) => e.step), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(longer.state.max_steps, 8);
  const shorter = new Trainer({ model: await model(), args: args("extend", { output_dir: dir, max_steps: 2 }), train_dataset: dataset() });
  await assert.rejects(shorter.train({ resume_from_checkpoint: path.join(dir, "checkpoint-8") }), /beyond this run's 2 steps/);
});

test("several evaluation sets are evaluated and logged under their names", { timeout: 60_000 }, async () => {
  const trainer = new Trainer({
    model: await model(),
    args: args("multi-eval", { max_steps: 2, eval_strategy: "steps", eval_steps: 2 }),
    train_dataset: dataset(),
    eval_dataset: { seen: dataset(), small: dataset().select([0, 1, 2]) },
  });
  await trainer.train();
  const evals = trainer.state.log_history.filter((e) => Object.keys(e).some((k) => k.startsWith("eval_")));
  assert.deepEqual(evals.map((e) => Object.keys(e)[0]), ["eval_seen_loss", "eval_small_loss"]);
  const metrics = await trainer.evaluate();
  assert.ok(metrics.eval_seen_loss > 0 && metrics.eval_small_loss > 0);
});
