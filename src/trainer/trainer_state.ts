// TrainerState: the progress of a run, saved as trainer_state.json in every checkpoint with the
// same keys transformers writes (sorted, indented by 2), so tools that read one read the other.
import * as fs from "node:fs";
import { TrainingError } from "./trainer_utils";

export type LogEntry = Record<string, number>;

export class TrainerState {
  epoch: number | null = null;
  global_step = 0;
  max_steps = 0;
  num_train_epochs = 0;
  logging_steps = 500;
  eval_steps = 500;
  save_steps = 500;
  train_batch_size: number | null = null;
  total_flos = 0;
  /** Every log, evaluation and the final summary, in order, with Python's keys (`loss`, `learning_rate`, `epoch`, `step`, `eval_loss`…). */
  log_history: LogEntry[] = [];
  best_metric: number | null = null;
  best_model_checkpoint: string | null = null;
  is_local_process_zero = true;
  is_world_process_zero = true;
  is_hyper_param_search = false;
  trial_name: string | null = null;
  trial_params: Record<string, unknown> | null = null;

  constructor(init: Partial<TrainerState> = {}) {
    Object.assign(this, init);
  }

  to_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this).sort()) out[key] = (this as unknown as Record<string, unknown>)[key];
    return out;
  }

  to_json_string(): string {
    return `${JSON.stringify(this.to_dict(), null, 2)}\n`;
  }

  save_to_json(json_path: string): void {
    fs.writeFileSync(json_path, this.to_json_string());
  }

  static load_from_json(json_path: string): TrainerState {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(json_path, "utf8"));
    } catch (err) {
      throw new TrainingError(`Cannot read the trainer state ${json_path}: ${(err as Error).message}. The checkpoint may be incomplete; resume from an earlier one.`);
    }
    if (!parsed || typeof parsed !== "object") throw new TrainingError(`${json_path} does not hold a trainer state object.`);
    const state = new TrainerState();
    for (const [k, v] of Object.entries(parsed)) if (k in state) (state as unknown as Record<string, unknown>)[k] = v;
    return state;
  }

  toString(): string {
    return `TrainerState(epoch=${this.epoch}, global_step=${this.global_step}, max_steps=${this.max_steps}, log_history=[${this.log_history.length} entries])`;
  }
}
