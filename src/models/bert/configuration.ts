import { ConfigKwargs, PretrainedConfig } from "../../configuration/configuration_utils";
import type { FieldRule } from "../../configuration/config_fields";
import { encoderLayerParameters } from "../../modeling/model_memory";

/** Options of `new BertConfig({...})`, with the defaults of bert-base-uncased. */
export interface BertConfigOptions extends ConfigKwargs {
  vocab_size?: number;
  hidden_size?: number;
  num_hidden_layers?: number;
  num_attention_heads?: number;
  intermediate_size?: number;
  hidden_act?: string;
  hidden_dropout_prob?: number;
  attention_probs_dropout_prob?: number;
  max_position_embeddings?: number;
  type_vocab_size?: number;
  initializer_range?: number;
  layer_norm_eps?: number;
  pad_token_id?: number | null;
  position_embedding_type?: string;
  use_cache?: boolean;
  classifier_dropout?: number | null;
  num_labels?: number;
  id2label?: Record<number | string, string>;
  label2id?: Record<string, number>;
}

/** The blueprint of a BERT model (Devlin et al., 2018); defaults are bert-base-uncased's. */
export class BertConfig extends PretrainedConfig {
  static override model_type = "bert";
  static override defaults: Record<string, unknown> = {
    pad_token_id: 0,
    vocab_size: 30522,
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    hidden_act: "gelu",
    intermediate_size: 3072,
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    position_embedding_type: "absolute",
    use_cache: true,
    classifier_dropout: null,
  };
  static override float_keys = ["hidden_dropout_prob", "attention_probs_dropout_prob", "initializer_range", "layer_norm_eps", "classifier_dropout"];
  static override field_rules: Record<string, FieldRule> = {
    vocab_size: "count",
    hidden_size: "count",
    num_hidden_layers: "count0",
    num_attention_heads: "count",
    intermediate_size: "count",
    max_position_embeddings: "count",
    type_vocab_size: "count",
    hidden_dropout_prob: "probability",
    attention_probs_dropout_prob: "probability",
    classifier_dropout: "probability?",
    layer_norm_eps: "positive",
    initializer_range: "nonnegative",
    hidden_act: "string",
    position_embedding_type: "string",
    use_cache: "boolean",
  };

  /** Embeddings, layers, pooler and the largest head (an untied MLM decoder). */
  static override parameter_estimate(config: BertConfig): { parameters: number; tensors: number } {
    const { vocab_size: V, hidden_size: H, intermediate_size: I, num_hidden_layers: L } = config;
    const embeddings = (V + config.max_position_embeddings + config.type_vocab_size) * H + 2 * H;
    const layer = encoderLayerParameters(H, I);
    const heads = H * H + H + (H * H + 3 * H) + (V * H + V) + H * Math.max(2, config.num_labels);
    return { parameters: embeddings + L * layer + heads, tensors: 5 + 16 * L + 10 };
  }

  declare vocab_size: number;
  declare hidden_size: number;
  declare num_hidden_layers: number;
  declare num_attention_heads: number;
  declare hidden_act: string;
  declare intermediate_size: number;
  declare hidden_dropout_prob: number;
  declare attention_probs_dropout_prob: number;
  declare max_position_embeddings: number;
  declare type_vocab_size: number;
  declare initializer_range: number;
  declare layer_norm_eps: number;
  declare position_embedding_type: string;
  declare use_cache: boolean;
  declare classifier_dropout: number | null;

  constructor(kwargs: BertConfigOptions = {}) {
    super(kwargs);
  }
}
