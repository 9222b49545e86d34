import { ConfigError, PretrainedConfig, splitHubOptions } from "../../configuration/configuration_utils";
import { ModelCallInputs, ModelLoadOptions, PreTrainedModel } from "../../modeling/modeling_utils";
import { BaseModelOutputWithPooling, CausalLMOutputWithPast, MaskedLMOutput, QuestionAnsweringModelOutput, SequenceClassifierOutput, TokenClassifierOutput } from "../../modeling/outputs";
import { GenerationOptions } from "../../modeling/generation";
import { Tensor } from "../../tensor";
import { TensorLike } from "../../modeling/inputs";
import { AutoConfig } from "./configuration_auto";
import { BertForMaskedLM, BertForQuestionAnswering, BertForSequenceClassification, BertForTokenClassification, BertModel } from "../bert/modeling";
import { DistilBertForMaskedLM, DistilBertForQuestionAnswering, DistilBertForSequenceClassification, DistilBertForTokenClassification, DistilBertModel } from "../distilbert/modeling";
import { GPT2LMHeadModel, GPT2Model } from "../gpt2/modeling";

/** A loaded model whose call returns output type `O`. */
export type ModelReturning<O> = { (inputs: ModelCallInputs): Promise<O> } & PreTrainedModel;
/** A loaded causal language model: callable and able to generate. */
export type CausalLMModel = ModelReturning<CausalLMOutputWithPast> & { generate(input_ids: TensorLike, options?: GenerationOptions): Promise<Tensor> };

type Mapping = Record<string, new (config: any) => PreTrainedModel>;

/**
 * The shared mechanics of the AutoModel classes: read config.json, pick the class registered for
 * its `model_type`, and load the weights with that class.
 */
function autoClass<M>(autoName: string, mapping: Mapping) {
  const pick = (config: PretrainedConfig) => {
    const cls = Object.prototype.hasOwnProperty.call(mapping, config.model_type) ? mapping[config.model_type] : undefined;
    if (!cls) {
      const supported = Object.keys(mapping).join(", ");
      throw new ConfigError(`Unrecognized configuration class ${config.constructor.name} (model_type "${config.model_type}") for ${autoName}. Supported model types: ${supported}.`);
    }
    return cls as unknown as typeof PreTrainedModel & (new (config: PretrainedConfig) => PreTrainedModel);
  };
  return class {
    /** Model types this class can load, and the class each one uses. */
    static readonly model_mapping: Mapping = mapping;

    constructor() {
      throw new Error(`${autoName} is designed to be instantiated using ${autoName}.from_pretrained(path) or ${autoName}.from_config(config).`);
    }

    /** Loads the model class that config.json's model_type names, with its weights; options override config values. */
    static async from_pretrained(pretrained_model_name_or_path: string, options: ModelLoadOptions = {}): Promise<M> {
      const { config: given, ignore_mismatched_sizes, ...rest } = options;
      const { hub, overrides } = splitHubOptions(rest);
      let config: PretrainedConfig;
      if (given) {
        config = given;
        config.update(overrides);
      } else {
        config = await AutoConfig.from_pretrained(pretrained_model_name_or_path, { ...hub, ...overrides });
      }
      const cls = pick(config);
      return (await cls.from_pretrained(pretrained_model_name_or_path, { ...hub, config, ignore_mismatched_sizes })) as unknown as M;
    }

    /** A model with freshly initialised weights for a config (no checkpoint). */
    static from_config(config: PretrainedConfig): M {
      const cls = pick(config);
      return new (cls as unknown as new (config: PretrainedConfig) => PreTrainedModel)(config) as unknown as M;
    }
  };
}

export const AutoModel = autoClass<ModelReturning<BaseModelOutputWithPooling & { past_key_values?: [Tensor, Tensor][] }>>("AutoModel", {
  bert: BertModel,
  distilbert: DistilBertModel,
  gpt2: GPT2Model,
});

export const AutoModelForSequenceClassification = autoClass<ModelReturning<SequenceClassifierOutput>>("AutoModelForSequenceClassification", {
  bert: BertForSequenceClassification,
  distilbert: DistilBertForSequenceClassification,
});

export const AutoModelForMaskedLM = autoClass<ModelReturning<MaskedLMOutput>>("AutoModelForMaskedLM", {
  bert: BertForMaskedLM,
  distilbert: DistilBertForMaskedLM,
});

export const AutoModelForCausalLM = autoClass<CausalLMModel>("AutoModelForCausalLM", {
  gpt2: GPT2LMHeadModel,
});

export const AutoModelForTokenClassification = autoClass<ModelReturning<TokenClassifierOutput>>("AutoModelForTokenClassification", {
  bert: BertForTokenClassification,
  distilbert: DistilBertForTokenClassification,
});

export const AutoModelForQuestionAnswering = autoClass<ModelReturning<QuestionAnsweringModelOutput>>("AutoModelForQuestionAnswering", {
  bert: BertForQuestionAnswering,
  distilbert: DistilBertForQuestionAnswering,
});
