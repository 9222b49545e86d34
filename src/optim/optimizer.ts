import type { Parameter } from "../nn/parameter";

/** Hyper-parameters of one parameter group (torch names); `params` are the group's parameters. */
export interface ParamGroup {
  params: Parameter[];
  lr: number;
  weight_decay: number;
  /** Set by the first LR scheduler attached, like torch's `initial_lr`. */
  initial_lr?: number;
  [option: string]: unknown;
}

/** What a caller may pass per group: the parameters and any option overriding the defaults. */
export type ParamGroupSpec = { params: Parameter[] } & Partial<Omit<ParamGroup, "params">>;

/** Per-parameter optimizer state: float32 buffers plus a step count. */
export interface ParamState {
  step: number;
  [buffer: string]: Float32Array | number;
}

/**
 * A saved optimizer, shaped like torch's `optimizer.state_dict()`: parameters are referred to by
 * their position across all groups, and buffers are copies (restoring gives the same next step).
 */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: (Omit<ParamGroup, "params"> & { params: number[] })[];
}

export class OptimizerError extends Error {
  override name = "OptimizerError";
}

/** Base class, like torch.optim.Optimizer: parameter groups, per-parameter state, zero_grad, state_dict. */
export abstract class Optimizer {
  readonly param_groups: ParamGroup[];
  readonly state = new Map<Parameter, ParamState>();

  constructor(params: Parameter[] | ParamGroupSpec[], defaults: Omit<ParamGroup, "params">) {
    const specs: ParamGroupSpec[] = params.length > 0 && "params" in (params[0] as object) ? (params as ParamGroupSpec[]) : [{ params: params as Parameter[] }];
    this.param_groups = specs.map((s) => ({ ...defaults, ...s, params: [...s.params] }) as ParamGroup);
    const seen = new Set<Parameter>();
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (seen.has(p)) throw new OptimizerError("A parameter appears in more than one parameter group.");
        seen.add(p);
      }
    }
  }

  /** Applies one update to every parameter that has a gradient. */
  abstract step(): void;

  /** Forgets the gradients (sets `grad` to null, as torch's default `set_to_none=True`). */
  zero_grad(): void {
    for (const g of this.param_groups) for (const p of g.params) p.grad = null;
  }

  private allParams(): Parameter[] {
    return this.param_groups.flatMap((g) => g.params);
  }

  state_dict(): OptimizerStateDict {
    const index = new Map(this.allParams().map((p, i) => [p, i]));
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const copy: ParamState = { step: s.step };
      for (const [k, v] of Object.entries(s)) if (v instanceof Float32Array) copy[k] = new Float32Array(v);
      state[index.get(p)!] = copy;
    }
    const param_groups = this.param_groups.map((g) => {
      const { params, ...options } = g;
      return { ...options, params: params.map((p) => index.get(p)!) };
    });
    return { state, param_groups };
  }

  load_state_dict(sd: OptimizerStateDict): void {
    if (sd.param_groups.length !== this.param_groups.length) {
      throw new OptimizerError(`The saved optimizer has ${sd.param_groups.length} parameter groups, this one has ${this.param_groups.length}.`);
    }
    const params = this.allParams();
    sd.param_groups.forEach((saved, i) => {
      const g = this.param_groups[i];
      if (saved.params.length !== g.params.length) throw new OptimizerError(`Parameter group ${i} has ${g.params.length} parameters but the saved one has ${saved.params.length}.`);
      const { params: _ignored, ...options } = saved;
      Object.assign(g, options);
    });
    this.state.clear();
    for (const [k, s] of Object.entries(sd.state)) {
      const p = params[Number(k)];
      if (!p) throw new OptimizerError(`Saved state refers to parameter ${k}, which does not exist.`);
      const copy: ParamState = { step: s.step };
      for (const [name, v] of Object.entries(s)) {
        if (v instanceof Float32Array) {
          if (v.length !== p.numel) throw new OptimizerError(`Saved ${name} for parameter ${k} has ${v.length} values, the parameter has ${p.numel}.`);
          copy[name] = new Float32Array(v);
        }
      }
      this.state.set(p, copy);
    }
  }
}
