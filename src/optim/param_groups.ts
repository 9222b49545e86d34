import type { Module } from "../nn/module";
import { LayerNorm } from "../nn/layer_norm";
import type { Parameter } from "../nn/parameter";

/**
 * Names of the parameters that get weight decay, with transformers.Trainer's rule: everything
 * except parameters of LayerNorm modules and any parameter whose name contains "bias".
 */
export function get_decay_parameter_names(model: Module): string[] {
  const inLayerNorm = new Set<Parameter>();
  for (const m of model.modules()) if (m instanceof LayerNorm) for (const [, p] of m.named_own_parameters()) inLayerNorm.add(p);
  return model
    .named_parameters()
    .filter(([name, p]) => !inLayerNorm.has(p) && !name.includes("bias"))
    .map(([name]) => name);
}

/** The two parameter groups Trainer builds: decayed weights, and biases/LayerNorm without decay. */
export function weight_decay_param_groups(model: Module, weight_decay: number): { params: Parameter[]; weight_decay: number }[] {
  const decay = new Set(get_decay_parameter_names(model));
  const trainable = model.named_parameters().filter(([, p]) => p.requires_grad);
  return [
    { params: trainable.filter(([n]) => decay.has(n)).map(([, p]) => p), weight_decay },
    { params: trainable.filter(([n]) => !decay.has(n)).map(([, p]) => p), weight_decay: 0 },
  ];
}
