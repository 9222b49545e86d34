import type { Parameter } from "../nn/parameter";
import { Optimizer, OptimizerError, ParamGroupSpec } from "./optimizer";
import { adamwUpdate } from "./kernels/adamw";

export interface AdamWOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
}

/**
 * AdamW with torch.optim.AdamW's arithmetic (what Trainer's `optim="adamw_torch"` uses), per
 * parameter with step count t:
 *   p ← p·(1 − lr·wd);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *   p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps)
 * Buffers are float32 like torch's; each stored value rounds to float32 as torch's kernels do
 * (the arithmetic itself is in kernels/adamw.ts).
 */
export class AdamW extends Optimizer {
  constructor(params: Parameter[] | ParamGroupSpec[], options: AdamWOptions = {}) {
    super(params, { lr: options.lr ?? 1e-3, betas: options.betas ?? [0.9, 0.999], eps: options.eps ?? 1e-8, weight_decay: options.weight_decay ?? 1e-2 });
  }

  step(): void {
    for (const group of this.param_groups) {
      const lr = group.lr;
      const wd = group.weight_decay;
      const [beta1, beta2] = group.betas as [number, number];
      const eps = group.eps as number;
      const decay = Math.fround(1 - lr * wd);
      const oneMinusB1 = Math.fround(1 - beta1);
      const oneMinusB2 = Math.fround(1 - beta2);
      const b1 = Math.fround(beta1);
      const b2 = Math.fround(beta2);
      for (const p of group.params) {
        const grad = p.grad;
        if (!grad) continue;
        const data = p.data;
        if (grad.length !== data.length) throw new OptimizerError(`Gradient of a parameter of shape [${p.shape.join(", ")}] has ${grad.length} values.`);
        let st = this.state.get(p);
        if (!st) {
          st = { step: 0, exp_avg: new Float32Array(data.length), exp_avg_sq: new Float32Array(data.length) };
          this.state.set(p, st);
        }
        st.step += 1;
        const m = st.exp_avg as Float32Array;
        const v = st.exp_avg_sq as Float32Array;
        const bc1 = 1 - beta1 ** st.step;
        const bc2Sqrt = Math.sqrt(1 - beta2 ** st.step);
        adamwUpdate(data, grad, m, v, {
          decay, beta1: b1, oneMinusBeta1: oneMinusB1, beta2: b2, oneMinusBeta2: oneMinusB2,
          biasCorrection2Sqrt: Math.fround(bc2Sqrt), eps: Math.fround(eps), negStepSize: Math.fround(-Math.fround(lr / bc1)),
        });
      }
    }
  }
}
