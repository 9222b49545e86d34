import { test } from "node:test";
import assert from "node:assert/strict";
import { TrainingArguments, TrainingArgumentsError } from "../../src/trainer/training_args";

test("defaults are transformers v4's", () => {
  const args = new TrainingArguments({ output_dir: "out" });
  assert.equal(args.learning_rate, 5e-5);
  assert.equal(args.num_train_epochs, 3);
  assert.equal(args.max_steps, -1);
  assert.equal(args.per_device_train_batch_size, 8);
  assert.equal(args.per_device_eval_batch_size, 8);
  assert.equal(args.weight_decay, 0);
  assert.equal(args.adam_beta1, 0.9);
  assert.equal(args.adam_beta2, 0.999);
  assert.equal(args.adam_epsilon, 1e-8);
  assert.equal(args.max_grad_norm, 1);
  assert.equal(args.lr_scheduler_type, "linear");
  assert.equal(args.logging_steps, 500);
  assert.equal(args.save_steps, 500);
  assert.equal(args.save_strategy, "steps");
  assert.equal(args.evaluation_strategy, "no");
  assert.equal(args.seed, 42);
  assert.equal(args.gradient_accumulation_steps, 1);
  assert.equal(args.train_sampling_strategy, "random");
  assert.equal(args.train_batch_size, 8);
});

test("unknown names are refused with the closest valid name", () => {
  assert.throws(
    () => new TrainingArguments({ output_dir: "out", learnig_rate: 1e-3 } as never),
    (e: Error) => e instanceof TrainingArgumentsError && /unknown argument 'learnig_rate'. Did you mean 'learning_rate'\?/.test(e.message),
  );
  assert.throws(() => new TrainingArguments({ output_dir: "out", num_epochs: 2 } as never), /Did you mean 'num_train_epochs'\?/);
  assert.throws(() => new TrainingArguments({} as never), /needs output_dir/);
});

test("eval_strategy and evaluation_strategy are one setting; eval_steps defaults to logging_steps", () => {
  const a = new TrainingArguments({ output_dir: "o", evaluation_strategy: "steps", logging_steps: 7 });
  assert.equal(a.eval_strategy, "steps");
  assert.equal(a.eval_steps, 7);
  const b = new TrainingArguments({ output_dir: "o", eval_strategy: "epoch" });
  assert.equal(b.evaluation_strategy, "epoch");
  assert.throws(() => new TrainingArguments({ output_dir: "o", eval_strategy: "epoch", evaluation_strategy: "steps" }), /disagree/);
});

test("bad values are explained", () => {
  assert.throws(() => new TrainingArguments({ output_dir: "o", lr_scheduler_type: "exp" as never }), /lr_scheduler_type="exp" is not one of/);
  assert.throws(() => new TrainingArguments({ output_dir: "o", per_device_train_batch_size: 0 }), /positive integer/);
  assert.throws(() => new TrainingArguments({ output_dir: "o", learning_rate: -1 }), /≥ 0/);
  assert.throws(() => new TrainingArguments({ output_dir: "o", load_best_model_at_end: true, eval_strategy: "epoch" }), /strategies to match/);
});

test("warmup steps, best-model metric direction, to_dict", () => {
  const a = new TrainingArguments({ output_dir: "o", warmup_ratio: 0.1 });
  assert.equal(a.get_warmup_steps(95), 10);
  assert.equal(new TrainingArguments({ output_dir: "o", warmup_steps: 3, warmup_ratio: 0.5 }).get_warmup_steps(100), 3);
  const b = new TrainingArguments({ output_dir: "o", load_best_model_at_end: true, eval_strategy: "epoch", save_strategy: "epoch" });
  assert.equal(b.metric_for_best_model, "loss");
  assert.equal(b.greater_is_better, false);
  const c = new TrainingArguments({ output_dir: "o", metric_for_best_model: "accuracy" });
  assert.equal(c.greater_is_better, true);
  const d = c.to_dict();
  assert.equal(d.output_dir, "o");
  assert.equal(d.learning_rate, 5e-5);
  assert.equal(JSON.parse(c.to_json_string()).metric_for_best_model, "accuracy");
});

test("every transformers v4 name is accepted; unsupported features are refused when turned on", () => {
  const args = new TrainingArguments({ output_dir: "o", hub_model_id: "me/model", dataloader_pin_memory: true, fsdp: "", local_rank: -1, adafactor: false, report_to: "none" });
  assert.equal(args.output_dir, "o");
  assert.ok(TrainingArguments.ignored_arguments.includes("hub_model_id"));
  assert.throws(() => new TrainingArguments({ output_dir: "o", label_smoothing_factor: 0.1 }), /label_smoothing_factor is not supported/);
  assert.throws(() => new TrainingArguments({ output_dir: "o", adafactor: true }), /adafactor=true is not supported/);
  assert.throws(() => new TrainingArguments({ output_dir: "o", fp16: true }), /not available on this CPU runtime/);
});
