// Checkpoints damaged by a kill or a full disk: a truncated optimizer.json, scheduler.json or
// rng_state.json gives an error naming the file (not a bare SyntaxError), and the temporary folders a
// killed save leaves behind are removed at the next save or resume.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { BertConfig, BertForSequenceClassification, CheckpointFileError, Dataset, manual_seed, Trainer, TrainingArguments, TrainingError } from "../../src";
import { scratchDir } from "../helpers/paths";

function tinyTrainer(outputDir: string, maxSteps: number): Trainer {
  manual_seed(0);
  const model = new BertForSequenceClassification(new BertConfig({ vocab_size: 30, hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16, max_position_embeddings: 16 }));
  const input_ids = Array.from({ length: 8 }, (_, i) => [2, 5 + (i % 7), 9, 11 + (i % 5), 3]);
  const train_dataset = Dataset.from_dict({ input_ids, attention_mask: input_ids.map((r) => r.map(() => 1)), label: input_ids.map((_, i) => i % 2) });
  const args = new TrainingArguments({
    output_dir: outputDir,
    per_device_train_batch_size: 4,
    max_steps: maxSteps,
    save_strategy: "steps",
    save_steps: 1,
    logging_steps: 1,
    disable_tqdm: true,
    train_sampling_strategy: "sequential",
  });
  return new Trainer({ model, args, train_dataset });
}

/** A pid no process has: one that has just exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;

test("a truncated or malformed optimizer.json, scheduler.json or rng_state.json names the file", { timeout: 120_000 }, async () => {
  const dir = scratchDir("trainer-damaged-files");
  await tinyTrainer(dir, 1).train();
  const checkpoint = path.join(dir, "checkpoint-1");
  const pristine = Object.fromEntries(["optimizer.json", "scheduler.json", "rng_state.json"].map((f) => [f, fs.readFileSync(path.join(checkpoint, f), "utf8")]));
  const damage: [string, (text: string) => string, RegExp][] = [
    ["optimizer.json", (t) => t.slice(0, Math.floor(t.length / 2)), /not valid JSON.*cut short/],
    ["optimizer.json", () => "", /not valid JSON/],
    ["optimizer.json", () => '{"param_groups": []}', /optimizer\.json/],
    ["rng_state.json", (t) => t.slice(0, 20), /not valid JSON.*cut short/],
    ["rng_state.json", () => "[]", /"dropout" and "loop"/],
    ["rng_state.json", () => '{"dropout": 5, "loop": {}}', /rng_state\.json/],
    ["scheduler.json", (t) => t.slice(0, 3), /not valid JSON/],
  ];
  for (const [file, corrupt, reason] of damage) {
    for (const [name, text] of Object.entries(pristine)) fs.writeFileSync(path.join(checkpoint, name), text);
    fs.writeFileSync(path.join(checkpoint, file), corrupt(pristine[file]));
    await assert.rejects(tinyTrainer(dir, 2).train({ resume_from_checkpoint: checkpoint }), (err: Error) => {
      assert.ok(err instanceof CheckpointFileError, `${file}: ${err.name}: ${err.message}`);
      assert.ok(err instanceof TrainingError);
      assert.equal(err.file, path.join(checkpoint, file));
      assert.ok(err.message.includes(path.join(checkpoint, file)), err.message);
      assert.match(err.message, reason);
      assert.match(err.message, /earlier checkpoint/);
      return true;
    });
  }
  // the moment buffers beside optimizer.json, cut short
  const tensors = path.join(checkpoint, "optimizer.safetensors");
  const fullTensors = fs.readFileSync(tensors);
  fs.writeFileSync(tensors, fullTensors.subarray(0, Math.floor(fullTensors.length / 2)));
  await assert.rejects(tinyTrainer(dir, 2).train({ resume_from_checkpoint: checkpoint }), (err: Error) => err instanceof CheckpointFileError && err.file === tensors && err.message.includes(tensors));
  fs.writeFileSync(tensors, fullTensors);

  // repaired, the same checkpoint resumes
  for (const [name, text] of Object.entries(pristine)) fs.writeFileSync(path.join(checkpoint, name), text);
  const resumed = tinyTrainer(dir, 2);
  await resumed.train({ resume_from_checkpoint: checkpoint });
  assert.equal(resumed.state.global_step, 2);
});

test("temporary folders of a killed save are removed at the next save; a moved-aside checkpoint is put back on resume", { timeout: 120_000 }, async () => {
  const dir = scratchDir("trainer-stale-temp");
  const dead = deadPid();
  const stale = path.join(dir, `.checkpoint-7.tmp-${dead}`);
  fs.mkdirSync(stale, { recursive: true });
  fs.writeFileSync(path.join(stale, "model.safetensors"), Buffer.alloc(4096));
  // a save by a process that is still running is left alone
  const live = path.join(dir, `.checkpoint-9.tmp-${process.ppid}`);
  fs.mkdirSync(live);
  await tinyTrainer(dir, 1).train();
  assert.equal(fs.existsSync(stale), false, "the dead process's temporary folder is gone");
  assert.equal(fs.existsSync(live), true, "a running process's temporary folder is kept");
  fs.rmSync(live, { recursive: true });
  assert.deepEqual(fs.readdirSync(dir).sort(), ["checkpoint-1"]);

  // killed after the old checkpoint-1 was moved aside and before the new one took its place
  const movedAside = path.join(dir, `.checkpoint-1.tmp-${dead}.old`);
  fs.renameSync(path.join(dir, "checkpoint-1"), movedAside);
  fs.mkdirSync(path.join(dir, `.checkpoint-1.tmp-${dead}`));
  const resumed = tinyTrainer(dir, 2);
  await resumed.train({ resume_from_checkpoint: true });
  assert.equal(resumed.state.global_step, 2);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["checkpoint-1", "checkpoint-2"]);
  const state = JSON.parse(fs.readFileSync(path.join(dir, "checkpoint-1", "trainer_state.json"), "utf8"));
  assert.equal(state.global_step, 1, "the restored checkpoint-1 is the old one");
});
