import type { Parameter } from "../nn/parameter";
import { Optimizer, ParamGroupSpec } from "./optimizer";

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent with torch.optim.SGD's arithmetic: g ← g + wd·p; with momentum,
 * b ← μ·b + (1−dampening)·g (b ← g on the first step), g ← nesterov ? g + μ·b : b; p ← p − lr·g.
 */
export class SGD extends Optimizer {
  constructor(params: Parameter[] | ParamGroupSpec[], options: SGDOptions = {}) {
    super(params, {
      lr: options.lr ?? 1e-3,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0,
      nesterov: options.nesterov ?? false,
    });
  }

  step(): void {
    for (const group of this.param_groups) {
      const lr = Math.fround(group.lr);
      const wd = Math.fround(group.weight_decay);
      const mu = Math.fround(group.momentum as number);
      const damp = Math.fround(1 - (group.dampening as number));
      const nesterov = group.nesterov as boolean;
      for (const p of group.params) {
        const grad = p.grad;
        if (!grad) continue;
        const data = p.data;
        let buf: Float32Array | null = null;
        let first = false;
        if (mu !== 0) {
          let st = this.state.get(p);
          if (!st) {
            st = { step: 0, momentum_buffer: new Float32Array(data.length) };
            this.state.set(p, st);
            first = true;
          }
          st.step += 1;
          buf = st.momentum_buffer as Float32Array;
        }
        for (let i = 0; i < data.length; i++) {
          let g = wd !== 0 ? Math.fround(grad[i] + Math.fround(wd * data[i])) : grad[i];
          if (buf) {
            buf[i] = first ? g : Math.fround(Math.fround(mu * buf[i]) + Math.fround(damp * g));
            g = nesterov ? Math.fround(g + Math.fround(mu * buf[i])) : buf[i];
          }
          data[i] = Math.fround(data[i] - Math.fround(lr * g));
        }
      }
    }
  }
}
