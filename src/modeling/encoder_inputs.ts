import { Graph, GraphValue } from "../engine/graph";
import "../engine/methods";
import { Tensor } from "../tensor";
import { ConfigError, PretrainedConfig } from "../configuration/configuration_utils";
import { ModelCallInputs, ForwardSpec, MASK_VALUE } from "./modeling_utils";
import { ModelInputError, checkIdRange, ensureBatch, filled, sameShape, toTensor } from "./inputs";

/** The symbolic inputs of an encoder (BERT, DistilBERT): ids and mask are [batch, seq] int64. */
export interface EncoderGraphInputs {
  input_ids: GraphValue;
  attention_mask: GraphValue;
  token_type_ids?: GraphValue;
}

export function declareEncoderInputs(g: Graph, options: { token_type_ids: boolean }): EncoderGraphInputs {
  const input_ids = g.input("input_ids", "int64", ["batch", "seq"]);
  const attention_mask = g.input("attention_mask", "int64", ["batch", "seq"]);
  const token_type_ids = options.token_type_ids ? g.input("token_type_ids", "int64", ["batch", "seq"]) : undefined;
  return { input_ids, attention_mask, token_type_ids };
}

/**
 * The additive attention mask transformers builds from a 0/1 mask: 0 where attending, the most
 * negative float32 where not, shaped [batch, 1, 1, seq] to broadcast over heads and queries.
 */
export function extendedAttentionMask(mask: GraphValue): GraphValue {
  const m = mask.cast("float32");
  return m.mul(-1).add(1).mul(MASK_VALUE).unsqueeze([1, 2]);
}

/** Default spec from the call's flags and the config's defaults. */
export function specFromCall(config: PretrainedConfig, inputs: ModelCallInputs, labels: ForwardSpec["labels"]): ForwardSpec {
  return {
    output_hidden_states: inputs.output_hidden_states ?? config.output_hidden_states ?? false,
    output_attentions: inputs.output_attentions ?? config.output_attentions ?? false,
    labels,
    use_cache: false,
    with_past: false,
  };
}

/**
 * Checks and converts an encoder call's ids: [batch, seq] int64 ids inside the vocabulary, no longer
 * than the position table, mask and token types of the same shape (filled with 1s and 0s when absent).
 */
export function prepareEncoderFeeds(
  config: PretrainedConfig,
  inputs: ModelCallInputs,
  options: { token_type_ids: boolean; vocab_size: number; max_positions: number; type_vocab_size?: number },
): Record<string, Tensor> {
  if (inputs.input_ids === undefined || inputs.input_ids === null) {
    throw new ModelInputError("You have to specify input_ids, e.g. await model({ input_ids: [[101, 7592, 102]] }) or await model(tokenizer(text, { return_tensors: \"pt\" })).");
  }
  const input_ids = ensureBatch("input_ids", toTensor("input_ids", inputs.input_ids, "int64"));
  const [batch, seq] = input_ids.shape;
  if (seq === 0) throw new ModelInputError("input_ids is empty: each sequence needs at least one token.");
  if (seq > options.max_positions) {
    throw new ModelInputError(
      `Sequence length ${seq} is longer than this model's maximum of ${options.max_positions} positions (max_position_embeddings in its config). Truncate the inputs, e.g. tokenizer(text, { truncation: true, max_length: ${options.max_positions} }).`,
    );
  }
  checkIdRange("input_ids", input_ids, options.vocab_size, `vocabulary of this model (vocab_size ${options.vocab_size})`, "Use the tokenizer that belongs to this model.");
  const attention_mask = inputs.attention_mask === undefined || inputs.attention_mask === null ? filled([batch, seq], 1) : ensureBatch("attention_mask", toTensor("attention_mask", inputs.attention_mask, "int64"));
  if (!sameShape(attention_mask, input_ids)) {
    throw new ModelInputError(`attention_mask has shape [${attention_mask.shape.join(", ")}] but input_ids has shape [${input_ids.shape.join(", ")}]; they must match.`);
  }
  const feeds: Record<string, Tensor> = { input_ids, attention_mask };
  if (options.token_type_ids) {
    const token_type_ids = inputs.token_type_ids === undefined || inputs.token_type_ids === null ? filled([batch, seq], 0) : ensureBatch("token_type_ids", toTensor("token_type_ids", inputs.token_type_ids, "int64"));
    if (!sameShape(token_type_ids, input_ids)) {
      throw new ModelInputError(`token_type_ids has shape [${token_type_ids.shape.join(", ")}] but input_ids has shape [${input_ids.shape.join(", ")}]; they must match.`);
    }
    checkIdRange("token_type_ids", token_type_ids, options.type_vocab_size ?? 2, `token types of this model (type_vocab_size ${options.type_vocab_size ?? 2})`, "Segment ids are 0 for the first sentence and 1 for the second.");
    feeds.token_type_ids = token_type_ids;
  }
  return feeds;
}

/** Reads a required config field, with a clear error when a hand-made config lacks it. */
export function requireField<T>(config: PretrainedConfig, field: string): T {
  const value = config[field];
  if (value === undefined || value === null) {
    throw new ConfigError(`The config has no "${field}", which ${config.constructor.name} models need. Set it in the config (e.g. new ${config.constructor.name}({ ${field}: … })).`);
  }
  return value as T;
}

/** Labels for per-token heads: [batch, seq] int64 matching input_ids, −100 where ignored. */
export function tokenLabels(inputs: ModelCallInputs, input_ids: Tensor, numClasses: number, what: string): Tensor {
  const labels = ensureBatch("labels", toTensor("labels", inputs.labels!, "int64"));
  if (!sameShape(labels, input_ids)) throw new ModelInputError(`labels has shape [${labels.shape.join(", ")}] but input_ids has shape [${input_ids.shape.join(", ")}]; ${what} needs one label per token (−100 to ignore a token).`);
  const data = labels.data as BigInt64Array;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v !== -100 && (v < 0 || v >= numClasses)) throw new ModelInputError(`labels contains ${v}, outside 0…${numClasses - 1} (use −100 for tokens without a label).`);
  }
  return labels;
}
