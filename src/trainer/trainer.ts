// The Trainer: fine-tunes a model on a Dataset with the Hugging Face API and the Hugging Face
// arithmetic (batch order, gradient accumulation, clipping, AdamW, schedules, logging keys), so
// `trainer.state.log_history` reads like Python's and a run can be stopped and resumed exactly.
import * as fs from "node:fs";
import * as path from "node:path";
import { DataCollatorWithPadding } from "../data/data_collator_with_padding";
import { default_data_collator } from "../data/default_data_collator";
import { Dataset } from "../datasets/dataset";
import { DatasetDict } from "../datasets/dataset_dict";
import { NonFiniteLossError } from "../engine/errors";
import { PushToHubUnavailableError } from "../hub/errors";
import { load_file } from "../modeling/safetensors";
import type { Parameter } from "../nn/parameter";
import { Tensor } from "../tensor";
import { KeyboardInterrupt, throwIfInterrupted } from "../utils/cancellation";
import { default_generator, manual_seed, type GeneratorState } from "../utils/random";
import { ensureWritableDir, readCheckpointJson, readCheckpointPart, removeStaleTempFolders, rotateCheckpoints, writeCheckpointAtomically } from "./checkpoint";
import { checkAgainstModel, checkDataset, checkTokenizerVocab, MODEL_INPUT_NAMES, removeUnusedColumns } from "./input_checks";
import { clip_grad_norm_ } from "../optim/clip_grad";
import type { LambdaLR } from "../optim/lr_scheduler";
import type { Optimizer } from "../optim/optimizer";
import { createOptimizer, createScheduler } from "./optimization";
import { batchesOf, epochOrder } from "./sampler";
import { loadState, saveState } from "./tensor_state";
import { CallbackHandler, DefaultFlowCallback, TrainerCallback, TrainerControl, type CallbackEvent } from "./trainer_callback";
import { TrainerState } from "./trainer_state";
import { EvalPrediction, get_last_checkpoint, PredictionOutput, pyRound, speed_metrics, TrainingError, TrainOutput } from "./trainer_utils";
import { TrainingArguments } from "./training_args";
import { ProgressCallback } from "./training_view";

export type DataCollator = (features: Record<string, any>[]) => Record<string, Tensor>;
export type ComputeMetrics = (p: EvalPrediction) => Record<string, number> | Promise<Record<string, number>>;

export interface TrainerOptions {
  model: any;
  args?: TrainingArguments;
  train_dataset?: Dataset | null;
  /** One Dataset, or several by name (a DatasetDict or `{ name: Dataset }`): metrics are then prefixed `eval_<name>_`. */
  eval_dataset?: Dataset | DatasetDict | Record<string, Dataset> | null;
  tokenizer?: any;
  /** The newer transformers name for `tokenizer`. */
  processing_class?: any;
  data_collator?: DataCollator | null;
  compute_metrics?: ComputeMetrics | null;
  callbacks?: (TrainerCallback | (new () => TrainerCallback))[] | null;
}

/** Loop counters that are not part of TrainerState but must survive a resume for identical logs. */
interface LoopState {
  /** Sum of (loss / gradient_accumulation_steps) since the last log. */
  tr_loss: number;
  /** Sum of (loss / gradient_accumulation_steps) over the whole run. */
  total_loss: number;
  globalstep_last_logged: number;
}

interface RngState {
  dropout: GeneratorState;
  data_collator: unknown;
  loop: LoopState;
}

/**
 * `new Trainer({ model, args, train_dataset, eval_dataset, tokenizer, data_collator, compute_metrics, callbacks })`.
 * `await trainer.train()` fine-tunes `trainer.model`; `await trainer.evaluate()` returns `eval_`-prefixed metrics;
 * `await trainer.predict(ds)` returns predictions, labels and `test_` metrics.
 */
export class Trainer {
  model: any;
  readonly args: TrainingArguments;
  train_dataset: Dataset | null;
  eval_dataset: Dataset | DatasetDict | Record<string, Dataset> | null;
  tokenizer: any;
  data_collator: DataCollator;
  compute_metrics: ComputeMetrics | null;
  readonly callback_handler: CallbackHandler;
  state = new TrainerState();
  control = new TrainerControl();
  optimizer: Optimizer | null = null;
  lr_scheduler: LambdaLR | null = null;
  private loop: LoopState = { tr_loss: 0, total_loss: 0, globalstep_last_logged: 0 };

  constructor(options: TrainerOptions) {
    if (!options || typeof options !== "object") throw new TrainingError("Trainer takes one options object: new Trainer({ model, args, train_dataset }).");
    const { model } = options;
    if (!model || typeof model.forward_backward !== "function" || typeof model.named_parameters !== "function") {
      throw new TrainingError("Trainer needs a model from this library (e.g. await AutoModelForSequenceClassification.from_pretrained(...)) as `model`.");
    }
    this.model = model;
    this.args = options.args ?? new TrainingArguments({ output_dir: "tmp_trainer" });
    if (!(this.args instanceof TrainingArguments)) throw new TrainingError("`args` must be a TrainingArguments: new TrainingArguments({ output_dir: ... }).");
    this.train_dataset = options.train_dataset ?? null;
    this.eval_dataset = options.eval_dataset ?? null;
    this.tokenizer = options.tokenizer ?? options.processing_class ?? null;
    this.data_collator = options.data_collator ?? (this.tokenizer ? (new DataCollatorWithPadding({ tokenizer: this.tokenizer }) as unknown as DataCollator) : default_data_collator);
    this.compute_metrics = options.compute_metrics ?? null;
    const callbacks: (TrainerCallback | (new () => TrainerCallback))[] = [new DefaultFlowCallback(), ...(options.callbacks ?? [])];
    if (this.args.disable_tqdm !== true) callbacks.push(new ProgressCallback());
    this.callback_handler = new CallbackHandler(callbacks);
    // Like transformers: seeding at construction makes model init, dropout and masking reproducible.
    manual_seed(this.args.seed);
    this.event("on_init_end");
  }

  add_callback(callback: TrainerCallback | (new () => TrainerCallback)): void {
    this.callback_handler.add_callback(callback);
  }
  remove_callback(callback: TrainerCallback | (new () => TrainerCallback)): void {
    this.callback_handler.remove_callback(callback);
  }

  // ------------------------------------------------------------------------------------ training

  /**
   * Trains for `num_train_epochs` (or `max_steps`). With `resume_from_checkpoint` (a checkpoint folder, or true for
   * the newest in output_dir) the run continues exactly where that checkpoint stopped.
   */
  async train(options: { resume_from_checkpoint?: string | boolean | null } = {}): Promise<TrainOutput> {
    const args = this.args;
    const start = Date.now();
    const dataset = this.prepareDataset(this.train_dataset, "train_dataset");
    checkTokenizerVocab(this.tokenizer, this.model.config?.vocab_size);
    if (args.save_strategy !== "no") ensureWritableDir(args.output_dir);
    if (this.eval_dataset && args.eval_strategy !== "no") {
      for (const [name, ds] of namedEvalSets(this.eval_dataset)) this.prepareDataset(ds, name ? `eval_dataset "${name}"` : "eval_dataset");
    }
    if (args.eval_strategy !== "no" && !this.eval_dataset) {
      throw new TrainingError(`eval_strategy is "${args.eval_strategy}" but the Trainer has no eval_dataset. Pass eval_dataset, or set eval_strategy: "no".`);
    }

    const batchSize = args.train_batch_size;
    const gas = args.gradient_accumulation_steps;
    const n = dataset.num_rows;
    const lenDataloader = args.dataloader_drop_last ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    if (lenDataloader === 0) throw new TrainingError(`The train_dataset has ${n} rows, fewer than one batch of ${batchSize} with dataloader_drop_last.`);
    // An epoch's leftover micro-batches (when gas does not divide it) make one last, smaller update.
    const updatesPerEpoch = Math.max(1, Math.ceil(lenDataloader / gas));
    let maxSteps: number;
    let numEpochs: number;
    if (args.max_steps > 0) {
      maxSteps = args.max_steps;
      numEpochs = Math.ceil(maxSteps / updatesPerEpoch);
    } else {
      maxSteps = Math.ceil(args.num_train_epochs * updatesPerEpoch);
      numEpochs = Math.ceil(args.num_train_epochs);
    }
    if (maxSteps <= 0) throw new TrainingError("Nothing to train: num_train_epochs and max_steps give 0 steps.");

    this.state = new TrainerState({
      max_steps: maxSteps,
      num_train_epochs: numEpochs,
      logging_steps: args.logging_steps,
      eval_steps: args.eval_steps ?? args.logging_steps,
      save_steps: args.save_steps,
      train_batch_size: batchSize,
    });
    this.control = new TrainerControl();
    this.loop = { tr_loss: 0, total_loss: 0, globalstep_last_logged: 0 };
    const optimizer = createOptimizer(this.model, args);
    const scheduler = createScheduler(optimizer, args, maxSteps);
    this.optimizer = optimizer;
    this.lr_scheduler = scheduler;

    let resumeFrom = options.resume_from_checkpoint ?? args.resume_from_checkpoint ?? null;
    // folders a killed save left behind are garbage (or, for `.old`, a checkpoint to put back) before resuming
    if (resumeFrom) removeStaleTempFolders(args.output_dir);
    if (resumeFrom === true) {
      resumeFrom = get_last_checkpoint(args.output_dir);
      if (!resumeFrom) throw new TrainingError(`No checkpoint-<step> folder found in output_dir ${args.output_dir} to resume from.`);
    }
    if (typeof resumeFrom === "string") this.loadCheckpoint(resumeFrom, optimizer, scheduler);
    const epochsTrained = Math.floor(this.state.global_step / updatesPerEpoch);
    const microStepsToSkip = (this.state.global_step % updatesPerEpoch) * gas;

    const params: Parameter[] = this.model.named_parameters().filter(([, p]: [string, Parameter]) => p.requires_grad).map(([, p]: [string, Parameter]) => p);
    const lengths = args.train_sampling_strategy === "group_by_length" ? (dataset.with_format(null).column("input_ids") as number[][]).map((ids) => ids.length) : undefined;
    const seed = args.data_seed ?? args.seed;

    this.model.train();
    this.control = this.event("on_train_begin");
    let gradNorm: number | null = null;
    let accumulated: Float32Array[] | null = null;
    try {
      for (let epoch = epochsTrained; epoch < numEpochs; epoch++) {
        const batches = batchesOf(epochOrder(args.train_sampling_strategy, n, seed, epoch, batchSize, lengths), batchSize, args.dataloader_drop_last);
        const stepsInEpoch = batches.length;
        this.control = this.event("on_epoch_begin");
        for (let step = 0; step < stepsInEpoch; step++) {
          if (epoch === epochsTrained && step < microStepsToSkip) continue;
          if (step % gas === 0) this.control = this.event("on_step_begin");
          const inputs = this.collate(dataset, batches[step]);
          const loss = await this.forwardBackward(inputs, this.state.global_step + 1);
          this.loop.tr_loss += loss / gas;
          this.loop.total_loss += loss / gas;
          accumulated = accumulateGradients(params, accumulated, gas);
          const isUpdate = (step + 1) % gas === 0 || step + 1 === stepsInEpoch;
          if (!isUpdate) {
            this.control = this.event("on_substep_end");
            continue;
          }
          params.forEach((p, i) => (p.grad = accumulated![i]));
          accumulated = null;
          gradNorm = args.max_grad_norm > 0 ? clip_grad_norm_(params, args.max_grad_norm) : null;
          optimizer.step();
          scheduler.step();
          optimizer.zero_grad();
          this.state.global_step += 1;
          this.state.epoch = epoch + (step + 1) / stepsInEpoch;
          this.control = this.event("on_step_end");
          await this.maybeLogSaveEvaluate(gradNorm);
          if (this.control.should_epoch_stop || this.control.should_training_stop) break;
          throwIfInterrupted();
        }
        this.control = this.event("on_epoch_end");
        await this.maybeLogSaveEvaluate(gradNorm);
        if (this.control.should_training_stop) break;
      }
    } catch (err) {
      this.model.train(false);
      this.event("on_train_end");
      throw this.explainStop(err);
    }

    if (args.load_best_model_at_end && this.state.best_model_checkpoint) {
      this.loadWeights(this.state.best_model_checkpoint);
    }
    const numSamples = args.max_steps > 0 ? args.max_steps * batchSize * gas : n * args.num_train_epochs;
    const metrics: Record<string, number> = { ...speed_metrics("train", start, numSamples, maxSteps), total_flos: this.state.total_flos };
    const trainLoss = this.state.global_step > 0 ? this.loop.total_loss / this.state.global_step : 0;
    metrics.train_loss = trainLoss;
    metrics.epoch = this.state.epoch ?? 0;
    this.log({ ...metrics });
    this.model.eval();
    this.control = this.event("on_train_end");
    return new TrainOutput(this.state.global_step, trainLoss, metrics);
  }

  private prepareDataset(dataset: Dataset | null, what: string): Dataset {
    const ds = checkDataset(dataset, what);
    const kept = this.args.remove_unused_columns ? removeUnusedColumns(ds, what) : ds;
    const config = this.model.config ?? {};
    const cls = this.model.constructor?.name ?? "";
    const task = /ForSequenceClassification$/.test(cls) ? "sequence-classification" : /ForTokenClassification$/.test(cls) ? "token-classification" : "other";
    checkAgainstModel(kept, { vocab_size: config.vocab_size, num_labels: config.num_labels, problem_type: config.problem_type, task }, what);
    return kept;
  }

  /** Rows → collator → the tensors the model takes. */
  private collate(dataset: Dataset, indices: number[]): Record<string, Tensor> {
    const features = indices.map((i) => dataset.get(i));
    const batch = this.data_collator(features) as Record<string, unknown>;
    const inputs: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(batch)) if (MODEL_INPUT_NAMES.includes(k) && v instanceof Tensor) inputs[k] = v;
    if (!inputs.input_ids) throw new TrainingError(`The data collator returned no 'input_ids' (keys: ${JSON.stringify(Object.keys(batch))}).`);
    return inputs;
  }

  private async forwardBackward(inputs: Record<string, Tensor>, step: number): Promise<number> {
    if (!inputs.labels && !inputs.start_positions) {
      throw new TrainingError("The training batches have no labels, so the model computes no loss. Add a `label` (or `labels`) column to the train_dataset.");
    }
    let out: { loss?: Tensor };
    try {
      out = await this.model.forward_backward(inputs);
    } catch (err) {
      if (err instanceof NonFiniteLossError) throw nonFiniteLoss(step, NaN);
      throw err;
    }
    const loss = out.loss!.item();
    if (!Number.isFinite(loss)) throw nonFiniteLoss(step, loss);
    return loss;
  }

  private async maybeLogSaveEvaluate(gradNorm: number | null): Promise<void> {
    if (this.control.should_log && this.state.global_step > this.loop.globalstep_last_logged) {
      const logs: Record<string, number> = { loss: this.loop.tr_loss / (this.state.global_step - this.loop.globalstep_last_logged) };
      if (gradNorm !== null && this.args.max_grad_norm > 0) logs.grad_norm = gradNorm;
      logs.learning_rate = this.lr_scheduler!.get_last_lr()[0];
      this.loop.tr_loss = 0;
      this.loop.globalstep_last_logged = this.state.global_step;
      this.log(logs);
    }
    let metrics: Record<string, number> | null = null;
    if (this.control.should_evaluate) metrics = await this.evaluate();
    if (this.control.should_save) {
      await this.saveCheckpoint(metrics);
      this.control = this.event("on_save");
    }
  }

  /** Adds `epoch` and `step` to `logs`, appends them to `state.log_history` and tells the callbacks. */
  log(logs: Record<string, number>): void {
    const entry: Record<string, number> = { ...logs };
    if (this.state.epoch !== null) entry.epoch = pyRound(this.state.epoch, 2);
    entry.step = this.state.global_step;
    this.state.log_history.push(entry);
    this.control = this.event("on_log", { logs: entry });
  }

  // ------------------------------------------------------------------------------------ evaluation

  /** Evaluates on `eval_dataset` (or the Trainer's): `{ eval_loss, eval_<metric>…, eval_runtime, … }`. */
  async evaluate(options: { eval_dataset?: Dataset | DatasetDict | Record<string, Dataset> | null; metric_key_prefix?: string } = {}): Promise<Record<string, number>> {
    const prefix = options.metric_key_prefix ?? "eval";
    const target = options.eval_dataset ?? this.eval_dataset;
    if (target && !(target instanceof Dataset)) {
      // Several evaluation sets: each is evaluated and logged with its own prefix, as transformers does.
      const all: Record<string, number> = {};
      for (const [name, ds] of namedEvalSets(target)) Object.assign(all, await this.evaluate({ eval_dataset: ds, metric_key_prefix: `${prefix}_${name}` }));
      return all;
    }
    const dataset = this.prepareDataset(target, "eval_dataset");
    const start = Date.now();
    // As in transformers: without compute_metrics, evaluation only needs the loss (no logits are kept).
    const { metrics, steps } = await this.predictionLoop(dataset, prefix, this.compute_metrics === null || this.args.prediction_loss_only);
    Object.assign(metrics, speed_metrics(prefix, start, dataset.num_rows, steps));
    this.log(metrics);
    this.control = this.event("on_evaluate", { metrics });
    return metrics;
  }

  /** Predictions (logits as nested arrays), labels and `test_` metrics for a dataset. */
  async predict(test_dataset: Dataset, options: { metric_key_prefix?: string } = {}): Promise<PredictionOutput> {
    const prefix = options.metric_key_prefix ?? "test";
    const dataset = this.prepareDataset(test_dataset, "test_dataset");
    const start = Date.now();
    const { metrics, steps, predictions, labels } = await this.predictionLoop(dataset, prefix, this.args.prediction_loss_only);
    Object.assign(metrics, speed_metrics(prefix, start, dataset.num_rows, steps));
    this.control = this.event("on_predict", { metrics });
    return new PredictionOutput(predictions, labels, metrics);
  }

  private async predictionLoop(dataset: Dataset, prefix: string, lossOnly: boolean) {
    const wasTraining = this.model.training;
    this.model.eval();
    const batchSize = this.args.eval_batch_size;
    let lossSum = 0;
    let lossCount = 0;
    const predictions: unknown[] = [];
    const labels: unknown[] = [];
    let steps = 0;
    try {
      for (let s = 0; s < dataset.num_rows; s += batchSize) {
        throwIfInterrupted();
        const indices = Array.from({ length: Math.min(batchSize, dataset.num_rows - s) }, (_, k) => s + k);
        const inputs = this.collate(dataset, indices);
        const out = await this.model(inputs);
        steps++;
        if (out.loss) {
          lossSum += out.loss.item() * indices.length;
          lossCount += indices.length;
        }
        if (!lossOnly) {
          const logits = out.logits ?? out.start_logits;
          if (logits instanceof Tensor) predictions.push(...(logits.tolist() as unknown[]));
          if (inputs.labels) labels.push(...(inputs.labels.tolist() as unknown[]));
        }
        this.event("on_prediction_step");
      }
    } finally {
      if (wasTraining) this.model.train();
    }
    const preds = padRagged(predictions);
    const labelIds = labels.length ? padRagged(labels) : null;
    let metrics: Record<string, number> = {};
    if (this.compute_metrics && labelIds && preds.length) metrics = { ...(await this.compute_metrics(new EvalPrediction(preds, labelIds))) };
    const out: Record<string, number> = {};
    if (lossCount) out[`${prefix}_loss`] = lossSum / lossCount;
    for (const [k, v] of Object.entries(metrics)) out[k.startsWith(`${prefix}_`) ? k : `${prefix}_${k}`] = v;
    return { metrics: out, steps, predictions: preds, labels: labelIds };
  }

  // ------------------------------------------------------------------------------------ saving

  /** Uploads the model, tokenizer and training state as Python's `trainer.push_to_hub()` does; not available yet (raises PushToHubUnavailableError). */
  async push_to_hub(_options: Record<string, unknown> = {}): Promise<never> {
    throw new PushToHubUnavailableError("Trainer.push_to_hub");
  }

  /** Saves the model (and tokenizer) to `output_dir` (default: args.output_dir), as save_pretrained does. */
  async save_model(output_dir?: string): Promise<void> {
    const dir = output_dir ?? this.args.output_dir;
    await this.model.save_pretrained(dir);
    if (this.tokenizer && typeof this.tokenizer.save_pretrained === "function") await this.tokenizer.save_pretrained(dir);
    fs.writeFileSync(path.join(dir, "training_args.json"), this.args.to_json_string());
  }

  private async saveCheckpoint(metrics: Record<string, number> | null): Promise<void> {
    const args = this.args;
    const step = this.state.global_step;
    const finalDir = path.join(args.output_dir, `checkpoint-${step}`);
    if (args.metric_for_best_model && metrics) {
      const name = args.metric_for_best_model.startsWith("eval_") ? args.metric_for_best_model : `eval_${args.metric_for_best_model}`;
      const value = metrics[name];
      if (value === undefined) {
        throw new TrainingError(`metric_for_best_model is "${args.metric_for_best_model}" but the evaluation returned only ${Object.keys(metrics).join(", ")}.`);
      }
      const best = this.state.best_metric;
      if (best === null || (args.greater_is_better ? value > best : value < best)) {
        this.state.best_metric = value;
        this.state.best_model_checkpoint = finalDir;
      }
    }
    const rng: RngState = {
      dropout: default_generator.get_state(),
      data_collator: typeof (this.data_collator as any).get_rng_state === "function" ? (this.data_collator as any).get_rng_state() : null,
      loop: { ...this.loop },
    };
    await writeCheckpointAtomically(args.output_dir, step, async (dir) => {
      await this.model.save_pretrained(dir);
      if (this.tokenizer && typeof this.tokenizer.save_pretrained === "function") await this.tokenizer.save_pretrained(dir);
      saveState(this.optimizer!.state_dict(), path.join(dir, "optimizer"));
      fs.writeFileSync(path.join(dir, "scheduler.json"), `${JSON.stringify(this.lr_scheduler!.state_dict(), null, 2)}\n`);
      fs.writeFileSync(path.join(dir, "rng_state.json"), `${JSON.stringify(rng, null, 2)}\n`);
      fs.writeFileSync(path.join(dir, "training_args.json"), args.to_json_string());
      this.state.save_to_json(path.join(dir, "trainer_state.json"));
    });
    rotateCheckpoints(args.output_dir, args.save_total_limit, this.state.best_model_checkpoint);
  }

  private loadCheckpoint(dir: string, optimizer: Optimizer, scheduler: LambdaLR): void {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new TrainingError(`Can't find a valid checkpoint at ${dir}.`);
    for (const file of ["trainer_state.json", "model.safetensors", "optimizer.json", "scheduler.json", "rng_state.json"]) {
      if (!fs.existsSync(path.join(dir, file))) throw new TrainingError(`The checkpoint ${dir} has no ${file}; it cannot be resumed exactly. Use another checkpoint.`);
    }
    const saved = TrainerState.load_from_json(path.join(dir, "trainer_state.json"));
    if (saved.global_step > this.state.max_steps) {
      throw new TrainingError(`The checkpoint ${dir} is at step ${saved.global_step}, beyond this run's ${this.state.max_steps} steps; raise num_train_epochs or max_steps to train further.`);
    }
    // As transformers does: the progress comes from the checkpoint, the run's length and intervals from these arguments
    // (so a run can be resumed with more epochs).
    for (const key of ["max_steps", "num_train_epochs", "logging_steps", "eval_steps", "save_steps", "train_batch_size"] as const) {
      (saved as unknown as Record<string, unknown>)[key] = this.state[key];
    }
    this.state = saved;
    this.loadWeights(dir);
    const file = (name: string) => path.join(dir, name);
    readCheckpointPart(file("optimizer.json"), () => optimizer.load_state_dict(loadState(file("optimizer")) as never));
    const schedulerState = readCheckpointJson<Record<string, unknown>>(file("scheduler.json"), (v) => (isObject(v) ? null : "it does not hold a scheduler state object"));
    readCheckpointPart(file("scheduler.json"), () => scheduler.load_state_dict(schedulerState as never));
    const rng = readCheckpointJson<RngState>(file("rng_state.json"), (v) =>
      isObject(v) && v.dropout !== undefined && isObject(v.loop) ? null : 'it does not hold the "dropout" and "loop" states',
    );
    readCheckpointPart(file("rng_state.json"), () => {
      default_generator.set_state(rng.dropout);
      if (rng.data_collator && typeof (this.data_collator as any).set_rng_state === "function") (this.data_collator as any).set_rng_state(rng.data_collator);
    });
    this.loop = { ...rng.loop };
  }

  private loadWeights(dir: string): void {
    this.model.load_checkpoint(load_file(path.join(dir, "model.safetensors")), { source: dir });
  }

  // ------------------------------------------------------------------------------------ helpers

  private event(event: CallbackEvent, extra: { metrics?: Record<string, number>; logs?: Record<string, number> } = {}): TrainerControl {
    return this.callback_handler.call_event(event, this.args, this.state, this.control, {
      model: this.model,
      tokenizer: this.tokenizer,
      optimizer: this.optimizer,
      lr_scheduler: this.lr_scheduler,
      ...extra,
    });
  }

  /** Turns an interrupt into a message that says what state the model and checkpoints are in. */
  private explainStop(err: unknown): unknown {
    if (err instanceof KeyboardInterrupt) {
      const last = get_last_checkpoint(this.args.output_dir);
      return new KeyboardInterrupt(
        `Training interrupted after step ${this.state.global_step} of ${this.state.max_steps}. trainer.model holds the weights after that step` +
          (last ? `; the last checkpoint is ${last}. Continue with await trainer.train({ resume_from_checkpoint: true }).` : "."),
      );
    }
    return err;
  }

  toString(): string {
    return `Trainer(model=${this.model?.constructor?.name}, output_dir=${JSON.stringify(this.args.output_dir)}, global_step=${this.state.global_step})`;
  }

  /** A one-line summary in a notebook (not a dump of the model, datasets and optimizer). */
  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.toString() };
  }
}

/** The evaluation sets with their names ("" for a single Dataset). */
function namedEvalSets(value: Dataset | DatasetDict | Record<string, Dataset>): [string, Dataset][] {
  if (value instanceof Dataset) return [["", value]];
  if (value instanceof DatasetDict) return value.items();
  return Object.entries(value);
}

function nonFiniteLoss(step: number, loss: number): TrainingError {
  return new TrainingError(
    `Training stopped at step ${step}: the loss is ${Number.isNaN(loss) ? "NaN" : loss}. The weights were not updated by this step. ` +
      `Lower learning_rate (or set max_grad_norm), and check that the labels are valid for the model.`,
  );
}

/** Adds this micro-batch's gradients (÷ gradient_accumulation_steps) into the running sums. */
function accumulateGradients(params: Parameter[], sums: Float32Array[] | null, gas: number): Float32Array[] {
  const scale = Math.fround(1 / gas);
  if (!sums) {
    return params.map((p) => {
      const g = p.grad ?? new Float32Array(p.numel);
      if (gas === 1) return g;
      const out = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) out[i] = Math.fround(g[i] * scale);
      return out;
    });
  }
  params.forEach((p, k) => {
    const g = p.grad;
    if (!g) return;
    const s = sums[k];
    for (let i = 0; i < g.length; i++) s[i] = Math.fround(s[i] + Math.fround(g[i] * scale));
  });
  return sums;
}

/** Rows of different lengths (token classification across batches) padded with −100, as transformers pads them. */
function padRagged(rows: unknown[]): any[] {
  if (!rows.length || !Array.isArray(rows[0])) return rows;
  const lengths = rows.map((r) => (r as unknown[]).length);
  const max = Math.max(...lengths);
  if (lengths.every((l) => l === max)) return rows;
  return rows.map((r) => {
    const row = r as unknown[];
    const fill = Array.isArray(row[0]) ? Array((row[0] as unknown[]).length).fill(-100) : -100;
    return [...row, ...Array.from({ length: max - row.length }, () => fill)];
  });
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
