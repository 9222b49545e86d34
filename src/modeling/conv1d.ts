import { GraphValue } from "../engine/graph";
import "../engine/methods";
import { Module } from "../nn/module";
import { Parameter } from "../nn/parameter";

/**
 * GPT-2's "Conv1D" (Radford et al.): a linear layer whose weight is stored transposed, [in, out],
 * so `y = x W + b`. Kept as its own module because the Hub's GPT-2 checkpoints store it that way.
 */
export class Conv1D extends Module {
  weight: Parameter;
  bias: Parameter;

  constructor(readonly nf: number, readonly nx: number) {
    super();
    this.weight = Parameter.zeros([nx, nf]);
    this.bias = Parameter.zeros([nf]);
  }

  forward(x: GraphValue): GraphValue {
    const g = x.graph;
    return x.matmul(g.param(this.weight)).add(g.param(this.bias));
  }

  override extra_repr(): string {
    return `nf=${this.nf}, nx=${this.nx}`;
  }
}
