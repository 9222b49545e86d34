import { GraphValue } from "../engine/graph";
import { gelu } from "../engine/ops/gelu";
import { relu, sigmoid, tanh } from "../engine/ops/unary";
import { softmax } from "../engine/ops/softmax";
import { Module } from "./module";

/** torch.nn.ReLU */
export class ReLU extends Module {
  forward(x: GraphValue): GraphValue {
    return relu(x);
  }
}

/** torch.nn.GELU (approximate "none" = erf form, "tanh" = GPT-2's approximation) */
export class GELU extends Module {
  constructor(readonly approximate: "none" | "tanh" = "none") {
    super();
  }
  forward(x: GraphValue): GraphValue {
    return gelu(x, this.approximate);
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** torch.nn.Tanh */
export class Tanh extends Module {
  forward(x: GraphValue): GraphValue {
    return tanh(x);
  }
}

/** torch.nn.Sigmoid */
export class Sigmoid extends Module {
  forward(x: GraphValue): GraphValue {
    return sigmoid(x);
  }
}

/** torch.nn.Softmax(dim) */
export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  forward(x: GraphValue): GraphValue {
    return softmax(x, this.dim);
  }
  override extra_repr(): string {
    return `dim=${this.dim}`;
  }
}
