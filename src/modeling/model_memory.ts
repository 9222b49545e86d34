// The memory a model of a config needs, estimated before any weight is allocated: a config.json
// with `num_hidden_layers: 1e9` or `vocab_size: 1e12` is refused at once, naming the field,
// instead of hanging while layers are built or failing with a bare RangeError.
import type { PretrainedConfig } from "../configuration/configuration_utils";
import { refuseAbove } from "../utils/size_limits";

/** What each weight tensor costs beside its values (its Parameter, module and graph bookkeeping). */
const BYTES_PER_TENSOR = 1024;

type ConfigClass = typeof PretrainedConfig;

/** The weights of one post-LN encoder layer (BERT, DistilBERT): Q, K, V, output, two LayerNorms and the feed-forward pair. */
export function encoderLayerParameters(hidden: number, intermediate: number): number {
  return 4 * (hidden * hidden + hidden) + 2 * hidden + (hidden * intermediate + intermediate) + (intermediate * hidden + hidden) + 2 * hidden;
}

function estimatedBytes(cls: ConfigClass, config: PretrainedConfig): number {
  const { parameters, tensors } = cls.parameter_estimate(config);
  return parameters * 4 + tensors * BYTES_PER_TENSOR;
}

/**
 * The size field that makes the model largest: the one whose reset to the class default shrinks the
 * estimate most. It is the field the error names.
 */
function largestField(cls: ConfigClass, config: PretrainedConfig, bytes: number): string {
  let best = "";
  let bestSaving = -1;
  for (const [field, rule] of Object.entries(cls.field_rules)) {
    if (!rule.startsWith("count") || !(field in cls.defaults)) continue;
    const variant = Object.assign(Object.create(Object.getPrototypeOf(config)), config, { [field]: cls.defaults[field] }) as PretrainedConfig;
    const saving = bytes - estimatedBytes(cls, variant);
    if (saving > bestSaving) [best, bestSaving] = [field, saving];
  }
  return best;
}

/** Validates the config's fields and refuses a model whose weights would exceed TLAB_MAX_MODEL_BYTES. */
export function checkModelMemory(config: PretrainedConfig, modelName: string): void {
  config.validate();
  const cls = config.constructor as ConfigClass;
  const bytes = estimatedBytes(cls, config);
  if (!(bytes > 0)) return;
  const field = largestField(cls, config, bytes) || "config";
  refuseAbove(bytes, "model", field, config[field], `for the weights of a ${modelName}`);
}
