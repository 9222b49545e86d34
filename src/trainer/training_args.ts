// TrainingArguments: the Trainer's settings, with the names and defaults of transformers v4.
// Unknown names are refused with the closest valid name, so a typo never silently does nothing.
import { closestName } from "../utils/closest_name";
import { PushToHubUnavailableError } from "../hub/errors";

/** A wrong or inconsistent training argument. */
export class TrainingArgumentsError extends Error {
  override name = "TrainingArgumentsError";
}

export type IntervalStrategy = "no" | "steps" | "epoch";
export type SchedulerType = "linear" | "cosine" | "cosine_with_restarts" | "polynomial" | "constant" | "constant_with_warmup" | "inverse_sqrt";
export type SamplingStrategy = "random" | "sequential" | "group_by_length";
export type OptimizerName = "adamw_torch" | "adamw_hf" | "sgd";

/** Every v4 name is accepted; those about other hardware or services have no effect here. */
export type TrainingArgumentsInit = TrainingArgumentsCore & Partial<Record<(typeof NO_EFFECT_HERE)[number] | keyof typeof NOT_IMPLEMENTED, unknown>>;

export interface TrainingArgumentsCore {
  output_dir: string;
  overwrite_output_dir?: boolean;
  do_train?: boolean;
  do_eval?: boolean;
  do_predict?: boolean;
  eval_strategy?: IntervalStrategy;
  evaluation_strategy?: IntervalStrategy;
  prediction_loss_only?: boolean;
  per_device_train_batch_size?: number;
  per_device_eval_batch_size?: number;
  gradient_accumulation_steps?: number;
  eval_accumulation_steps?: number | null;
  eval_delay?: number;
  learning_rate?: number;
  weight_decay?: number;
  adam_beta1?: number;
  adam_beta2?: number;
  adam_epsilon?: number;
  max_grad_norm?: number;
  num_train_epochs?: number;
  max_steps?: number;
  lr_scheduler_type?: SchedulerType;
  warmup_ratio?: number;
  warmup_steps?: number;
  log_level?: string;
  logging_dir?: string | null;
  logging_strategy?: IntervalStrategy;
  logging_first_step?: boolean;
  logging_steps?: number;
  logging_nan_inf_filter?: boolean;
  save_strategy?: IntervalStrategy;
  save_steps?: number;
  save_total_limit?: number | null;
  save_safetensors?: boolean;
  save_only_model?: boolean;
  seed?: number;
  data_seed?: number | null;
  eval_steps?: number | null;
  dataloader_drop_last?: boolean;
  dataloader_num_workers?: number;
  run_name?: string | null;
  disable_tqdm?: boolean | null;
  remove_unused_columns?: boolean;
  label_names?: string[] | null;
  load_best_model_at_end?: boolean;
  metric_for_best_model?: string | null;
  greater_is_better?: boolean | null;
  ignore_data_skip?: boolean;
  optim?: OptimizerName;
  group_by_length?: boolean;
  length_column_name?: string;
  report_to?: string | string[] | null;
  resume_from_checkpoint?: string | null;
  push_to_hub?: boolean;
  label_smoothing_factor?: number;
  include_inputs_for_metrics?: boolean;
  full_determinism?: boolean;
  no_cuda?: boolean;
  use_cpu?: boolean;
  fp16?: boolean;
  bf16?: boolean;
  train_sampling_strategy?: SamplingStrategy;
}

/** The v4 defaults (for the names whose default is not simply "off"). */
const DEFAULTS: Required<Omit<TrainingArgumentsCore, "output_dir">> = {
  overwrite_output_dir: false,
  do_train: false,
  do_eval: false,
  do_predict: false,
  eval_strategy: "no",
  evaluation_strategy: "no",
  prediction_loss_only: false,
  per_device_train_batch_size: 8,
  per_device_eval_batch_size: 8,
  gradient_accumulation_steps: 1,
  eval_accumulation_steps: null,
  eval_delay: 0,
  learning_rate: 5e-5,
  weight_decay: 0.0,
  adam_beta1: 0.9,
  adam_beta2: 0.999,
  adam_epsilon: 1e-8,
  max_grad_norm: 1.0,
  num_train_epochs: 3.0,
  max_steps: -1,
  lr_scheduler_type: "linear",
  warmup_ratio: 0.0,
  warmup_steps: 0,
  log_level: "passive",
  logging_dir: null,
  logging_strategy: "steps",
  logging_first_step: false,
  logging_steps: 500,
  logging_nan_inf_filter: true,
  save_strategy: "steps",
  save_steps: 500,
  save_total_limit: null,
  save_safetensors: true,
  save_only_model: false,
  seed: 42,
  data_seed: null,
  eval_steps: null,
  dataloader_drop_last: false,
  dataloader_num_workers: 0,
  run_name: null,
  disable_tqdm: null,
  remove_unused_columns: true,
  label_names: null,
  load_best_model_at_end: false,
  metric_for_best_model: null,
  greater_is_better: null,
  ignore_data_skip: false,
  optim: "adamw_torch",
  group_by_length: false,
  length_column_name: "length",
  report_to: "none",
  resume_from_checkpoint: null,
  push_to_hub: false,
  label_smoothing_factor: 0.0,
  include_inputs_for_metrics: false,
  full_determinism: false,
  no_cuda: false,
  use_cpu: false,
  fp16: false,
  bf16: false,
  train_sampling_strategy: "random",
};

const CHOICES: Partial<Record<keyof TrainingArgumentsCore, readonly string[]>> = {
  eval_strategy: ["no", "steps", "epoch"],
  evaluation_strategy: ["no", "steps", "epoch"],
  logging_strategy: ["no", "steps", "epoch"],
  save_strategy: ["no", "steps", "epoch"],
  lr_scheduler_type: ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup", "inverse_sqrt"],
  train_sampling_strategy: ["random", "sequential", "group_by_length"],
  optim: ["adamw_torch", "adamw_hf", "sgd"],
};

/**
 * transformers v4 names about hardware, distributed training, the Hub and integrations. They mean
 * nothing on this single-process CPU runtime, so they are accepted (code written for Python runs
 * unchanged) and have no effect.
 */
const NO_EFFECT_HERE = [
  "no_cuda", "use_cpu", "use_mps_device", "dataloader_num_workers", "dataloader_pin_memory", "dataloader_persistent_workers",
  "dataloader_prefetch_factor", "log_level", "log_level_replica", "log_on_each_node", "hub_model_id",
  "hub_strategy", "hub_token", "hub_private_repo", "hub_always_push", "push_to_hub_model_id", "push_to_hub_organization",
  "push_to_hub_token", "full_determinism", "save_on_each_node", "jit_mode_eval", "use_ipex", "fp16_opt_level",
  "half_precision_backend", "bf16_full_eval", "fp16_full_eval", "fp16_backend", "tf32", "local_rank", "ddp_backend",
  "tpu_num_cores", "tpu_metrics_debug", "debug", "past_index", "sharded_ddp", "fsdp", "fsdp_min_num_params", "fsdp_config",
  "fsdp_transformer_layer_cls_to_wrap", "deepspeed", "ddp_find_unused_parameters", "ddp_bucket_cap_mb", "ddp_broadcast_buffers",
  "ddp_timeout", "skip_memory_metrics", "use_legacy_prediction_loop", "gradient_checkpointing", "gradient_checkpointing_kwargs",
  "mp_parameters", "auto_find_batch_size", "torchdynamo", "ray_scope", "torch_compile", "torch_compile_backend",
  "torch_compile_mode", "xpu_backend", "per_gpu_train_batch_size", "per_gpu_eval_batch_size", "include_tokens_per_second",
  "include_num_input_tokens_seen", "accelerator_config", "dispatch_batches", "split_batches", "optim_args",
  "restore_callback_states_from_checkpoint", "eval_do_concat_batches", "torch_empty_cache_steps", "eval_use_gather_object",
  "average_tokens_across_devices", "use_liger_kernel",
] as const;

/** v4 names whose feature is not implemented: accepted at their default value, refused otherwise. */
const NOT_IMPLEMENTED: Record<string, unknown> = {
  adafactor: false,
  neftune_noise_alpha: null,
  lr_scheduler_kwargs: {},
  eval_on_start: false,
  batch_eval_metrics: false,
  optim_target_modules: null,
};

const VALID_NAMES: string[] = ["output_dir", ...Object.keys(DEFAULTS), ...NO_EFFECT_HERE, ...Object.keys(NOT_IMPLEMENTED)];
const IGNORED = new Set<string>(NO_EFFECT_HERE);

export interface TrainingArguments extends Required<Omit<TrainingArgumentsCore, "output_dir">> {}

/**
 * The Trainer's settings: `new TrainingArguments({ output_dir: "out", num_train_epochs: 1, learning_rate: 2e-5 })`.
 * Names and defaults follow transformers v4 (`evaluation_strategy` and its newer spelling `eval_strategy` are the same
 * setting). Differences: `optim` defaults to "adamw_torch" (torch.optim.AdamW arithmetic), checkpoints are always
 * safetensors, and `train_sampling_strategy` ("random" | "sequential" | "group_by_length") chooses the batch order.
 */
export class TrainingArguments {
  output_dir!: string;

  constructor(init: TrainingArgumentsInit) {
    if (!init || typeof init !== "object" || typeof init.output_dir !== "string" || init.output_dir === "") {
      throw new TrainingArgumentsError('TrainingArguments needs output_dir, the folder for checkpoints: new TrainingArguments({ output_dir: "my-model" }).');
    }
    for (const key of Object.keys(init)) {
      if (!VALID_NAMES.includes(key)) {
        const suggestion = closestName(key, VALID_NAMES);
        const hint = suggestion ? ` Did you mean '${suggestion}'?` : "";
        throw new TrainingArgumentsError(`TrainingArguments got an unknown argument '${key}'.${hint}`);
      }
    }
    if (init.push_to_hub) throw new PushToHubUnavailableError("TrainingArguments({ push_to_hub: true })");
    for (const [key, dflt] of Object.entries(NOT_IMPLEMENTED)) {
      const value = (init as Record<string, unknown>)[key];
      if (value !== undefined && JSON.stringify(value) !== JSON.stringify(dflt)) {
        throw new TrainingArgumentsError(`${key}=${JSON.stringify(value)} is not supported by this Trainer; leave it at ${JSON.stringify(dflt)}.`);
      }
    }
    Object.assign(this, DEFAULTS, { output_dir: init.output_dir });
    for (const [key, value] of Object.entries(init)) {
      if (value !== undefined && !IGNORED.has(key) && !(key in NOT_IMPLEMENTED)) (this as Record<string, unknown>)[key] = value;
    }
    // The two spellings of the evaluation strategy are one setting.
    const strategy = init.eval_strategy ?? init.evaluation_strategy ?? "no";
    if (init.eval_strategy && init.evaluation_strategy && init.eval_strategy !== init.evaluation_strategy) {
      throw new TrainingArgumentsError(`eval_strategy="${init.eval_strategy}" and evaluation_strategy="${init.evaluation_strategy}" disagree; they are the same setting, give one.`);
    }
    this.eval_strategy = strategy;
    this.evaluation_strategy = strategy;
    if (typeof this.report_to === "string" && this.report_to !== "none" && this.report_to !== "all") this.report_to = [this.report_to];
    if (init.group_by_length && init.train_sampling_strategy === undefined) this.train_sampling_strategy = "group_by_length";
    this.validate();
  }

  /** The batch size of one training step (one device here). */
  get train_batch_size(): number {
    return this.per_device_train_batch_size;
  }
  get eval_batch_size(): number {
    return this.per_device_eval_batch_size;
  }

  /** Warmup steps for a run of `num_training_steps`: warmup_steps if set, else ceil(warmup_ratio · steps), as v4 does. */
  get_warmup_steps(num_training_steps: number): number {
    return this.warmup_steps > 0 ? this.warmup_steps : Math.ceil(num_training_steps * this.warmup_ratio);
  }

  /** Every argument as a plain object (what trainer_state / logs record). */
  to_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = { output_dir: this.output_dir };
    for (const key of Object.keys(DEFAULTS)) out[key] = (this as Record<string, unknown>)[key];
    return out;
  }

  to_json_string(): string {
    return `${JSON.stringify(this.to_dict(), null, 2)}\n`;
  }

  toString(): string {
    const lines = Object.entries(this.to_dict()).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    return `TrainingArguments(\n${lines.join(",\n")}\n)`;
  }

  /** Names that are accepted for compatibility but have no effect here. */
  static get ignored_arguments(): string[] {
    return [...IGNORED];
  }

  private validate(): void {
    for (const [key, choices] of Object.entries(CHOICES)) {
      const value = (this as Record<string, unknown>)[key];
      if (!choices!.includes(value as string)) {
        throw new TrainingArgumentsError(`${key}=${JSON.stringify(value)} is not one of ${choices!.map((c) => `"${c}"`).join(", ")}.`);
      }
    }
    const positiveInt = ["per_device_train_batch_size", "per_device_eval_batch_size", "gradient_accumulation_steps"] as const;
    for (const key of positiveInt) {
      const v = this[key];
      if (!Number.isInteger(v) || v < 1) throw new TrainingArgumentsError(`${key} must be a positive integer, got ${v}.`);
    }
    const nonNegative = ["learning_rate", "weight_decay", "adam_epsilon", "warmup_steps", "num_train_epochs", "label_smoothing_factor"] as const;
    for (const key of nonNegative) {
      const v = this[key];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new TrainingArgumentsError(`${key} must be a number ≥ 0, got ${v}.`);
    }
    if (this.adam_beta1 < 0 || this.adam_beta1 >= 1 || this.adam_beta2 < 0 || this.adam_beta2 >= 1) {
      throw new TrainingArgumentsError(`adam_beta1 and adam_beta2 must be in [0, 1), got ${this.adam_beta1} and ${this.adam_beta2}.`);
    }
    if (this.warmup_ratio < 0 || this.warmup_ratio > 1) throw new TrainingArgumentsError(`warmup_ratio must be in [0, 1], got ${this.warmup_ratio}.`);
    if (!Number.isInteger(this.max_steps)) throw new TrainingArgumentsError(`max_steps must be an integer (−1 = use num_train_epochs), got ${this.max_steps}.`);
    if (this.logging_strategy === "steps" && !(this.logging_steps > 0)) throw new TrainingArgumentsError(`logging_steps must be > 0 with logging_strategy="steps".`);
    if (this.save_strategy === "steps" && !(this.save_steps > 0)) throw new TrainingArgumentsError(`save_steps must be > 0 with save_strategy="steps".`);
    if (this.eval_strategy === "steps") {
      // v4: eval_steps defaults to logging_steps.
      if (this.eval_steps === null) this.eval_steps = this.logging_steps;
      if (!(this.eval_steps > 0)) throw new TrainingArgumentsError(`eval_steps must be > 0 with eval_strategy="steps".`);
    }
    if (this.save_total_limit !== null && (!Number.isInteger(this.save_total_limit) || this.save_total_limit < 1)) {
      throw new TrainingArgumentsError(`save_total_limit must be a positive integer or null, got ${this.save_total_limit}.`);
    }
    if (this.load_best_model_at_end) {
      if (this.save_strategy !== this.eval_strategy) {
        throw new TrainingArgumentsError(
          `load_best_model_at_end needs the save and evaluation strategies to match: save_strategy="${this.save_strategy}", eval_strategy="${this.eval_strategy}".`,
        );
      }
      if (this.eval_strategy === "steps" && this.save_steps % this.eval_steps! !== 0) {
        throw new TrainingArgumentsError(`load_best_model_at_end needs save_steps (${this.save_steps}) to be a multiple of eval_steps (${this.eval_steps}).`);
      }
      if (this.metric_for_best_model === null) this.metric_for_best_model = "loss";
    }
    if (this.metric_for_best_model !== null && this.greater_is_better === null) {
      this.greater_is_better = !["loss", "eval_loss"].includes(this.metric_for_best_model);
    }
    if (this.fp16 || this.bf16) throw new TrainingArgumentsError("fp16/bf16 mixed precision is not available on this CPU runtime; leave them off.");
    if (this.label_smoothing_factor !== 0) throw new TrainingArgumentsError("label_smoothing_factor is not supported by this Trainer; leave it at 0.");
  }
}
