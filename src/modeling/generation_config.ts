import { PretrainedConfig } from "../configuration/configuration_utils";
import { pythonJsonDumps } from "../configuration/python_json";

const GENERATION_KEYS = [
  "max_length", "min_length", "do_sample", "early_stopping", "num_beams", "num_beam_groups", "diversity_penalty", "temperature", "top_k", "top_p",
  "typical_p", "repetition_penalty", "length_penalty", "no_repeat_ngram_size", "encoder_no_repeat_ngram_size", "bad_words_ids", "num_return_sequences",
  "output_scores", "return_dict_in_generate", "forced_bos_token_id", "forced_eos_token_id", "remove_invalid_values", "exponential_decay_length_penalty",
  "suppress_tokens", "begin_suppress_tokens", "pad_token_id", "bos_token_id", "eos_token_id", "decoder_start_token_id",
];

/** generation_config.json as `GenerationConfig.from_model_config(config).save_pretrained()` writes it. */
export function generationConfigJson(config: PretrainedConfig): string {
  const defaults = new PretrainedConfig().to_dict();
  const dict: Record<string, unknown> = { _from_model_config: true };
  for (const key of GENERATION_KEYS) {
    const value = config[key];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(defaults[key])) dict[key] = value;
  }
  dict.transformers_version = config.to_dict().transformers_version;
  return pythonJsonDumps(dict, { floatKeys: new Set(["diversity_penalty", "temperature", "top_p", "typical_p", "repetition_penalty", "length_penalty"]) }) + "\n";
}
