// BERT (Devlin et al., 2018, "BERT: Pre-training of Deep Bidirectional Transformers"), module by
// module as the paper and transformers' modeling_bert.py describe it. Each forward composes graph
// values; the model class compiles them (see PreTrainedModel).
import { Graph, GraphValue } from "../../engine/graph";
import "../../engine/methods";
import { arange_like } from "../../engine/ops/shape_ops";
import { Module, ModuleList, Linear, Embedding, LayerNorm, Dropout, Parameter, ACT2FN } from "../../nn";
import { Activation } from "../../nn/activations";
import { Tensor } from "../../tensor";
import { ForwardSpec, GraphOutputs, ModelCallInputs, PreTrainedModel, resizedBias } from "../../modeling/modeling_utils";
import {
  BaseModelOutputWithPooling,
  MaskedLMOutput,
  ModelOutput,
  QuestionAnsweringModelOutput,
  SequenceClassifierOutput,
  TokenClassifierOutput,
} from "../../modeling/outputs";
import { EncoderGraphInputs, declareEncoderInputs, extendedAttentionMask, prepareEncoderFeeds, requireField, specFromCall, tokenLabels } from "../../modeling/encoder_inputs";
import { cross_entropy } from "../../modeling/losses";
import { ModelInputError } from "../../modeling/inputs";
import {
  prepareQuestionAnswering,
  prepareSequenceClassification,
  prepareTokenClassification,
  questionAnsweringOutputs,
  sequenceClassificationOutputs,
  tokenClassificationOutputs,
} from "../../modeling/heads";
import { NO_DRAW, withoutInitialisation } from "../../modeling/init_control";
import { BertConfig } from "./configuration";

// The label and loss rules shared by every encoder's heads, under the names they have always had here.
export { answerPositions, sequenceClassificationLabels, sequenceClassificationLoss } from "../../modeling/heads";
import { ConfigError } from "../../configuration/configuration_utils";

function activation(name: string): Activation {
  const fn = ACT2FN[name];
  if (!fn) throw new ModelInputError(`hidden_act "${name}" is not supported. Supported: ${Object.keys(ACT2FN).join(", ")}.`);
  return fn;
}

/** Token, position and segment embeddings, summed, then LayerNorm and dropout. */
export class BertEmbeddings extends Module {
  word_embeddings: Embedding;
  position_embeddings: Embedding;
  token_type_embeddings: Embedding;
  LayerNorm: LayerNorm;
  dropout: Dropout;

  constructor(config: BertConfig) {
    super();
    const hidden = requireField<number>(config, "hidden_size");
    this.word_embeddings = new Embedding(requireField(config, "vocab_size"), hidden, { padding_idx: config.pad_token_id ?? null, ...NO_DRAW });
    this.position_embeddings = new Embedding(requireField(config, "max_position_embeddings"), hidden, NO_DRAW);
    this.token_type_embeddings = new Embedding(requireField(config, "type_vocab_size"), hidden, NO_DRAW);
    this.LayerNorm = new LayerNorm(hidden, { eps: config.layer_norm_eps });
    this.dropout = new Dropout(config.hidden_dropout_prob);
  }

  forward(input_ids: GraphValue, token_type_ids: GraphValue): GraphValue {
    const position_ids = arange_like(input_ids, 1);
    const embeddings = this.word_embeddings.forward(input_ids).add(this.token_type_embeddings.forward(token_type_ids)).add(this.position_embeddings.forward(position_ids));
    return this.dropout.forward(this.LayerNorm.forward(embeddings));
  }
}

/** Multi-head scaled dot-product attention: softmax(QKᵀ/√d + mask) V, per head. */
export class BertSelfAttention extends Module {
  query: Linear;
  key: Linear;
  value: Linear;
  dropout: Dropout;
  readonly num_attention_heads: number;
  readonly attention_head_size: number;

  constructor(config: BertConfig) {
    super();
    const hidden = config.hidden_size;
    if (hidden % config.num_attention_heads !== 0) {
      throw new ModelInputError(`The hidden size (${hidden}) is not a multiple of the number of attention heads (${config.num_attention_heads}).`);
    }
    this.num_attention_heads = config.num_attention_heads;
    this.attention_head_size = hidden / config.num_attention_heads;
    this.query = new Linear(hidden, hidden, NO_DRAW);
    this.key = new Linear(hidden, hidden, NO_DRAW);
    this.value = new Linear(hidden, hidden, NO_DRAW);
    this.dropout = new Dropout(config.attention_probs_dropout_prob);
  }

  /** [batch, seq, hidden] → [batch, heads, seq, head_size]. */
  private transpose_for_scores(x: GraphValue): GraphValue {
    return x.reshape(["batch", "seq", this.num_attention_heads, this.attention_head_size]).transpose([0, 2, 1, 3]);
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue): { context: GraphValue; probs: GraphValue } {
    const query = this.transpose_for_scores(this.query.forward(hidden_states));
    const key = this.transpose_for_scores(this.key.forward(hidden_states));
    const value = this.transpose_for_scores(this.value.forward(hidden_states));
    const scores = query.matmul(key.transpose([0, 1, 3, 2])).div(Math.sqrt(this.attention_head_size)).add(attention_mask);
    const probs = scores.softmax(-1);
    const context = this.dropout.forward(probs).matmul(value).transpose([0, 2, 1, 3]).reshape(["batch", "seq", this.num_attention_heads * this.attention_head_size]);
    return { context, probs };
  }
}

/** Projection of the attention result, dropout, and the residual connection with LayerNorm. */
export class BertSelfOutput extends Module {
  dense: Linear;
  LayerNorm: LayerNorm;
  dropout: Dropout;

  constructor(config: BertConfig) {
    super();
    this.dense = new Linear(config.hidden_size, config.hidden_size, NO_DRAW);
    this.LayerNorm = new LayerNorm(config.hidden_size, { eps: config.layer_norm_eps });
    this.dropout = new Dropout(config.hidden_dropout_prob);
  }

  forward(hidden_states: GraphValue, input_tensor: GraphValue): GraphValue {
    return this.LayerNorm.forward(this.dropout.forward(this.dense.forward(hidden_states)).add(input_tensor));
  }
}

export class BertAttention extends Module {
  self: BertSelfAttention;
  output: BertSelfOutput;

  constructor(config: BertConfig) {
    super();
    this.self = new BertSelfAttention(config);
    this.output = new BertSelfOutput(config);
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue): { output: GraphValue; probs: GraphValue } {
    const { context, probs } = this.self.forward(hidden_states, attention_mask);
    return { output: this.output.forward(context, hidden_states), probs };
  }
}

/** The feed-forward network's expansion: dense to intermediate_size, then the activation. */
export class BertIntermediate extends Module {
  dense: Linear;
  private readonly _act: Activation;

  constructor(config: BertConfig) {
    super();
    this.dense = new Linear(config.hidden_size, config.intermediate_size, NO_DRAW);
    this._act = activation(config.hidden_act);
  }

  forward(hidden_states: GraphValue): GraphValue {
    return this._act(this.dense.forward(hidden_states));
  }
}

/** The feed-forward network's projection back, dropout, residual and LayerNorm. */
export class BertOutput extends Module {
  dense: Linear;
  LayerNorm: LayerNorm;
  dropout: Dropout;

  constructor(config: BertConfig) {
    super();
    this.dense = new Linear(config.intermediate_size, config.hidden_size, NO_DRAW);
    this.LayerNorm = new LayerNorm(config.hidden_size, { eps: config.layer_norm_eps });
    this.dropout = new Dropout(config.hidden_dropout_prob);
  }

  forward(hidden_states: GraphValue, input_tensor: GraphValue): GraphValue {
    return this.LayerNorm.forward(this.dropout.forward(this.dense.forward(hidden_states)).add(input_tensor));
  }
}

/** One Transformer encoder layer: self-attention, then the position-wise feed-forward network. */
export class BertLayer extends Module {
  attention: BertAttention;
  intermediate: BertIntermediate;
  output: BertOutput;

  constructor(config: BertConfig) {
    super();
    this.attention = new BertAttention(config);
    this.intermediate = new BertIntermediate(config);
    this.output = new BertOutput(config);
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue): { output: GraphValue; probs: GraphValue } {
    const attention = this.attention.forward(hidden_states, attention_mask);
    return { output: this.output.forward(this.intermediate.forward(attention.output), attention.output), probs: attention.probs };
  }
}

/** The stack of encoder layers; collects every layer's input and attention map when asked. */
export class BertEncoder extends Module {
  layer: ModuleList<BertLayer>;

  constructor(config: BertConfig) {
    super();
    this.layer = new ModuleList(Array.from({ length: requireField<number>(config, "num_hidden_layers") }, () => new BertLayer(config)));
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue): { last_hidden_state: GraphValue; hidden_states: GraphValue[]; attentions: GraphValue[] } {
    const all: GraphValue[] = [hidden_states];
    const attentions: GraphValue[] = [];
    let h = hidden_states;
    for (const layer of this.layer) {
      const out = layer.forward(h, attention_mask);
      h = out.output;
      all.push(h);
      attentions.push(out.probs);
    }
    return { last_hidden_state: h, hidden_states: all, attentions };
  }
}

/** The [CLS] token's final state through a dense layer and tanh: a summary of the sequence. */
export class BertPooler extends Module {
  dense: Linear;

  constructor(config: BertConfig) {
    super();
    this.dense = new Linear(config.hidden_size, config.hidden_size, NO_DRAW);
  }

  forward(hidden_states: GraphValue): GraphValue {
    return this.dense.forward(hidden_states.slice(1, 0, 1).squeeze(1)).tanh();
  }
}

/** What the encoder returns to a head. */
interface EncoderResult {
  last_hidden_state: GraphValue;
  pooler_output?: GraphValue;
  hidden_states: GraphValue[];
  attentions: GraphValue[];
}

/** Shared loading rules and input handling of every BERT model. */
export abstract class BertPreTrainedModel extends PreTrainedModel {
  static override config_class = BertConfig;
  static override base_model_prefix = "bert";
  declare config: BertConfig;

  /** Ids, mask and token types checked against this model's vocabulary and position table. */
  protected encoderFeeds(inputs: ModelCallInputs): Record<string, Tensor> {
    return prepareEncoderFeeds(this.config, inputs, {
      token_type_ids: true,
      vocab_size: this.config.vocab_size,
      max_positions: this.config.max_position_embeddings,
      type_vocab_size: this.config.type_vocab_size,
    });
  }

  /** Hidden states and attentions in the outputs only when asked for. */
  protected extras(result: EncoderResult, spec: ForwardSpec): GraphOutputs {
    return {
      hidden_states: spec.output_hidden_states ? result.hidden_states : undefined,
      attentions: spec.output_attentions ? result.attentions : undefined,
    };
  }
}

export interface BertModel {
  (inputs: ModelCallInputs): Promise<BaseModelOutputWithPooling>;
}

/** The bare BERT encoder: `last_hidden_state` [batch, seq, hidden] and `pooler_output` [batch, hidden]. */
export class BertModel extends BertPreTrainedModel {
  embeddings!: BertEmbeddings;
  encoder!: BertEncoder;
  pooler!: BertPooler | null;

  constructor(config: BertConfig, options: { add_pooling_layer?: boolean } = {}) {
    super(config);
    if (config.position_embedding_type && config.position_embedding_type !== "absolute") {
      throw new ConfigError(`position_embedding_type "${config.position_embedding_type}" is not supported here; BERT models use "absolute" position embeddings.`);
    }
    if (config.is_decoder || config.add_cross_attention) {
      throw new ConfigError("BERT as a decoder (is_decoder / add_cross_attention) is not supported here; use GPT-2 (AutoModelForCausalLM) for text generation.");
    }
    this.embeddings = new BertEmbeddings(config);
    this.encoder = new BertEncoder(config);
    this.pooler = options.add_pooling_layer === false ? null : new BertPooler(config);
    this.post_init();
  }

  get_input_embeddings(): Embedding {
    return this.embeddings.word_embeddings;
  }

  /** The encoder on symbolic inputs, for this model and for the heads built on it. */
  encode(inputs: EncoderGraphInputs): EncoderResult {
    const mask = extendedAttentionMask(inputs.attention_mask);
    const embedded = this.embeddings.forward(inputs.input_ids, inputs.token_type_ids!);
    const encoded = this.encoder.forward(embedded, mask);
    return { ...encoded, pooler_output: this.pooler ? this.pooler.forward(encoded.last_hidden_state) : undefined };
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return { feeds: this.encoderFeeds(inputs), spec: specFromCall(this.config, inputs, "none") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.encode(declareEncoderInputs(g, { token_type_ids: true }));
    return { last_hidden_state: result.last_hidden_state, pooler_output: result.pooler_output, ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return BaseModelOutputWithPooling;
  }
}

export interface BertForSequenceClassification {
  (inputs: ModelCallInputs): Promise<SequenceClassifierOutput>;
}

/** BERT with a linear classifier on the pooled [CLS] state (sentiment, NLI, …). */
export class BertForSequenceClassification extends BertPreTrainedModel {
  bert!: BertModel;
  dropout!: Dropout;
  classifier!: Linear;

  constructor(config: BertConfig) {
    super(config);
    this.bert = withoutInitialisation(() => new BertModel(config));
    this.dropout = new Dropout(config.classifier_dropout ?? config.hidden_dropout_prob);
    this.classifier = new Linear(config.hidden_size, config.num_labels, NO_DRAW);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareSequenceClassification(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.bert.encode(declareEncoderInputs(g, { token_type_ids: true }));
    const logits = this.classifier.forward(this.dropout.forward(result.pooler_output!));
    return { ...sequenceClassificationOutputs(g, logits, spec, this.config.num_labels), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return SequenceClassifierOutput;
  }
}

/** Hidden state → dense → activation → LayerNorm, before the vocabulary projection. */
export class BertPredictionHeadTransform extends Module {
  dense: Linear;
  LayerNorm: LayerNorm;
  private readonly _act: Activation;

  constructor(config: BertConfig) {
    super();
    this.dense = new Linear(config.hidden_size, config.hidden_size, NO_DRAW);
    this._act = activation(config.hidden_act);
    this.LayerNorm = new LayerNorm(config.hidden_size, { eps: config.layer_norm_eps });
  }

  forward(hidden_states: GraphValue): GraphValue {
    return this.LayerNorm.forward(this._act(this.dense.forward(hidden_states)));
  }
}

/**
 * Scores every vocabulary word at every position. The decoder shares its weight with the word
 * embeddings (tied), so only the bias is its own; `tie_word_embeddings: false` gives it its own weight.
 */
export class BertLMPredictionHead extends Module {
  transform: BertPredictionHeadTransform;
  decoder: Linear | null;
  bias: Parameter;
  private readonly _tied: Parameter | null;

  constructor(config: BertConfig, wordEmbeddings: Parameter) {
    super();
    this.transform = new BertPredictionHeadTransform(config);
    this.decoder = config.tie_word_embeddings ? null : new Linear(config.hidden_size, config.vocab_size, { bias: false, ...NO_DRAW });
    this.bias = Parameter.zeros([config.vocab_size]);
    this._tied = config.tie_word_embeddings ? wordEmbeddings : null;
  }

  forward(hidden_states: GraphValue): GraphValue {
    const h = this.transform.forward(hidden_states);
    const g = h.graph;
    const logits = this._tied ? h.matmul(g.param(this._tied).transpose([1, 0])) : this.decoder!.forward(h);
    return logits.add(g.param(this.bias));
  }
}

export class BertOnlyMLMHead extends Module {
  predictions: BertLMPredictionHead;

  constructor(config: BertConfig, wordEmbeddings: Parameter) {
    super();
    this.predictions = new BertLMPredictionHead(config, wordEmbeddings);
  }

  forward(sequence_output: GraphValue): GraphValue {
    return this.predictions.forward(sequence_output);
  }
}

export interface BertForMaskedLM {
  (inputs: ModelCallInputs): Promise<MaskedLMOutput>;
}

/** BERT predicting masked tokens (the pre-training task that fill-mask uses). */
export class BertForMaskedLM extends BertPreTrainedModel {
  static override _keys_to_ignore_on_load_unexpected = [/pooler/, /cls\.predictions\.decoder\.(weight|bias)$/, /cls\.seq_relationship/];
  static override _keys_to_ignore_on_load_missing = [/position_ids/, /predictions\.decoder\.bias/, /cls\.predictions\.decoder\.weight/];
  bert!: BertModel;
  cls!: BertOnlyMLMHead;

  constructor(config: BertConfig) {
    super(config);
    this.bert = withoutInitialisation(() => new BertModel(config, { add_pooling_layer: false }));
    this.cls = new BertOnlyMLMHead(config, this.bert.embeddings.word_embeddings.weight);
    this.post_init();
  }

  override can_generate(): boolean {
    return true; // transformers writes generation_config.json for it, as it defines prepare_inputs_for_generation
  }

  get_output_embeddings(): Parameter {
    return this.cls.predictions.decoder?.weight ?? this.bert.embeddings.word_embeddings.weight;
  }

  protected override _resize_output_bias(new_num_tokens: number): void {
    this.cls.predictions.bias = resizedBias(this.cls.predictions.bias, new_num_tokens);
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    const feeds = this.encoderFeeds(inputs);
    if (inputs.labels === undefined || inputs.labels === null) return { feeds, spec: specFromCall(this.config, inputs, "none") };
    feeds.labels = tokenLabels(inputs, feeds.input_ids, this.config.vocab_size, "masked language modelling");
    return { feeds, spec: specFromCall(this.config, inputs, "int64") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.bert.encode(declareEncoderInputs(g, { token_type_ids: true }));
    const logits = this.cls.forward(result.last_hidden_state);
    const loss = spec.labels === "none" ? undefined : cross_entropy(logits, g.input("labels", "int64", ["batch", "seq"]));
    return { loss, logits, ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return MaskedLMOutput;
  }
}

export interface BertForTokenClassification {
  (inputs: ModelCallInputs): Promise<TokenClassifierOutput>;
}

/** BERT with a classifier on every token (named entities, part-of-speech tags). */
export class BertForTokenClassification extends BertPreTrainedModel {
  static override _keys_to_ignore_on_load_unexpected = [/pooler/];
  bert!: BertModel;
  dropout!: Dropout;
  classifier!: Linear;

  constructor(config: BertConfig) {
    super(config);
    this.bert = withoutInitialisation(() => new BertModel(config, { add_pooling_layer: false }));
    this.dropout = new Dropout(config.classifier_dropout ?? config.hidden_dropout_prob);
    this.classifier = new Linear(config.hidden_size, config.num_labels, NO_DRAW);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareTokenClassification(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.bert.encode(declareEncoderInputs(g, { token_type_ids: true }));
    const logits = this.classifier.forward(this.dropout.forward(result.last_hidden_state));
    return { ...tokenClassificationOutputs(g, logits, spec), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return TokenClassifierOutput;
  }
}

export interface BertForQuestionAnswering {
  (inputs: ModelCallInputs): Promise<QuestionAnsweringModelOutput>;
}

/** BERT predicting where an answer starts and ends in the context (SQuAD-style). */
export class BertForQuestionAnswering extends BertPreTrainedModel {
  static override _keys_to_ignore_on_load_unexpected = [/pooler/];
  bert!: BertModel;
  qa_outputs!: Linear;

  constructor(config: BertConfig) {
    super(config);
    this.bert = withoutInitialisation(() => new BertModel(config, { add_pooling_layer: false }));
    this.qa_outputs = new Linear(config.hidden_size, config.num_labels, NO_DRAW);
    this.post_init();
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return prepareQuestionAnswering(this.config, inputs, this.encoderFeeds(inputs));
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.bert.encode(declareEncoderInputs(g, { token_type_ids: true }));
    return { ...questionAnsweringOutputs(g, this.qa_outputs.forward(result.last_hidden_state), spec), ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return QuestionAnsweringModelOutput;
  }
}
