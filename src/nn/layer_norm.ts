import { GraphValue } from "../engine/graph";
import { layer_norm } from "../engine/ops/layer_norm";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { pyFloat } from "./repr";
import { checkedElementCount } from "../utils/size_limits";

/** Layer normalisation over the last dim with a learned scale and shift, like torch.nn.LayerNorm. */
export class LayerNorm extends Module {
  weight: Parameter;
  bias: Parameter;
  readonly eps: number;

  constructor(readonly normalized_shape: number, options: { eps?: number } = {}) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.weight = new Parameter(new Float32Array(checkedElementCount([normalized_shape], "LayerNorm(normalized_shape)", 4, "model")).fill(1), [normalized_shape]);
    this.bias = Parameter.zeros([normalized_shape]);
  }

  forward(x: GraphValue): GraphValue {
    const g = x.graph;
    return layer_norm(x, g.param(this.weight), g.param(this.bias), this.eps);
  }

  override extra_repr(): string {
    return `(${this.normalized_shape},), eps=${pyFloat(this.eps)}, elementwise_affine=True`;
  }
}
