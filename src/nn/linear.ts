import { GraphValue } from "../engine/graph";
import "../engine/methods";
import { Generator, default_generator } from "../utils/random";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { checkedElementCount } from "../utils/size_limits";

/**
 * y = x Wᵀ + b with W of shape [out_features, in_features], as torch.nn.Linear (so Hub weights load
 * as they are). Initialised like torch: uniform(±1/√in_features).
 */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(readonly in_features: number, readonly out_features: number, options: { bias?: boolean; generator?: Generator } = {}) {
    super();
    const gen = options.generator ?? default_generator;
    const bound = 1 / Math.sqrt(in_features);
    this.weight = new Parameter(gen.fill_uniform(new Float32Array(checkedElementCount([out_features, in_features], "Linear(in_features, out_features)", 4, "model")), -bound, bound) as Float32Array, [out_features, in_features]);
    this.bias = options.bias === false ? null : new Parameter(gen.fill_uniform(new Float32Array(out_features), -bound, bound) as Float32Array, [out_features]);
  }

  forward(x: GraphValue): GraphValue {
    const g = x.graph;
    const w = g.param(this.weight);
    const y = x.matmul(w.transpose([1, 0]));
    return this.bias ? y.add(g.param(this.bias)) : y;
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? "True" : "False"}`;
  }
}
