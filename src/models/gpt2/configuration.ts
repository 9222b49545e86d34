import { ConfigKwargs, PretrainedConfig } from "../../configuration/configuration_utils";
import type { FieldRule } from "../../configuration/config_fields";

/** Options of `new GPT2Config({...})`, with the defaults of the 124M-parameter gpt2. */
export interface GPT2ConfigOptions extends ConfigKwargs {
  vocab_size?: number;
  n_positions?: number;
  n_embd?: number;
  n_layer?: number;
  n_head?: number;
  n_inner?: number | null;
  activation_function?: string;
  resid_pdrop?: number;
  embd_pdrop?: number;
  attn_pdrop?: number;
  layer_norm_epsilon?: number;
  initializer_range?: number;
  scale_attn_weights?: boolean;
  use_cache?: boolean;
  bos_token_id?: number | null;
  eos_token_id?: number | null;
  scale_attn_by_inverse_layer_idx?: boolean;
  reorder_and_upcast_attn?: boolean;
  hidden_size?: number;
  max_position_embeddings?: number;
  num_attention_heads?: number;
  num_hidden_layers?: number;
}

/** The blueprint of a GPT-2 model (Radford et al., 2019). */
export class GPT2Config extends PretrainedConfig {
  static override model_type = "gpt2";
  static override attribute_map: Record<string, string> = {
    hidden_size: "n_embd",
    max_position_embeddings: "n_positions",
    num_attention_heads: "n_head",
    num_hidden_layers: "n_layer",
  };
  static override defaults: Record<string, unknown> = {
    vocab_size: 50257,
    n_positions: 1024,
    n_embd: 768,
    n_layer: 12,
    n_head: 12,
    n_inner: null,
    activation_function: "gelu_new",
    resid_pdrop: 0.1,
    embd_pdrop: 0.1,
    attn_pdrop: 0.1,
    layer_norm_epsilon: 1e-5,
    initializer_range: 0.02,
    summary_type: "cls_index",
    summary_use_proj: true,
    summary_activation: null,
    summary_first_dropout: 0.1,
    summary_proj_to_labels: true,
    scale_attn_weights: true,
    use_cache: true,
    scale_attn_by_inverse_layer_idx: false,
    reorder_and_upcast_attn: false,
    bos_token_id: 50256,
    eos_token_id: 50256,
  };
  static override float_keys = ["resid_pdrop", "embd_pdrop", "attn_pdrop", "layer_norm_epsilon", "initializer_range", "summary_first_dropout"];
  static override field_rules: Record<string, FieldRule> = {
    vocab_size: "count",
    n_positions: "count",
    n_embd: "count",
    n_layer: "count0",
    n_head: "count",
    n_inner: "count?",
    activation_function: "string",
    resid_pdrop: "probability",
    embd_pdrop: "probability",
    attn_pdrop: "probability",
    summary_first_dropout: "probability",
    layer_norm_epsilon: "positive",
    initializer_range: "nonnegative",
    scale_attn_weights: "boolean",
    use_cache: "boolean",
    scale_attn_by_inverse_layer_idx: "boolean",
    reorder_and_upcast_attn: "boolean",
  };

  /** Token and position embeddings, blocks and the final LayerNorm (the LM head is tied to wte). */
  static override parameter_estimate(config: GPT2Config): { parameters: number; tensors: number } {
    const { vocab_size: V, n_embd: E, n_layer: L } = config;
    const inner = config.n_inner ?? 4 * E;
    const block = 2 * E + (E * 3 * E + 3 * E) + (E * E + E) + 2 * E + (E * inner + inner) + (inner * E + E);
    return { parameters: (V + config.n_positions) * E + L * block + 2 * E + E * Math.max(2, config.num_labels), tensors: 4 + 12 * L + 2 };
  }

  declare vocab_size: number;
  declare n_positions: number;
  declare n_embd: number;
  declare n_layer: number;
  declare n_head: number;
  declare n_inner: number | null;
  declare activation_function: string;
  declare resid_pdrop: number;
  declare embd_pdrop: number;
  declare attn_pdrop: number;
  declare layer_norm_epsilon: number;
  declare initializer_range: number;
  declare scale_attn_weights: boolean;
  declare use_cache: boolean;
  declare scale_attn_by_inverse_layer_idx: boolean;
  declare reorder_and_upcast_attn: boolean;

  constructor(kwargs: GPT2ConfigOptions = {}) {
    super(kwargs);
  }

  get hidden_size(): number {
    return this.n_embd;
  }
  set hidden_size(value: number) {
    this.n_embd = value;
  }
  get max_position_embeddings(): number {
    return this.n_positions;
  }
  set max_position_embeddings(value: number) {
    this.n_positions = value;
  }
  get num_attention_heads(): number {
    return this.n_head;
  }
  set num_attention_heads(value: number) {
    this.n_head = value;
  }
  get num_hidden_layers(): number {
    return this.n_layer;
  }
  set num_hidden_layers(value: number) {
    this.n_layer = value;
  }
}
