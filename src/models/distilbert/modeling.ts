// DistilBERT (Sanh et al., 2019, "DistilBERT, a distilled version of BERT"): BERT with half the
// layers, no token types and no pooler, trained by distillation. Follows modeling_distilbert.py.
import { Graph, GraphValue } from "../../engine/graph";
import "../../engine/methods";
import { arange_like } from "../../engine/ops/shape_ops";
import { where } from "../../engine/ops/where";
import { Module, ModuleList, Linear, Embedding, LayerNorm, Dropout, Parameter, ACT2FN } from "../../nn";
import { Activation } from "../../nn/activations";
import { Tensor } from "../../tensor";
import { Generator } from "../../utils/random";
import { ForwardSpec, GraphOutputs, MASK_VALUE, ModelCallInputs, PreTrainedModel, resizedBias } from "../../modeling/modeling_utils";
import { BaseModelOutput, MaskedLMOutput, ModelOutput, QuestionAnsweringModelOutput, SequenceClassifierOutput, TokenClassifierOutput } from "../../modeling/outputs";
import { EncoderGraphInputs, declareEncoderInputs, prepareEncoderFeeds, requireField, specFromCall, tokenLabels } from "../../modeling/encoder_inputs";
import { cross_entropy } from "../../modeling/losses";
import { ModelInputError } from "../../modeling/inputs";
import { NO_DRAW, withoutInitialisation } from "../../modeling/init_control";
import {
  prepareQuestionAnswering,
  prepareSequenceClassification,
  prepareTokenClassification,
  questionAnsweringOutputs,
  sequenceClassificationOutputs,
  tokenClassificationOutputs,
} from "../../modeling/heads";
import { DistilBertConfig } from "./configuration";
import { ConfigError } from "../../configuration/configuration_utils";

function activation(name: string): Activation {
  const fn = ACT2FN[name];
  if (!fn) throw new ModelInputError(`activation "${name}" is not supported. Supported: ${Object.keys(ACT2FN).join(", ")}.`);
  return fn;
}

/** The fixed sin/cos position table of "Attention Is All You Need", used when sinusoidal_pos_embds is set. */
export function sinusoidalTable(nPositions: number, dim: number): Float32Array {
  const out = new Float32Array(nPositions * dim);
  for (let pos = 0; pos < nPositions; pos++) {
    for (let j = 0; j < dim; j++) {
      const angle = pos / Math.pow(10000, (2 * Math.floor(j / 2)) / dim);
      out[pos * dim + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

/** Token plus position embeddings (no segments), then LayerNorm and dropout. */
export class Embeddings extends Module {
  word_embeddings: Embedding;
  position_embeddings: Embedding;
  LayerNorm: LayerNorm;
  dropout: Dropout;
  readonly sinusoidal: boolean;

  constructor(config: DistilBertConfig) {
    super();
    const dim = requireField<number>(config, "dim");
    this.word_embeddings = new Embedding(requireField(config, "vocab_size"), dim, { padding_idx: config.pad_token_id ?? null, ...NO_DRAW });
    this.position_embeddings = new Embedding(requireField(config, "max_position_embeddings"), dim, NO_DRAW);
    this.sinusoidal = !!config.sinusoidal_pos_embds;
    if (this.sinusoidal) this.useSinusoidalPositions();
    this.LayerNorm = new LayerNorm(dim, { eps: 1e-12 });
    this.dropout = new Dropout(config.dropout);
  }

  /** Fills the position table with the sinusoidal values and freezes it. */
  useSinusoidalPositions(): void {
    const w = this.position_embeddings.weight;
    w.data = sinusoidalTable(w.shape[0], w.shape[1]);
    w.requires_grad = false;
  }

  forward(input_ids: GraphValue): GraphValue {
    const positions = this.position_embeddings.forward(arange_like(input_ids, 1));
    return this.dropout.forward(this.LayerNorm.forward(this.word_embeddings.forward(input_ids).add(positions)));
  }
}

/** Multi-head self-attention; queries are scaled by 1/√d before the dot product, as DistilBERT does. */
export class MultiHeadSelfAttention extends Module {
  dropout: Dropout;
  q_lin: Linear;
  k_lin: Linear;
  v_lin: Linear;
  out_lin: Linear;
  readonly n_heads: number;
  readonly dim_per_head: number;
  readonly dim: number;

  constructor(config: DistilBertConfig) {
    super();
    this.n_heads = config.n_heads;
    this.dim = config.dim;
    if (this.dim % this.n_heads !== 0) throw new ModelInputError(`dim (${this.dim}) must be divisible by n_heads (${this.n_heads}).`);
    this.dim_per_head = this.dim / this.n_heads;
    this.dropout = new Dropout(config.attention_dropout);
    this.q_lin = new Linear(this.dim, this.dim, NO_DRAW);
    this.k_lin = new Linear(this.dim, this.dim, NO_DRAW);
    this.v_lin = new Linear(this.dim, this.dim, NO_DRAW);
    this.out_lin = new Linear(this.dim, this.dim, NO_DRAW);
  }

  private shape(x: GraphValue): GraphValue {
    return x.reshape(["batch", "seq", this.n_heads, this.dim_per_head]).transpose([0, 2, 1, 3]);
  }

  forward(x: GraphValue, padding: GraphValue): { output: GraphValue; probs: GraphValue } {
    const q = this.shape(this.q_lin.forward(x)).div(Math.sqrt(this.dim_per_head));
    const k = this.shape(this.k_lin.forward(x));
    const v = this.shape(this.v_lin.forward(x));
    const scores = where(padding, MASK_VALUE, q.matmul(k.transpose([0, 1, 3, 2])));
    const probs = scores.softmax(-1);
    const context = this.dropout.forward(probs).matmul(v).transpose([0, 2, 1, 3]).reshape(["batch", "seq", this.dim]);
    return { output: this.out_lin.forward(context), probs };
  }
}

/** The feed-forward network: dim → hidden_dim → activation → dim, then dropout. */
export class FFN extends Module {
  dropout: Dropout;
  lin1: Linear;
  lin2: Linear;
  private readonly _act: Activation;

  constructor(config: DistilBertConfig) {
    super();
    this.dropout = new Dropout(config.dropout);
    this.lin1 = new Linear(config.dim, config.hidden_dim, NO_DRAW);
    this.lin2 = new Linear(config.hidden_dim, config.dim, NO_DRAW);
    this._act = activation(config.activation);
  }

  forward(x: GraphValue): GraphValue {
    return this.dropout.forward(this.lin2.forward(this._act(this.lin1.forward(x))));
  }
}

/** One encoder layer: attention, residual + LayerNorm, feed-forward, residual + LayerNorm. */
export class TransformerBlock extends Module {
  attention: MultiHeadSelfAttention;
  sa_layer_norm: LayerNorm;
  ffn: FFN;
  output_layer_norm: LayerNorm;

  constructor(config: DistilBertConfig) {
    super();
    this.attention = new MultiHeadSelfAttention(config);
    this.sa_layer_norm = new LayerNorm(config.dim, { eps: 1e-12 });
    this.ffn = new FFN(config);
    this.output_layer_norm = new LayerNorm(config.dim, { eps: 1e-12 });
  }

  forward(x: GraphValue, padding: GraphValue): { output: GraphValue; probs: GraphValue } {
    const attention = this.attention.forward(x, padding);
    const sa = this.sa_layer_norm.forward(attention.output.add(x));
    return { output: this.output_layer_norm.forward(this.ffn.forward(sa).add(sa)), probs: attention.probs };
  }
}

export class Transformer extends Module {
  layer: ModuleList<TransformerBlock>;

  constructor(config: DistilBertConfig) {
    super();
    this.layer = new ModuleList(Array.from({ length: requireField<number>(config, "n_layers") }, () => new TransformerBlock(config)));
  }

  forward(x: GraphValue, padding: GraphValue): { last_hidden_state: GraphValue; hidden_states: GraphValue[]; attentions: GraphValue[] } {
    const hidden_states: GraphValue[] = [x];
    const attentions: GraphValue[] = [];
    let h = x;
    for (const block of this.layer) {
      const out = block.forward(h, padding);
      h = out.output;
      hidden_states.push(h);
      attentions.push(out.probs);
    }
    return { last_hidden_state: h, hidden_states, attentions };
  }
}

interface EncoderResult {
  last_hidden_state: GraphValue;
  hidden_states: GraphValue[];
  attentions: GraphValue[];
}

export abstract class DistilBertPreTrainedModel extends PreTrainedModel {
  static override config_class = DistilBertConfig;
  static override base_model_prefix = "distilbert";
  declare config: DistilBertConfig;

  override init_weights(generator?: Generator, only?: Set<Parameter>): void {
    super.init_weights(generator, only);
    // The sinusoidal table is fixed, not drawn.
    for (const module of this.modules()) {
      if (module instanceof Embeddings && module.sinusoidal && (!only || only.has(module.position_embeddings.weight))) module.useSinusoidalPositions();
    }
  }

  protected encoderFeeds(inputs: ModelCallInputs): Record<string, Tensor> {
    return prepareEncoderFeeds(this.config, inputs, { token_type_ids: false, vocab_size: this.config.vocab_size, max_positions: this.config.max_position_embeddings });
  }

  protected extras(result: EncoderResult, spec: ForwardSpec): GraphOutputs {
    return {
      hidden_states: spec.output_hidden_states ? result.hidden_states : undefined,
      attentions: spec.output_attentions ? result.attentions : undefined,
    };
  }
}

export interface DistilBertModel {
  (inputs: ModelCallInputs): Promise<BaseModelOutput>;
}

/** The bare DistilBERT encoder: `last_hidden_state` [batch, seq, dim]. */
export class DistilBertModel extends DistilBertPreTrainedModel {
  embeddings!: Embeddings;
  transformer!: Transformer;

  constructor(config: DistilBertConfig) {
    super(config);
    this.embeddings = new Embeddings(config);
    this.transformer = new Transformer(config);
    this.post_init();
  }

  get_input_embeddings(): Embedding {
    return this.embeddings.word_embeddings;
  }

  encode(inputs: EncoderGraphInputs): EncoderResult {
    // Padding positions are filled with the lowest float before the softmax ([batch, 1, 1, seq]).
    const padding = inputs.attention_mask.eq(0).unsqueeze([1, 2]);
    return this.transformer.forward(this.embeddings.forward(inputs.input_ids), padding);
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return { feeds: this.encoderFeeds(inputs), spec: specFromCall(this.config, inputs, "none") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.encode(declareEncoderInputs(g, { token_type_ids: false }));
    return { last_hidden_state: result.last_hidden_state, ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return BaseModelOutput;
  }
}

export interface DistilBertForSequenceClassification {
  (inputs: ModelCallInputs): Promise<SequenceClassifierOutput>;
}

/** DistilBERT with a two-layer classifier on the first token's state. */
export class DistilBertForSequenceClassification extends DistilBertPreTrainedModel {
  distilbert!: DistilBertModel;
  pre_classifier!: Linear;
  classifier!: Linear;
  dropout!: Dropout;

  constructor(config: DistilBertConfig) {
    super(config);
    this.distilbert = withoutInitialisation(() => new DistilBertModel(config));
    this.pre_classifier = new Linear(config.dim, config.dim, NO_DRAW);
    this.classifier = new Linear(config.dim, config.num_labels, NO_DRAW);
    this.dropout = new Dropout(config.seq_classif_dropout);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareSequenceClassification(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.distilbert.encode(declareEncoderInputs(g, { token_type_ids: false }));
    const pooled = result.last_hidden_state.slice(1, 0, 1).squeeze(1);
    const logits = this.classifier.forward(this.dropout.forward(this.pre_classifier.forward(pooled).relu()));
    return { ...sequenceClassificationOutputs(g, logits, spec, this.config.num_labels), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return SequenceClassifierOutput;
  }
}

/** The vocabulary projection whose weight is the word embedding table (tied); only its bias is its own. */
export class TiedProjection extends Module {
  bias: Parameter;
  private readonly _weight: Parameter;

  constructor(weight: Parameter) {
    super();
    this._weight = weight;
    this.bias = Parameter.zeros([weight.shape[0]]);
  }

  forward(x: GraphValue): GraphValue {
    const g = x.graph;
    return x.matmul(g.param(this._weight).transpose([1, 0])).add(g.param(this.bias));
  }
}

export interface DistilBertForMaskedLM {
  (inputs: ModelCallInputs): Promise<MaskedLMOutput>;
}

/** DistilBERT predicting masked tokens. */
export class DistilBertForMaskedLM extends DistilBertPreTrainedModel {
  static override _keys_to_ignore_on_load_missing = [/vocab_projector\.weight/];
  static override _keys_to_ignore_on_load_unexpected = [/^vocab_projector\.weight$/];
  distilbert!: DistilBertModel;
  vocab_transform!: Linear;
  vocab_layer_norm!: LayerNorm;
  vocab_projector!: TiedProjection;
  private declare _act: Activation;

  constructor(config: DistilBertConfig) {
    super(config);
    this.distilbert = withoutInitialisation(() => new DistilBertModel(config));
    this.vocab_transform = new Linear(config.dim, config.dim, NO_DRAW);
    this.vocab_layer_norm = new LayerNorm(config.dim, { eps: 1e-12 });
    this.vocab_projector = new TiedProjection(this.distilbert.embeddings.word_embeddings.weight);
    Object.defineProperty(this, "_act", { value: activation(config.activation), enumerable: false });
    this.post_init();
  }

  get_output_embeddings(): Parameter {
    return this.distilbert.embeddings.word_embeddings.weight;
  }

  protected override _resize_output_bias(new_num_tokens: number): void {
    this.vocab_projector.bias = resizedBias(this.vocab_projector.bias, new_num_tokens);
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    const feeds = this.encoderFeeds(inputs);
    if (inputs.labels === undefined || inputs.labels === null) return { feeds, spec: specFromCall(this.config, inputs, "none") };
    feeds.labels = tokenLabels(inputs, feeds.input_ids, this.config.vocab_size, "masked language modelling");
    return { feeds, spec: specFromCall(this.config, inputs, "int64") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.distilbert.encode(declareEncoderInputs(g, { token_type_ids: false }));
    const h = this.vocab_layer_norm.forward(this._act(this.vocab_transform.forward(result.last_hidden_state)));
    const logits = this.vocab_projector.forward(h);
    const loss = spec.labels === "none" ? undefined : cross_entropy(logits, g.input("labels", "int64", ["batch", "seq"]));
    return { loss, logits, ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return MaskedLMOutput;
  }
}

export interface DistilBertForTokenClassification {
  (inputs: ModelCallInputs): Promise<TokenClassifierOutput>;
}

/** DistilBERT with a classifier on every token (named entities, part-of-speech tags). */
export class DistilBertForTokenClassification extends DistilBertPreTrainedModel {
  distilbert!: DistilBertModel;
  dropout!: Dropout;
  classifier!: Linear;

  constructor(config: DistilBertConfig) {
    super(config);
    this.distilbert = withoutInitialisation(() => new DistilBertModel(config));
    this.dropout = new Dropout(config.dropout);
    this.classifier = new Linear(config.dim, config.num_labels, NO_DRAW);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareTokenClassification(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.distilbert.encode(declareEncoderInputs(g, { token_type_ids: false }));
    const logits = this.classifier.forward(this.dropout.forward(result.last_hidden_state));
    return { ...tokenClassificationOutputs(g, logits, spec), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return TokenClassifierOutput;
  }
}

export interface DistilBertForQuestionAnswering {
  (inputs: ModelCallInputs): Promise<QuestionAnsweringModelOutput>;
}

/** DistilBERT predicting where an answer starts and ends in the context (SQuAD-style). */
export class DistilBertForQuestionAnswering extends DistilBertPreTrainedModel {
  distilbert!: DistilBertModel;
  qa_outputs!: Linear;
  dropout!: Dropout;

  constructor(config: DistilBertConfig) {
    super(config);
    // One logit for the start and one for the end of the answer, as transformers requires.
    if (config.num_labels !== 2) throw new ConfigError(`DistilBertForQuestionAnswering needs num_labels 2 (start and end), got ${config.num_labels}. Leave num_labels out of the config.`);
    this.distilbert = withoutInitialisation(() => new DistilBertModel(config));
    this.qa_outputs = new Linear(config.dim, config.num_labels, NO_DRAW);
    this.dropout = new Dropout(config.qa_dropout);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareQuestionAnswering(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.distilbert.encode(declareEncoderInputs(g, { token_type_ids: false }));
    const logits = this.qa_outputs.forward(this.dropout.forward(result.last_hidden_state));
    return { ...questionAnsweringOutputs(g, logits, spec), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return QuestionAnsweringModelOutput;
  }
}
