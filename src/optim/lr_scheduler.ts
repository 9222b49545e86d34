import { Optimizer, OptimizerError } from "./optimizer";

export type LrLambda = (step: number) => number;

export interface SchedulerStateDict {
  last_epoch: number;
  base_lrs: number[];
  _last_lr: number[];
}

/**
 * torch.optim.lr_scheduler.LambdaLR: lr = initial_lr · λ(step). Construction applies λ(0);
 * each `step()` advances by one and applies λ(step). Call it after `optimizer.step()`.
 */
export class LambdaLR {
  last_epoch = -1;
  readonly base_lrs: number[];
  private _last_lr: number[] = [];

  constructor(readonly optimizer: Optimizer, readonly lr_lambda: LrLambda) {
    for (const g of optimizer.param_groups) if (g.initial_lr === undefined) g.initial_lr = g.lr;
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.step();
  }

  step(): void {
    this.last_epoch += 1;
    const factor = this.lr_lambda(this.last_epoch);
    this.optimizer.param_groups.forEach((g, i) => (g.lr = this.base_lrs[i] * factor));
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  /** The learning rates set by the last `step()` (one per group). */
  get_last_lr(): number[] {
    return [...this._last_lr];
  }

  state_dict(): SchedulerStateDict {
    return { last_epoch: this.last_epoch, base_lrs: [...this.base_lrs], _last_lr: [...this._last_lr] };
  }

  load_state_dict(sd: SchedulerStateDict): void {
    if (sd.base_lrs.length !== this.base_lrs.length) throw new OptimizerError("The saved scheduler has a different number of parameter groups.");
    this.last_epoch = sd.last_epoch;
    this.base_lrs.splice(0, this.base_lrs.length, ...sd.base_lrs);
    this._last_lr = [...sd._last_lr];
    this.optimizer.param_groups.forEach((g, i) => (g.lr = this._last_lr[i]));
  }
}

/** transformers.get_constant_schedule */
export function get_constant_schedule(optimizer: Optimizer): LambdaLR {
  return new LambdaLR(optimizer, () => 1);
}

/** transformers.get_constant_schedule_with_warmup: linear ramp from 0 over the warmup steps, then 1. */
export function get_constant_schedule_with_warmup(optimizer: Optimizer, num_warmup_steps: number): LambdaLR {
  return new LambdaLR(optimizer, (step) => (step < num_warmup_steps ? step / Math.max(1, num_warmup_steps) : 1));
}

/** transformers.get_linear_schedule_with_warmup: ramp up over warmup, then linear decay to 0 at the end. */
export function get_linear_schedule_with_warmup(optimizer: Optimizer, num_warmup_steps: number, num_training_steps: number): LambdaLR {
  return new LambdaLR(optimizer, (step) => {
    if (step < num_warmup_steps) return step / Math.max(1, num_warmup_steps);
    return Math.max(0, (num_training_steps - step) / Math.max(1, num_training_steps - num_warmup_steps));
  });
}

/** transformers.get_cosine_schedule_with_warmup (num_cycles 0.5 = half a cosine down to 0). */
export function get_cosine_schedule_with_warmup(optimizer: Optimizer, num_warmup_steps: number, num_training_steps: number, num_cycles = 0.5): LambdaLR {
  return new LambdaLR(optimizer, (step) => {
    if (step < num_warmup_steps) return step / Math.max(1, num_warmup_steps);
    const progress = (step - num_warmup_steps) / Math.max(1, num_training_steps - num_warmup_steps);
    return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * num_cycles * 2 * progress)));
  });
}

export type SchedulerType = "linear" | "cosine" | "constant" | "constant_with_warmup";

/** transformers.get_scheduler by name (TrainingArguments.lr_scheduler_type). */
export function get_scheduler(name: SchedulerType | string, optimizer: Optimizer, options: { num_warmup_steps?: number; num_training_steps?: number } = {}): LambdaLR {
  const warmup = options.num_warmup_steps ?? 0;
  const total = options.num_training_steps;
  switch (name) {
    case "constant":
      return get_constant_schedule(optimizer);
    case "constant_with_warmup":
      return get_constant_schedule_with_warmup(optimizer, warmup);
    case "linear":
    case "cosine":
      if (total === undefined) throw new OptimizerError(`The ${name} schedule needs num_training_steps.`);
      return name === "linear" ? get_linear_schedule_with_warmup(optimizer, warmup, total) : get_cosine_schedule_with_warmup(optimizer, warmup, total);
    default:
      throw new OptimizerError(`Unknown scheduler "${name}". Use linear, cosine, constant or constant_with_warmup.`);
  }
}
