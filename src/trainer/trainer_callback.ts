// Callbacks: code that runs at fixed points of the training loop and steers it through
// TrainerControl, as in transformers (on_train_begin, on_step_end, on_log, on_evaluate, …).
import type { TrainingArguments } from "./training_args";
import type { TrainerState } from "./trainer_state";

/** Flags a callback sets to steer the loop; the loop reads and resets them. */
export class TrainerControl {
  should_training_stop = false;
  should_epoch_stop = false;
  should_save = false;
  should_evaluate = false;
  should_log = false;

  _new_training(): void {
    this.should_training_stop = false;
  }
  _new_epoch(): void {
    this.should_epoch_stop = false;
  }
  _new_step(): void {
    this.should_save = false;
    this.should_evaluate = false;
    this.should_log = false;
  }
}

/** What every event receives besides args, state and control. */
export interface CallbackContext {
  model?: unknown;
  tokenizer?: unknown;
  optimizer?: unknown;
  lr_scheduler?: unknown;
  train_dataloader?: unknown;
  eval_dataloader?: unknown;
  metrics?: Record<string, number>;
  logs?: Record<string, number>;
}

export type CallbackEvent =
  | "on_init_end"
  | "on_train_begin"
  | "on_train_end"
  | "on_epoch_begin"
  | "on_epoch_end"
  | "on_step_begin"
  | "on_substep_end"
  | "on_step_end"
  | "on_evaluate"
  | "on_predict"
  | "on_save"
  | "on_log"
  | "on_prediction_step";

type Handler = (args: TrainingArguments, state: TrainerState, control: TrainerControl, context: CallbackContext) => TrainerControl | void;

/** Base class: override the events you need. Return nothing (or the control) from each. */
export class TrainerCallback {
  on_init_end?: Handler;
  on_train_begin?: Handler;
  on_train_end?: Handler;
  on_epoch_begin?: Handler;
  on_epoch_end?: Handler;
  on_step_begin?: Handler;
  on_substep_end?: Handler;
  on_step_end?: Handler;
  on_evaluate?: Handler;
  on_predict?: Handler;
  on_save?: Handler;
  on_log?: Handler;
  on_prediction_step?: Handler;
}

/** Decides when to log, evaluate and save from the strategies in TrainingArguments (always installed). */
export class DefaultFlowCallback extends TrainerCallback {
  override on_step_end: Handler = (args, state, control) => {
    if (state.global_step === 1 && args.logging_first_step) control.should_log = true;
    if (args.logging_strategy === "steps" && state.logging_steps > 0 && state.global_step % state.logging_steps === 0) control.should_log = true;
    if (args.eval_strategy === "steps" && state.eval_steps > 0 && state.global_step % state.eval_steps === 0 && args.eval_delay <= state.global_step) {
      control.should_evaluate = true;
    }
    if (args.save_strategy === "steps" && state.save_steps > 0 && state.global_step % state.save_steps === 0) control.should_save = true;
    if (state.global_step >= state.max_steps) control.should_training_stop = true;
    return control;
  };

  override on_epoch_end: Handler = (args, state, control) => {
    if (args.logging_strategy === "epoch") control.should_log = true;
    if (args.eval_strategy === "epoch" && args.eval_delay <= (state.epoch ?? 0)) control.should_evaluate = true;
    if (args.save_strategy === "epoch") control.should_save = true;
    return control;
  };
}

/**
 * Stops training when the metric for the best model has not improved for `early_stopping_patience` evaluations
 * (an improvement must exceed `early_stopping_threshold`). Needs `metric_for_best_model` (or
 * `load_best_model_at_end`) and an evaluation strategy in TrainingArguments.
 */
export class EarlyStoppingCallback extends TrainerCallback {
  readonly early_stopping_patience: number;
  readonly early_stopping_threshold: number;
  early_stopping_patience_counter = 0;

  constructor(options: { early_stopping_patience?: number; early_stopping_threshold?: number } = {}) {
    super();
    this.early_stopping_patience = options.early_stopping_patience ?? 1;
    this.early_stopping_threshold = options.early_stopping_threshold ?? 0;
  }

  override on_train_begin: Handler = (args) => {
    if (!args.metric_for_best_model) {
      throw new Error("EarlyStoppingCallback needs metric_for_best_model in TrainingArguments (e.g. \"loss\" or \"accuracy\").");
    }
    if (args.eval_strategy === "no") {
      throw new Error('EarlyStoppingCallback needs evaluations: set eval_strategy to "steps" or "epoch" in TrainingArguments.');
    }
  };

  override on_evaluate: Handler = (args, state, control, { metrics }) => {
    let name = args.metric_for_best_model!;
    if (!name.startsWith("eval_")) name = `eval_${name}`;
    const value = metrics?.[name];
    if (value === undefined) return;
    const better = args.greater_is_better ? value > (state.best_metric ?? -Infinity) : value < (state.best_metric ?? Infinity);
    if (state.best_metric === null || (better && Math.abs(value - state.best_metric) > this.early_stopping_threshold)) {
      this.early_stopping_patience_counter = 0;
    } else {
      this.early_stopping_patience_counter += 1;
    }
    if (this.early_stopping_patience_counter >= this.early_stopping_patience) control.should_training_stop = true;
  };
}

/** Calls every callback for an event, in order, and returns the (possibly changed) control. */
export class CallbackHandler {
  readonly callbacks: TrainerCallback[] = [];

  constructor(callbacks: (TrainerCallback | (new () => TrainerCallback))[]) {
    for (const cb of callbacks) this.add_callback(cb);
  }

  add_callback(callback: TrainerCallback | (new () => TrainerCallback)): void {
    const instance = typeof callback === "function" ? new callback() : callback;
    this.callbacks.push(instance);
  }

  remove_callback(callback: TrainerCallback | (new () => TrainerCallback)): void {
    const i = this.callbacks.findIndex((cb) => cb === callback || (typeof callback === "function" && cb instanceof callback));
    if (i >= 0) this.callbacks.splice(i, 1);
  }

  call_event(event: CallbackEvent, args: TrainingArguments, state: TrainerState, control: TrainerControl, context: CallbackContext = {}): TrainerControl {
    // A flag is consumed by the event that acts on it, as in transformers' CallbackHandler.
    if (event === "on_train_begin") control.should_training_stop = false;
    else if (event === "on_epoch_begin") control.should_epoch_stop = false;
    else if (event === "on_step_begin") control._new_step();
    else if (event === "on_log") control.should_log = false;
    else if (event === "on_evaluate") control.should_evaluate = false;
    else if (event === "on_save") control.should_save = false;
    for (const cb of this.callbacks) {
      const handler = cb[event];
      if (typeof handler !== "function") continue;
      const result = handler.call(cb, args, state, control, context);
      if (result instanceof TrainerControl) control = result;
    }
    return control;
  }
}
