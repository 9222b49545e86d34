// GPT-2 (Radford et al., 2019, "Language Models are Unsupervised Multitask Learners"): a stack of
// decoder blocks with masked (causal) self-attention, pre-LayerNorm residuals, and a language
// modelling head tied to the token embeddings. Follows transformers' modeling_gpt2.py.
import { Graph, GraphValue } from "../../engine/graph";
import "../../engine/methods";
import { arange_like, shape_of } from "../../engine/ops/shape_ops";
import { split } from "../../engine/ops/split";
import { concat } from "../../engine/ops/concat";
import { le } from "../../engine/ops/compare";
import { where } from "../../engine/ops/where";
import { Module, ModuleList, Embedding, LayerNorm, Dropout, Parameter, ACT2FN } from "../../nn";
import { Activation } from "../../nn/activations";
import { Tensor } from "../../tensor";
import { Generator, default_generator } from "../../utils/random";
import { throwIfInterrupted } from "../../utils/cancellation";
import { Conv1D } from "../../modeling/conv1d";
import { ForwardSpec, GraphOutputs, MASK_VALUE, ModelCallInputs, PreTrainedModel } from "../../modeling/modeling_utils";
import { BaseModelOutputWithPast, CausalLMOutputWithPast, GenerateBeamDecoderOnlyOutput, GenerateDecoderOnlyOutput, ModelOutput } from "../../modeling/outputs";
import { extendedAttentionMask, requireField, tokenLabels } from "../../modeling/encoder_inputs";
import { cross_entropy } from "../../modeling/losses";
import { ModelInputError, checkIdRange, ensureBatch, filled, toTensor, TensorLike } from "../../modeling/inputs";
import { NO_DRAW, fillNormal, withoutInitialisation } from "../../modeling/init_control";
import { GenerationOptions, nextToken } from "../../modeling/generation";
import { GenerationOptionError, checkGenerationOptions } from "../../modeling/generation_options";
import { beamSearch, gatherRows } from "../../modeling/beam_search";
import { logger } from "../../modeling/logging";
import { GPT2Config } from "./configuration";

/** The symbolic inputs of GPT-2. With a cache, the mask covers past and new tokens ("total"). */
interface GPT2GraphInputs {
  input_ids: GraphValue;
  attention_mask: GraphValue;
  position_ids: GraphValue;
  past: [GraphValue, GraphValue][] | null;
}

/** Masked multi-head self-attention: each position attends to itself and the positions before it. */
export class GPT2Attention extends Module {
  c_attn: Conv1D;
  c_proj: Conv1D;
  attn_dropout: Dropout;
  resid_dropout: Dropout;
  readonly num_heads: number;
  readonly head_dim: number;
  readonly embed_dim: number;
  private readonly _scale: number;

  constructor(config: GPT2Config, layer_idx: number) {
    super();
    this.embed_dim = config.n_embd;
    this.num_heads = config.n_head;
    if (this.embed_dim % this.num_heads !== 0) throw new ModelInputError(`n_embd (${this.embed_dim}) must be divisible by n_head (${this.num_heads}).`);
    this.head_dim = this.embed_dim / this.num_heads;
    this.c_attn = new Conv1D(3 * this.embed_dim, this.embed_dim);
    this.c_proj = new Conv1D(this.embed_dim, this.embed_dim);
    this.attn_dropout = new Dropout(config.attn_pdrop);
    this.resid_dropout = new Dropout(config.resid_pdrop);
    // Scores are divided by √head_dim (and by layer_idx + 1 when the config asks for it).
    this._scale = (config.scale_attn_weights ? Math.sqrt(this.head_dim) : 1) * (config.scale_attn_by_inverse_layer_idx ? layer_idx + 1 : 1);
  }

  /** [batch, seq, embed] → [batch, heads, seq, head_dim]. */
  private split_heads(x: GraphValue): GraphValue {
    return x.reshape(["batch", "seq", this.num_heads, this.head_dim]).transpose([0, 2, 1, 3]);
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue, past: [GraphValue, GraphValue] | null): { output: GraphValue; present: [GraphValue, GraphValue]; probs: GraphValue } {
    const [q, k, v] = split(this.c_attn.forward(hidden_states), [this.embed_dim, this.embed_dim, this.embed_dim], 2);
    const query = this.split_heads(q);
    let key = this.split_heads(k);
    let value = this.split_heads(v);
    if (past) {
      key = concat([past[0], key], 2);
      value = concat([past[1], value], 2);
    }
    let scores = query.matmul(key.transpose([0, 1, 3, 2]));
    if (this._scale !== 1) scores = scores.div(this._scale);
    // Causal mask: query i (at absolute position past + i) sees keys 0 … past + i.
    const keyPositions = arange_like(key, 2);
    const offset = shape_of(key, 2).sub(shape_of(query, 2));
    const queryPositions = arange_like(query, 2).add(offset);
    const causal = le(keyPositions.unsqueeze(0), queryPositions.unsqueeze(1));
    scores = where(causal, scores, MASK_VALUE).add(attention_mask);
    const probs = scores.softmax(-1);
    const context = this.attn_dropout.forward(probs).matmul(value).transpose([0, 2, 1, 3]).reshape(["batch", "seq", this.embed_dim]);
    return { output: this.resid_dropout.forward(this.c_proj.forward(context)), present: [key, value], probs };
  }
}

/** The position-wise feed-forward network: expand to n_inner (4 × n_embd), activate, project back. */
export class GPT2MLP extends Module {
  c_fc: Conv1D;
  c_proj: Conv1D;
  dropout: Dropout;
  private readonly _act: Activation;

  constructor(intermediate_size: number, config: GPT2Config) {
    super();
    this.c_fc = new Conv1D(intermediate_size, config.n_embd);
    this.c_proj = new Conv1D(config.n_embd, intermediate_size);
    const act = ACT2FN[config.activation_function];
    if (!act) throw new ModelInputError(`activation_function "${config.activation_function}" is not supported. Supported: ${Object.keys(ACT2FN).join(", ")}.`);
    this._act = act;
    this.dropout = new Dropout(config.resid_pdrop);
  }

  forward(hidden_states: GraphValue): GraphValue {
    return this.dropout.forward(this.c_proj.forward(this._act(this.c_fc.forward(hidden_states))));
  }
}

/** One decoder block: LayerNorm → attention → residual, LayerNorm → MLP → residual. */
export class GPT2Block extends Module {
  ln_1: LayerNorm;
  attn: GPT2Attention;
  ln_2: LayerNorm;
  mlp: GPT2MLP;

  constructor(config: GPT2Config, layer_idx: number) {
    super();
    const hidden = config.n_embd;
    this.ln_1 = new LayerNorm(hidden, { eps: config.layer_norm_epsilon });
    this.attn = new GPT2Attention(config, layer_idx);
    this.ln_2 = new LayerNorm(hidden, { eps: config.layer_norm_epsilon });
    this.mlp = new GPT2MLP(config.n_inner ?? 4 * hidden, config);
  }

  forward(hidden_states: GraphValue, attention_mask: GraphValue, past: [GraphValue, GraphValue] | null) {
    const attn = this.attn.forward(this.ln_1.forward(hidden_states), attention_mask, past);
    const h = attn.output.add(hidden_states);
    return { output: this.mlp.forward(this.ln_2.forward(h)).add(h), present: attn.present, probs: attn.probs };
  }
}

interface DecoderResult {
  last_hidden_state: GraphValue;
  presents: [GraphValue, GraphValue][];
  hidden_states: GraphValue[];
  attentions: GraphValue[];
}

/** Shared loading rules, input handling and cache plumbing of GPT-2 models. */
export abstract class GPT2PreTrainedModel extends PreTrainedModel {
  static override config_class = GPT2Config;
  static override base_model_prefix = "transformer";
  declare config: GPT2Config;

  /** GPT-2's residual projections start smaller: N(0, initializer_range / √(2 · n_layer)). */
  protected override _init_weights(module: Module, name: string, generator: Generator, only?: Set<Parameter>): void {
    super._init_weights(module, name, generator, only);
    if (module instanceof Conv1D && /(^|\.)c_proj$/.test(name) && (!only || only.has(module.weight))) {
      const std = this.config.initializer_range / Math.sqrt(2 * this.config.n_layer);
      module.weight.data = fillNormal(generator, new Float32Array(module.weight.numel), 0, std);
    }
  }

  /** Declares the graph inputs for `spec` (the cache inputs only when the graph takes a past). */
  protected declareInputs(g: Graph, spec: ForwardSpec): GPT2GraphInputs {
    const input_ids = g.input("input_ids", "int64", ["batch", "seq"]);
    const attention_mask = g.input("attention_mask", "int64", ["batch", spec.with_past ? "total" : "seq"]);
    const position_ids = g.input("position_ids", "int64", ["batch", "seq"]);
    const headDim = this.config.n_embd / this.config.n_head;
    const past = spec.with_past
      ? Array.from({ length: this.config.n_layer }, (_, i): [GraphValue, GraphValue] => [
          g.input(`past_key_values.${i}.key`, "float32", ["batch", this.config.n_head, "past", headDim]),
          g.input(`past_key_values.${i}.value`, "float32", ["batch", this.config.n_head, "past", headDim]),
        ])
      : null;
    return { input_ids, attention_mask, position_ids, past };
  }

  /**
   * Checks and converts a call's inputs: ids in the vocabulary, total length within n_positions, a
   * mask covering past and new tokens, positions continuing after the past.
   */
  protected decoderFeeds(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; pastLength: number } {
    if (inputs.input_ids === undefined || inputs.input_ids === null) throw new ModelInputError("You have to specify input_ids, e.g. await model({ input_ids: [[464, 3290]] }).");
    const input_ids = ensureBatch("input_ids", toTensor("input_ids", inputs.input_ids, "int64"));
    const [batch, seq] = input_ids.shape;
    if (seq === 0) throw new ModelInputError("input_ids is empty: give the model at least one token.");
    const past = inputs.past_key_values ?? null;
    const pastLength = past ? past[0][0].shape[2] : 0;
    if (past && past.length !== this.config.n_layer) throw new ModelInputError(`past_key_values has ${past.length} layers but the model has ${this.config.n_layer}.`);
    const total = pastLength + seq;
    if (total > this.config.n_positions) {
      throw new ModelInputError(`Sequence length ${total} is longer than this model's maximum of ${this.config.n_positions} positions (n_positions in its config). Truncate the input or generate fewer tokens.`);
    }
    checkIdRange("input_ids", input_ids, this.config.vocab_size, `vocabulary of this model (vocab_size ${this.config.vocab_size})`, "Use the tokenizer that belongs to this model.");
    const attention_mask = inputs.attention_mask === undefined || inputs.attention_mask === null ? filled([batch, total], 1) : ensureBatch("attention_mask", toTensor("attention_mask", inputs.attention_mask, "int64"));
    if (attention_mask.shape[0] !== batch || attention_mask.shape[1] !== total) {
      throw new ModelInputError(`attention_mask must have shape [${batch}, ${total}] (past and new tokens), got [${attention_mask.shape.join(", ")}].`);
    }
    let position_ids: Tensor;
    if (inputs.position_ids === undefined || inputs.position_ids === null) {
      const data = new BigInt64Array(batch * seq);
      for (let b = 0; b < batch; b++) for (let s = 0; s < seq; s++) data[b * seq + s] = BigInt(pastLength + s);
      position_ids = new Tensor(data, [batch, seq], "int64");
    } else {
      position_ids = ensureBatch("position_ids", toTensor("position_ids", inputs.position_ids, "int64"));
      if (position_ids.shape[0] !== batch || position_ids.shape[1] !== seq) throw new ModelInputError(`position_ids must have shape [${batch}, ${seq}], got [${position_ids.shape.join(", ")}].`);
      checkIdRange("position_ids", position_ids, this.config.n_positions, `positions of this model (n_positions ${this.config.n_positions})`, "Positions count from 0.");
    }
    const feeds: Record<string, Tensor> = { input_ids, attention_mask, position_ids };
    if (past) past.forEach(([k, v], i) => ((feeds[`past_key_values.${i}.key`] = k), (feeds[`past_key_values.${i}.value`] = v)));
    return { feeds, pastLength };
  }

  protected decoderSpec(inputs: ModelCallInputs, labels: ForwardSpec["labels"]): ForwardSpec {
    return {
      output_hidden_states: inputs.output_hidden_states ?? this.config.output_hidden_states ?? false,
      output_attentions: inputs.output_attentions ?? this.config.output_attentions ?? false,
      labels,
      use_cache: inputs.use_cache ?? this.config.use_cache ?? true,
      with_past: !!inputs.past_key_values,
    };
  }

  protected extras(result: DecoderResult, spec: ForwardSpec): GraphOutputs {
    return {
      past_key_values: spec.use_cache ? result.presents : undefined,
      hidden_states: spec.output_hidden_states ? result.hidden_states : undefined,
      attentions: spec.output_attentions ? result.attentions : undefined,
    };
  }
}

export interface GPT2Model {
  (inputs: ModelCallInputs): Promise<BaseModelOutputWithPast>;
}

/** The bare GPT-2 decoder: `last_hidden_state` [batch, seq, n_embd] (after the final LayerNorm). */
export class GPT2Model extends GPT2PreTrainedModel {
  wte!: Embedding;
  wpe!: Embedding;
  drop!: Dropout;
  h!: ModuleList<GPT2Block>;
  ln_f!: LayerNorm;

  constructor(config: GPT2Config) {
    super(config);
    const hidden = requireField<number>(config, "n_embd");
    this.wte = new Embedding(requireField(config, "vocab_size"), hidden, NO_DRAW);
    this.wpe = new Embedding(requireField(config, "n_positions"), hidden, NO_DRAW);
    this.drop = new Dropout(config.embd_pdrop);
    this.h = new ModuleList(Array.from({ length: requireField<number>(config, "n_layer") }, (_, i) => new GPT2Block(config, i)));
    this.ln_f = new LayerNorm(hidden, { eps: config.layer_norm_epsilon });
    this.post_init();
  }

  get_input_embeddings(): Embedding {
    return this.wte;
  }

  decode(inputs: GPT2GraphInputs): DecoderResult {
    const mask = extendedAttentionMask(inputs.attention_mask);
    let h = this.drop.forward(this.wte.forward(inputs.input_ids).add(this.wpe.forward(inputs.position_ids)));
    const hidden_states: GraphValue[] = [];
    const attentions: GraphValue[] = [];
    const presents: [GraphValue, GraphValue][] = [];
    this.h.map((block, i) => {
      hidden_states.push(h);
      const out = block.forward(h, mask, inputs.past ? inputs.past[i] : null);
      h = out.output;
      presents.push(out.present);
      attentions.push(out.probs);
    });
    h = this.ln_f.forward(h);
    hidden_states.push(h);
    return { last_hidden_state: h, presents, hidden_states, attentions };
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    return { feeds: this.decoderFeeds(inputs).feeds, spec: this.decoderSpec(inputs, "none") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.decode(this.declareInputs(g, spec));
    return { last_hidden_state: result.last_hidden_state, ...this.extras(result, spec) };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return BaseModelOutputWithPast;
  }
}

export interface GPT2LMHeadModel {
  (inputs: ModelCallInputs): Promise<CausalLMOutputWithPast>;
}

/** GPT-2 with its language-modelling head (tied to the token embeddings): predicts the next token. */
export class GPT2LMHeadModel extends GPT2PreTrainedModel {
  static override _keys_to_ignore_on_load_missing = [/attn\.masked_bias/, /attn\.bias/, /lm_head\.weight/];
  static override _keys_to_ignore_on_load_unexpected = [/^lm_head\.weight$/];
  transformer!: GPT2Model;
  lm_head!: Conv1D | null;
  private declare _tied: Parameter | null;

  constructor(config: GPT2Config) {
    super(config);
    this.transformer = withoutInitialisation(() => new GPT2Model(config));
    // Tied: the head reuses wte's weight, so it has no parameter of its own to save or load.
    this.lm_head = null;
    Object.defineProperty(this, "_tied", { value: this.transformer.wte.weight, writable: true, enumerable: false });
    if (!config.tie_word_embeddings) throw new ModelInputError("GPT2LMHeadModel here always ties lm_head to the token embeddings (tie_word_embeddings: true), as every GPT-2 checkpoint does.");
    this.post_init();
  }

  override can_generate(): boolean {
    return true;
  }

  get_output_embeddings(): Parameter {
    return this.transformer.wte.weight;
  }

  protected prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec } {
    const { feeds } = this.decoderFeeds(inputs);
    if (inputs.labels === undefined || inputs.labels === null) return { feeds, spec: this.decoderSpec(inputs, "none") };
    feeds.labels = tokenLabels(inputs, feeds.input_ids, this.config.vocab_size, "causal language modelling");
    return { feeds, spec: this.decoderSpec(inputs, "int64") };
  }

  build(g: Graph, spec: ForwardSpec): GraphOutputs {
    const result = this.transformer.decode(this.declareInputs(g, spec));
    const logits = result.last_hidden_state.matmul(g.param(this._tied!).transpose([1, 0]));
    let loss: GraphValue | undefined;
    if (spec.labels !== "none") {
      // Each position predicts the next token: logits[:, :-1] against labels[:, 1:].
      const labels = g.input("labels", "int64", ["batch", "seq"]);
      loss = cross_entropy(logits.slice(1, 0, -1), labels.slice(1, 1));
    }
    return { loss, logits, ...this.extras(result, spec) };
  }

  protected override export_spec(): ForwardSpec {
    return { output_hidden_states: false, output_attentions: false, labels: "none", use_cache: true, with_past: true };
  }

  protected get output_class(): new (fields: Record<string, unknown>) => ModelOutput {
    return CausalLMOutputWithPast;
  }

  /**
   * Continues each prompt: greedy by default, sampling (`do_sample: true`) with temperature, top-k
   * and top-p drawn from a generator seeded by `seed` (or `set_seed`), or beam search
   * (`num_beams` > 1, with `length_penalty`, `early_stopping`, `num_return_sequences`). Keys and
   * values of earlier tokens are cached, so each new token costs one position. Returns the prompts
   * plus the new tokens as an int64 Tensor [batch, prompt + new], like `model.generate` in Python;
   * with `return_dict_in_generate: true`, an output holding `sequences` (and, for beams,
   * `sequences_scores`). A `streamer` (e.g. `new TextStreamer(tokenizer)`) is given the tokens as
   * they come. An option generate does not implement raises a GenerationOptionError.
   */
  async generate(input_ids: TensorLike, options: GenerationOptions & { return_dict_in_generate: true }): Promise<GenerateDecoderOnlyOutput | GenerateBeamDecoderOnlyOutput>;
  async generate(input_ids: TensorLike, options?: GenerationOptions): Promise<Tensor>;
  async generate(input_ids: TensorLike, options: GenerationOptions = {}): Promise<Tensor | GenerateDecoderOnlyOutput | GenerateBeamDecoderOnlyOutput> {
    checkGenerationOptions(options as Record<string, unknown>);
    const config = this.config;
    const prompt = ensureBatch("input_ids", toTensor("input_ids", input_ids, "int64"));
    const [batch, promptLength] = prompt.shape;
    const eosOption = options.eos_token_id !== undefined ? options.eos_token_id : config.eos_token_id;
    const eos = eosOption === null || eosOption === undefined ? [] : Array.isArray(eosOption) ? eosOption : [eosOption];
    let pad = options.pad_token_id !== undefined ? options.pad_token_id : config.pad_token_id;
    if ((pad === null || pad === undefined) && eos.length) {
      logger.warning(`Setting \`pad_token_id\` to \`eos_token_id\`:${eos[0]} for open-end generation.`);
      pad = eos[0];
    }
    const maxNew = options.max_new_tokens ?? (options.max_length ?? (config.max_length as number) ?? 20) - promptLength;
    if (!Number.isInteger(maxNew) || maxNew < 0) throw new ModelInputError(`max_new_tokens must be a non-negative integer, got ${maxNew}.`);
    if (promptLength + maxNew > config.n_positions) {
      throw new ModelInputError(`The prompt (${promptLength} tokens) plus max_new_tokens (${maxNew}) exceeds this model's maximum of ${config.n_positions} positions. Shorten the prompt or ask for fewer tokens.`);
    }
    const sampling = {
      do_sample: options.do_sample ?? (config.do_sample as boolean) ?? false,
      temperature: options.temperature ?? (config.temperature as number) ?? 1,
      top_k: options.top_k ?? (config.top_k as number) ?? 50,
      top_p: options.top_p ?? (config.top_p as number) ?? 1,
      repetition_penalty: options.repetition_penalty ?? (config.repetition_penalty as number) ?? 1,
      no_repeat_ngram_size: options.no_repeat_ngram_size ?? (config.no_repeat_ngram_size as number) ?? 0,
    };
    const beams = options.num_beams ?? (config.num_beams as number) ?? 1;
    if (!Number.isInteger(beams) || beams < 1) throw new GenerationOptionError(`num_beams must be a positive integer, got ${beams}.`, "num_beams");
    const copies = options.num_return_sequences ?? 1;
    if (!Number.isInteger(copies) || copies < 1) throw new ModelInputError(`num_return_sequences must be a positive integer, got ${copies}.`);
    if (beams === 1 && copies > 1 && !sampling.do_sample) throw new ModelInputError("num_return_sequences > 1 needs do_sample: true (greedy decoding gives the same text every time) or num_beams >= num_return_sequences.");
    const streamer = options.streamer ?? null;
    if (streamer && (typeof streamer.put !== "function" || typeof streamer.end !== "function")) throw new GenerationOptionError("streamer must have put(token_ids) and end() methods, e.g. new TextStreamer(tokenizer).", "streamer");
    if (streamer && (batch > 1 || copies > 1 || beams > 1)) throw new GenerationOptionError("streamer works with one prompt and one sequence at a time, without beam search (as in transformers).", "streamer");
    const generator = options.seed !== undefined ? new Generator(options.seed) : default_generator;
    const useCache = options.use_cache ?? true;

    const prompts: number[][] = prompt.tolist();
    const promptMask: number[][] = options.attention_mask !== undefined && options.attention_mask !== null ? ensureBatch("attention_mask", toTensor("attention_mask", options.attention_mask as TensorLike, "int64")).tolist() : prompts.map((r) => r.map(() => 1));
    if (promptMask.length !== batch || promptMask[0].length !== promptLength) throw new ModelInputError(`attention_mask must have shape [${batch}, ${promptLength}] like input_ids.`);

    if (beams > 1) {
      if (sampling.do_sample) throw new GenerationOptionError("Beam search with sampling (num_beams > 1 and do_sample: true) is not supported here; use one of them.", "do_sample");
      if (copies > beams) throw new GenerationOptionError(`num_return_sequences (${copies}) has to be smaller or equal to num_beams (${beams}).`, "num_return_sequences");
      const lengthPenalty = options.length_penalty ?? (config.length_penalty as number) ?? 1;
      const earlyStopping = options.early_stopping ?? (config.early_stopping as boolean | "never") ?? false;
      if (earlyStopping !== true && earlyStopping !== false && earlyStopping !== "never") throw new GenerationOptionError(`early_stopping must be true, false or "never", got ${JSON.stringify(earlyStopping)}.`, "early_stopping");
      // Every row of a prompt's beams shares its mask; the cache follows the beams each step.
      const rowMask = (r: number) => promptMask[Math.floor(r / beams)];
      let past: [Tensor, Tensor][] | null = null;
      const result = await beamSearch(
        prompts,
        { num_beams: beams, length_penalty: lengthPenalty, early_stopping: earlyStopping, num_return_sequences: copies, max_length: promptLength + maxNew, eos, pad: pad ?? 0, ...sampling },
        async (rows, parents) => {
          if (past && parents) past = past.map(([k, v]) => [gatherRows(k, parents), gatherRows(v, parents)]);
          const mask = rows.map((row, r) => [...rowMask(r), ...Array(row.length - promptLength).fill(1)]);
          return this.lastLogits(rows, mask, past, useCache, (next) => (past = next));
        },
      );
      const sequences = new Tensor(BigInt64Array.from(result.sequences.flat(), (v) => BigInt(v)), [result.sequences.length, result.sequences[0].length], "int64");
      if (!options.return_dict_in_generate) return sequences;
      return new GenerateBeamDecoderOnlyOutput({ sequences, sequences_scores: new Tensor(Float32Array.from(result.sequences_scores), [result.sequences_scores.length], "float32") });
    }

    // Each prompt is repeated num_return_sequences times, as transformers expands the batch.
    const rows = prompts.flatMap((r) => Array.from({ length: copies }, () => [...r]));
    let mask = promptMask.flatMap((m) => Array.from({ length: copies }, () => [...m]));
    const unfinished = new Array(rows.length).fill(true);
    let past: [Tensor, Tensor][] | null = null;
    streamer?.put(prompt);

    for (let step = 0; step < maxNew; step++) {
      throwIfInterrupted();
      const last = await this.lastLogits(rows, mask, past, useCache, (next) => (past = next));
      for (let b = 0; b < rows.length; b++) {
        let token = nextToken(last[b], sampling, generator, rows[b]);
        if (!unfinished[b]) token = pad as number;
        rows[b].push(token);
        if (eos.includes(token)) unfinished[b] = false;
      }
      streamer?.put(new Tensor(BigInt64Array.of(BigInt(rows[0][rows[0].length - 1])), [1], "int64"));
      mask = mask.map((m) => [...m, 1]);
      if (eos.length && unfinished.every((u) => !u)) break;
    }
    streamer?.end();
    const total = rows[0].length;
    const sequences = new Tensor(BigInt64Array.from(rows.flat(), (v) => BigInt(v)), [rows.length, total], "int64");
    return options.return_dict_in_generate ? new GenerateDecoderOnlyOutput({ sequences }) : sequences;
  }

  /**
   * One decoding step: the last position's logits for each row. With a cache only the newest token
   * of each row is fed; positions count only attended tokens (left padding shifts them), as
   * transformers computes them. `keep` receives the new cache.
   */
  private async lastLogits(rows: number[][], mask: number[][], past: [Tensor, Tensor][] | null, useCache: boolean, keep: (past: [Tensor, Tensor][] | null) => void): Promise<Float32Array[]> {
    const positions = mask.map((m) => {
      let seen = 0;
      return m.map((v) => ((seen += v), v ? seen - 1 : 1));
    });
    const out: CausalLMOutputWithPast = await this({
      input_ids: past ? rows.map((r) => r.slice(-1)) : rows,
      attention_mask: mask,
      position_ids: past ? positions.map((p) => p.slice(-1)) : positions,
      past_key_values: past,
      use_cache: useCache,
    });
    keep(useCache ? out.past_key_values ?? null : null);
    const [, seqOut, vocab] = out.logits.shape;
    const data = out.logits.data as Float32Array;
    return rows.map((_, b) => data.subarray((b * seqOut + seqOut - 1) * vocab, (b * seqOut + seqOut) * vocab));
  }
}
