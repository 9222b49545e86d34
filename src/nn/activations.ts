import { GraphValue } from "../engine/graph";
import { gelu, gelu_new } from "../engine/ops/gelu";
import { relu, sigmoid, tanh } from "../engine/ops/unary";
import { mul } from "../engine/ops/mul";

export type Activation = (x: GraphValue) => GraphValue;

/**
 * Activations by the names configs use (`hidden_act`, `activation_function`), like transformers'
 * ACT2FN: "gelu" is the exact erf form, "gelu_new"/"gelu_pytorch_tanh" the tanh approximation.
 */
export const ACT2FN: Record<string, Activation> = {
  gelu: (x) => gelu(x),
  gelu_new: gelu_new,
  gelu_pytorch_tanh: gelu_new,
  gelu_fast: gelu_new,
  relu,
  tanh,
  sigmoid,
  silu: (x) => mul(x, sigmoid(x)),
  swish: (x) => mul(x, sigmoid(x)),
};

export function get_activation(name: string): Activation {
  const fn = ACT2FN[name];
  if (!fn) throw new Error(`Unknown activation "${name}". Known: ${Object.keys(ACT2FN).join(", ")}.`);
  return fn;
}
