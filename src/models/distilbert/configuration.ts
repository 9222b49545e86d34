import { ConfigKwargs, PretrainedConfig } from "../../configuration/configuration_utils";
import type { FieldRule } from "../../configuration/config_fields";
import { encoderLayerParameters } from "../../modeling/model_memory";

/** Options of `new DistilBertConfig({...})`, with the defaults of distilbert-base-uncased. */
export interface DistilBertConfigOptions extends ConfigKwargs {
  vocab_size?: number;
  max_position_embeddings?: number;
  sinusoidal_pos_embds?: boolean;
  n_layers?: number;
  n_heads?: number;
  dim?: number;
  hidden_dim?: number;
  dropout?: number;
  attention_dropout?: number;
  activation?: string;
  initializer_range?: number;
  qa_dropout?: number;
  seq_classif_dropout?: number;
  pad_token_id?: number | null;
  hidden_size?: number;
  num_attention_heads?: number;
  num_hidden_layers?: number;
  num_labels?: number;
  id2label?: Record<number | string, string>;
  label2id?: Record<string, number>;
}

/** The blueprint of a DistilBERT model (Sanh et al., 2019): a 6-layer student of BERT. */
export class DistilBertConfig extends PretrainedConfig {
  static override model_type = "distilbert";
  static override attribute_map: Record<string, string> = { hidden_size: "dim", num_attention_heads: "n_heads", num_hidden_layers: "n_layers" };
  static override defaults: Record<string, unknown> = {
    vocab_size: 30522,
    max_position_embeddings: 512,
    sinusoidal_pos_embds: false,
    n_layers: 6,
    n_heads: 12,
    dim: 768,
    hidden_dim: 4 * 768,
    dropout: 0.1,
    attention_dropout: 0.1,
    activation: "gelu",
    initializer_range: 0.02,
    qa_dropout: 0.1,
    seq_classif_dropout: 0.2,
    pad_token_id: 0,
  };
  static override float_keys = ["dropout", "attention_dropout", "initializer_range", "qa_dropout", "seq_classif_dropout"];
  static override field_rules: Record<string, FieldRule> = {
    vocab_size: "count",
    max_position_embeddings: "count",
    sinusoidal_pos_embds: "boolean",
    n_layers: "count0",
    n_heads: "count",
    dim: "count",
    hidden_dim: "count",
    dropout: "probability",
    attention_dropout: "probability",
    qa_dropout: "probability",
    seq_classif_dropout: "probability",
    initializer_range: "nonnegative",
    activation: "string",
  };

  /** Embeddings, layers and the largest head (the MLM transform and projector). */
  static override parameter_estimate(config: DistilBertConfig): { parameters: number; tensors: number } {
    const { vocab_size: V, dim: D, hidden_dim: F, n_layers: L } = config;
    const embeddings = (V + config.max_position_embeddings) * D + 2 * D;
    const layer = encoderLayerParameters(D, F);
    const heads = D * D + D + 2 * D + (V * D + V) + (D * D + D) + D * Math.max(2, config.num_labels);
    return { parameters: embeddings + L * layer + heads, tensors: 4 + 16 * L + 10 };
  }

  declare vocab_size: number;
  declare max_position_embeddings: number;
  declare sinusoidal_pos_embds: boolean;
  declare n_layers: number;
  declare n_heads: number;
  declare dim: number;
  declare hidden_dim: number;
  declare dropout: number;
  declare attention_dropout: number;
  declare activation: string;
  declare initializer_range: number;
  declare qa_dropout: number;
  declare seq_classif_dropout: number;

  constructor(kwargs: DistilBertConfigOptions = {}) {
    super(kwargs);
  }

  get hidden_size(): number {
    return this.dim;
  }
  set hidden_size(value: number) {
    this.dim = value;
  }
  get num_attention_heads(): number {
    return this.n_heads;
  }
  set num_attention_heads(value: number) {
    this.n_heads = value;
  }
  get num_hidden_layers(): number {
    return this.n_layers;
  }
  set num_hidden_layers(value: number) {
    this.n_layers = value;
  }
}
