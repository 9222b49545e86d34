// The Trainer's optimizer, learning-rate schedule and gradient clipping, with the exact
// arithmetic of torch.optim.AdamW (torch 1.13, single-tensor path), transformers'
// get_*_schedule_with_warmup (LambdaLR) and torch.nn.utils.clip_grad_norm_. Every float32
// operation is rounded to float32 (Math.fround) in the order torch performs it, so a run
// reproduces PyTorch's losses and weights to float32 precision.
import { LayerNorm } from "../nn/layer_norm";
import type { Module } from "../nn/module";
import type { Parameter } from "../nn/parameter";
import type { SchedulerType, TrainingArguments } from "./training_args";
import { TrainingError } from "./trainer_utils";

const f = Math.fround;

export interface ParamGroup {
  names: string[];
  params: Parameter[];
  weight_decay: number;
  lr: number;
}

interface AdamState {
  step: number;
  exp_avg: Float32Array;
  exp_avg_sq: Float32Array;
}

/**
 * Names of the parameters that get weight decay: everything except LayerNorm weights/biases and
 * biases (the Trainer's rule).
 */
export function decayParameterNames(model: Module): Set<string> {
  const noDecay = new Set<string>();
  for (const [prefix, module] of model.named_modules()) {
    if (module instanceof LayerNorm) for (const [n] of module.named_parameters()) noDecay.add(prefix ? `${prefix}.${n}` : n);
  }
  const decay = new Set<string>();
  for (const [name] of model.named_parameters()) if (!noDecay.has(name) && !name.includes("bias")) decay.add(name);
  return decay;
}

/** AdamW (decoupled weight decay) as torch.optim.AdamW computes it, or plain SGD. */
export class TrainerOptimizer {
  readonly param_groups: ParamGroup[];
  private readonly state = new Map<string, AdamState>();

  constructor(
    groups: ParamGroup[],
    readonly kind: "adamw" | "sgd",
    readonly betas: [number, number] = [0.9, 0.999],
    readonly eps = 1e-8,
  ) {
    this.param_groups = groups;
  }

  /** One update with each group's current `lr`. Reads `param.grad`; parameters without a gradient are skipped. */
  step(): void {
    const [beta1, beta2] = this.betas;
    for (const group of this.param_groups) {
      const lr = group.lr;
      group.params.forEach((p, k) => {
        const g = p.grad;
        if (!g) return;
        const data = p.data;
        if (this.kind === "sgd") {
          if (group.weight_decay !== 0) {
            const wd = f(group.weight_decay);
            for (let i = 0; i < data.length; i++) data[i] = f(data[i] - f(f(lr) * f(g[i] + f(wd * data[i]))));
          } else {
            const a = f(-lr);
            for (let i = 0; i < data.length; i++) data[i] = f(data[i] + f(a * g[i]));
          }
          return;
        }
        const name = group.names[k];
        let s = this.state.get(name);
        if (!s) {
          s = { step: 0, exp_avg: new Float32Array(data.length), exp_avg_sq: new Float32Array(data.length) };
          this.state.set(name, s);
        }
        s.step += 1;
        // param.mul_(1 - lr * weight_decay)
        const decay = f(1 - lr * group.weight_decay);
        const oneMinusB1 = f(1 - beta1);
        const oneMinusB2 = f(1 - beta2);
        const b1 = f(beta1);
        const b2 = f(beta2);
        const bias1 = 1 - beta1 ** s.step;
        const bias2Sqrt = f(Math.sqrt(1 - beta2 ** s.step));
        const negStep = f(-(lr / bias1));
        const eps = f(this.eps);
        const m = s.exp_avg;
        const v = s.exp_avg_sq;
        for (let i = 0; i < data.length; i++) {
          const gi = g[i];
          if (decay !== 1) data[i] = f(data[i] * decay);
          m[i] = f(f(m[i] * b1) + f(gi * oneMinusB1));
          v[i] = f(f(v[i] * b2) + f(f(oneMinusB2 * gi) * gi)); // addcmul_: value · t1 · t2
          const denom = f(f(f(Math.sqrt(v[i])) / bias2Sqrt) + eps);
          data[i] = f(data[i] + f(f(negStep * m[i]) / denom)); // addcdiv_: value · t1 / t2
        }
      });
    }
  }

  zero_grad(): void {
    for (const group of this.param_groups) for (const p of group.params) p.grad = null;
  }

  /** Moment buffers and step counts by parameter name, plus the groups' hyper-parameters. */
  state_dict(): Record<string, unknown> {
    const state: Record<string, unknown> = {};
    for (const [name, s] of this.state) state[name] = { step: s.step, exp_avg: Float32Array.from(s.exp_avg), exp_avg_sq: Float32Array.from(s.exp_avg_sq) };
    return {
      kind: this.kind,
      betas: this.betas,
      eps: this.eps,
      state,
      param_groups: this.param_groups.map((g) => ({ names: g.names, weight_decay: g.weight_decay, lr: g.lr })),
    };
  }

  load_state_dict(dict: Record<string, any>): void {
    if (dict.kind !== this.kind) throw new TrainingError(`The checkpoint's optimizer is ${dict.kind}, but this run uses ${this.kind}.`);
    this.state.clear();
    for (const [name, s] of Object.entries(dict.state as Record<string, any>)) {
      this.state.set(name, { step: s.step, exp_avg: Float32Array.from(s.exp_avg), exp_avg_sq: Float32Array.from(s.exp_avg_sq) });
    }
    (dict.param_groups as { lr: number }[]).forEach((g, i) => {
      if (this.param_groups[i]) this.param_groups[i].lr = g.lr;
    });
  }
}

/** The optimizer the TrainingArguments ask for, with the Trainer's two groups (decay / no decay). */
export function createOptimizer(model: Module, args: TrainingArguments): TrainerOptimizer {
  if (args.optim === "adamw_hf") {
    throw new TrainingError('optim="adamw_hf" (transformers\' own deprecated AdamW) is not available; use "adamw_torch" (the default), which PyTorch and current transformers use.');
  }
  const decay = decayParameterNames(model);
  const named = model.named_parameters().filter(([, p]) => p.requires_grad);
  const group = (wd: number, pick: (n: string) => boolean): ParamGroup => {
    const chosen = named.filter(([n]) => pick(n));
    return { names: chosen.map(([n]) => n), params: chosen.map(([, p]) => p), weight_decay: wd, lr: args.learning_rate };
  };
  const groups = [group(args.weight_decay, (n) => decay.has(n)), group(0, (n) => !decay.has(n))];
  return new TrainerOptimizer(groups, args.optim === "sgd" ? "sgd" : "adamw", [args.adam_beta1, args.adam_beta2], args.adam_epsilon);
}

/** The multiplier of the base learning rate after `step` scheduler steps (transformers' lambdas). */
export function scheduleLambda(type: SchedulerType, step: number, warmup: number, total: number): number {
  const warm = () => step / Math.max(1, warmup);
  switch (type) {
    case "constant":
      return 1;
    case "constant_with_warmup":
      return step < warmup ? warm() : 1;
    case "linear":
      if (step < warmup) return warm();
      return Math.max(0, (total - step) / Math.max(1, total - warmup));
    case "cosine": {
      if (step < warmup) return warm();
      const progress = (step - warmup) / Math.max(1, total - warmup);
      return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * progress)));
    }
    case "cosine_with_restarts": {
      if (step < warmup) return warm();
      const progress = (step - warmup) / Math.max(1, total - warmup);
      if (progress >= 1) return 0;
      return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((1 * progress) % 1))));
    }
    case "polynomial": {
      // lr_end = 1e-7, power = 1, relative to the initial lr (applied by the caller's multiplication).
      throw new TrainingError("polynomial schedules depend on the initial lr; use PolynomialSchedule via createScheduler.");
    }
    case "inverse_sqrt": {
      if (step < warmup) return warm();
      const timescale = warmup || 10000;
      const shift = timescale - warmup;
      return 1 / Math.sqrt((step + shift) / timescale);
    }
  }
}

/** A LambdaLR-style scheduler: lr = base_lr · λ(step), updated by `step()` after each optimizer step. */
export class TrainerScheduler {
  last_epoch = 0;
  constructor(
    private readonly optimizer: TrainerOptimizer,
    readonly type: SchedulerType,
    readonly num_warmup_steps: number,
    readonly num_training_steps: number,
    readonly base_lr: number,
  ) {
    this.apply();
  }

  private lambda(step: number): number {
    if (this.type === "polynomial") {
      const lrInit = this.base_lr;
      const lrEnd = 1e-7;
      if (step < this.num_warmup_steps) return step / Math.max(1, this.num_warmup_steps);
      if (step > this.num_training_steps) return lrEnd / lrInit;
      const remaining = 1 - (step - this.num_warmup_steps) / (this.num_training_steps - this.num_warmup_steps);
      return ((lrInit - lrEnd) * remaining ** 1 + lrEnd) / lrInit;
    }
    return scheduleLambda(this.type, step, this.num_warmup_steps, this.num_training_steps);
  }

  private apply(): void {
    const lr = this.base_lr * this.lambda(this.last_epoch);
    for (const g of this.optimizer.param_groups) g.lr = lr;
  }

  step(): void {
    this.last_epoch += 1;
    this.apply();
  }

  get_last_lr(): number[] {
    return this.optimizer.param_groups.map((g) => g.lr);
  }

  state_dict(): Record<string, unknown> {
    return { type: this.type, last_epoch: this.last_epoch, num_warmup_steps: this.num_warmup_steps, num_training_steps: this.num_training_steps, base_lr: this.base_lr };
  }

  load_state_dict(dict: Record<string, any>): void {
    this.last_epoch = dict.last_epoch;
    this.apply();
  }
}

/** Scales all gradients so their global L2 norm is at most `maxNorm`; returns the norm before clipping (float32). */
export function clipGradNorm(params: Parameter[], maxNorm: number): number {
  const norms: number[] = [];
  for (const p of params) {
    if (!p.grad) continue;
    let sum = 0;
    for (const v of p.grad) sum += v * v;
    norms.push(f(Math.sqrt(sum)));
  }
  let total = 0;
  for (const n of norms) total += n * n;
  const totalNorm = f(Math.sqrt(total));
  if (!(maxNorm > 0)) return totalNorm;
  const coef = Math.min(1, f(f(maxNorm) / f(totalNorm + f(1e-6))));
  if (coef < 1) {
    const c = f(coef);
    for (const p of params) if (p.grad) for (let i = 0; i < p.grad.length; i++) p.grad[i] = f(p.grad[i] * c);
  }
  return totalNorm;
}
