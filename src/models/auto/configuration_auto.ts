import { cached_file } from "../../hub/resolve";
import { applyOverrides, CONFIG_NAME, ConfigError, ConfigKwargs, ConfigLoadOptions, PretrainedConfig, readConfigJson, splitHubOptions } from "../../configuration/configuration_utils";
import { BertConfig } from "../bert/configuration";
import { DistilBertConfig } from "../distilbert/configuration";
import { GPT2Config } from "../gpt2/configuration";

/** Config classes by the `model_type` written in config.json. */
export const CONFIG_MAPPING: Record<string, typeof PretrainedConfig & (new (kwargs?: ConfigKwargs) => PretrainedConfig)> = {
  bert: BertConfig,
  distilbert: DistilBertConfig,
  gpt2: GPT2Config,
};

export function configClassFor(modelType: unknown, source: string): typeof PretrainedConfig & (new (kwargs?: ConfigKwargs) => PretrainedConfig) {
  const supported = Object.keys(CONFIG_MAPPING).join(", ");
  if (typeof modelType !== "string" || modelType === "") {
    throw new ConfigError(`${source} has no "model_type" key, so the model type cannot be chosen. Add "model_type" (one of: ${supported}) to the config.`);
  }
  // only the mapping's own keys: "__proto__" or "constructor" must not reach Object's members
  const cls = Object.prototype.hasOwnProperty.call(CONFIG_MAPPING, modelType) ? CONFIG_MAPPING[modelType] : undefined;
  if (!cls) throw new ConfigError(`Unrecognized model_type ${JSON.stringify(modelType)} in ${source}. Supported model types: ${supported}.`);
  return cls;
}

/** Picks the config class from `model_type`: `await AutoConfig.from_pretrained("bert-base-uncased")`. */
export class AutoConfig {
  private constructor() {
    throw new Error("AutoConfig is designed to be instantiated using AutoConfig.from_pretrained(path) or AutoConfig.for_model(model_type).");
  }

  /** A fresh config of the given model type: `AutoConfig.for_model("bert", { num_hidden_layers: 2 })`. */
  static for_model(modelType: string, kwargs: ConfigKwargs = {}): PretrainedConfig {
    const cls = configClassFor(modelType, "AutoConfig.for_model");
    return new cls(kwargs);
  }

  /** Loads config.json from a folder or model id and returns the matching config class, with overrides applied. */
  static async from_pretrained(pretrainedModelNameOrPath: string, options: ConfigLoadOptions = {}): Promise<PretrainedConfig> {
    const { hub, overrides } = splitHubOptions(options);
    const file = (await cached_file(pretrainedModelNameOrPath, CONFIG_NAME, hub)) as string;
    const { dict, floatKeys } = readConfigJson(file);
    // Old configs may lack model_type; transformers then recognises the type in the model's name.
    const guessed = dict.model_type ?? Object.keys(CONFIG_MAPPING).sort((a, b) => b.length - a.length).find((t) => pretrainedModelNameOrPath.includes(t));
    const cls = configClassFor(guessed, file);
    const config = new cls(dict);
    const own = (config as unknown as { _floatKeys: Set<string> })._floatKeys;
    for (const key of floatKeys) own.add(key);
    applyOverrides(config, overrides);
    return config;
  }
}
