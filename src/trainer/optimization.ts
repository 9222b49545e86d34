// How the Trainer builds its optimizer and learning-rate schedule from TrainingArguments, using
// src/optim (torch.optim.AdamW / SGD arithmetic, LambdaLR schedules) with the Trainer's two
// parameter groups: weight decay for weights, none for biases and LayerNorm parameters.
import type { Module } from "../nn/module";
import { AdamW } from "../optim/adamw";
import { LambdaLR, get_scheduler } from "../optim/lr_scheduler";
import type { Optimizer } from "../optim/optimizer";
import { weight_decay_param_groups } from "../optim/param_groups";
import { SGD } from "../optim/sgd";
import type { SchedulerType, TrainingArguments } from "./training_args";
import { TrainingError } from "./trainer_utils";

/** The optimizer `args.optim` names, over the Trainer's decay / no-decay groups. */
export function createOptimizer(model: Module, args: TrainingArguments): Optimizer {
  const groups = weight_decay_param_groups(model, args.weight_decay);
  switch (args.optim) {
    case "adamw_torch":
      return new AdamW(groups, { lr: args.learning_rate, betas: [args.adam_beta1, args.adam_beta2], eps: args.adam_epsilon });
    case "sgd":
      return new SGD(groups, { lr: args.learning_rate });
    default:
      throw new TrainingError(`optim="${args.optim}" is not available; use "adamw_torch" (the default, torch.optim.AdamW) or "sgd".`);
  }
}

/**
 * The multiplier of the base learning rate after `step` scheduler steps, for the schedules src/optim
 * does not name (transformers' get_cosine_with_hard_restarts / polynomial_decay / inverse_sqrt).
 */
export function extraScheduleLambda(type: SchedulerType, warmup: number, total: number, baseLr: number): ((step: number) => number) | null {
  const warm = (step: number) => step / Math.max(1, warmup);
  switch (type) {
    case "cosine_with_restarts":
      return (step) => {
        if (step < warmup) return warm(step);
        const progress = (step - warmup) / Math.max(1, total - warmup);
        if (progress >= 1) return 0;
        return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((1 * progress) % 1))));
      };
    case "polynomial": {
      // transformers' defaults: lr_end 1e-7, power 1.
      const lrEnd = 1e-7;
      return (step) => {
        if (step < warmup) return warm(step);
        if (step > total) return lrEnd / baseLr;
        const remaining = 1 - (step - warmup) / (total - warmup);
        return ((baseLr - lrEnd) * remaining ** 1 + lrEnd) / baseLr;
      };
    }
    case "inverse_sqrt": {
      const timescale = warmup || 10000;
      return (step) => (step < warmup ? warm(step) : 1 / Math.sqrt((step + timescale - warmup) / timescale));
    }
    default:
      return null;
  }
}

/** The LambdaLR schedule `args.lr_scheduler_type` names, over `num_training_steps` with the args' warmup. */
export function createScheduler(optimizer: Optimizer, args: TrainingArguments, num_training_steps: number): LambdaLR {
  const warmup = args.get_warmup_steps(num_training_steps);
  const extra = extraScheduleLambda(args.lr_scheduler_type, warmup, num_training_steps, args.learning_rate);
  if (extra) return new LambdaLR(optimizer, extra);
  return get_scheduler(args.lr_scheduler_type, optimizer, { num_warmup_steps: warmup, num_training_steps });
}
