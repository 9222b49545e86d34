// Which options `generate` understands. A misspelt or unsupported option must not be dropped
// silently (the text would come out as if it had not been given), so each one raises.
import { ModelInputError } from "./inputs";
import { closestName } from "../utils/closest_name";

/** An option `generate` does not know, or knows but does not implement here. */
export class GenerationOptionError extends ModelInputError {
  override name = "GenerationOptionError";
  constructor(
    message: string,
    /** The option's name as it was passed. */
    readonly option: string,
  ) {
    super(message);
  }
}

/** Every option generate() implements. */
export const SUPPORTED_GENERATION_OPTIONS = new Set([
  "max_new_tokens", "max_length", "do_sample", "temperature", "top_k", "top_p", "seed", "eos_token_id", "pad_token_id", "bos_token_id",
  "use_cache", "attention_mask", "num_return_sequences", "repetition_penalty", "no_repeat_ngram_size", "num_beams", "length_penalty",
  "early_stopping", "return_dict_in_generate", "streamer",
]);

/** transformers' generation options that are not implemented here, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  min_length: "", min_new_tokens: "", max_time: "", stop_strings: "", num_beam_groups: "", diversity_penalty: "", penalty_alpha: "",
  typical_p: "", epsilon_cutoff: "", eta_cutoff: "", min_p: "", top_h: "", bad_words_ids: "", force_words_ids: "", constraints: "",
  sequence_bias: "", suppress_tokens: "", begin_suppress_tokens: "", forced_bos_token_id: "", forced_eos_token_id: "",
  exponential_decay_length_penalty: "", encoder_repetition_penalty: "", encoder_no_repeat_ngram_size: "", renormalize_logits: "",
  remove_invalid_values: "", guidance_scale: "", low_memory: "", watermarking_config: "", cache_implementation: "",
  assistant_model: "", prompt_lookup_num_tokens: "", num_assistant_tokens: "", logits_processor: "", stopping_criteria: "",
  prefix_allowed_tokens_fn: "", output_logits: "", output_attentions: "", output_hidden_states: "", decoder_start_token_id: "",
  output_scores: " Use return_dict_in_generate: true for the sequences and, with beam search, their sequences_scores.",
  generation_config: " Pass its fields (max_new_tokens, num_beams, …) as options instead.",
};

/** Raises a GenerationOptionError for the first option that generate() would otherwise ignore. */
export function checkGenerationOptions(options: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || SUPPORTED_GENERATION_OPTIONS.has(key)) continue;
    if (Object.prototype.hasOwnProperty.call(UNSUPPORTED, key)) {
      throw new GenerationOptionError(`The generation option ${key} is not supported here.${UNSUPPORTED[key]} Supported options: ${[...SUPPORTED_GENERATION_OPTIONS].join(", ")}.`, key);
    }
    const suggestion = closestName(key, [...SUPPORTED_GENERATION_OPTIONS]);
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : "";
    throw new GenerationOptionError(
      `Unknown generation option ${key}.${hint} Supported options: ${[...SUPPORTED_GENERATION_OPTIONS].join(", ")}.`,
      key,
    );
  }
}
