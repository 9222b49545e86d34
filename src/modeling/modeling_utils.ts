import * as fs from "node:fs";
import * as path from "node:path";
import { Graph, GraphValue } from "../engine/graph";
import { Program } from "../engine/program";
import { FrozenSlot } from "../engine/frozen_weights";
import { serializeGraph } from "../engine/to_onnx";
import { Module } from "../nn/module";
import { Linear } from "../nn/linear";
import { Embedding } from "../nn/embedding";
import { LayerNorm } from "../nn/layer_norm";
import { Parameter } from "../nn/parameter";
import { Tensor } from "../tensor";
import { Generator, default_generator } from "../utils/random";
import { writeFileAtomic } from "../utils/atomic_write";
import { ConfigError, ConfigKwargs, ConfigLoadOptions, PretrainedConfig, splitHubOptions } from "../configuration/configuration_utils";
import { Conv1D } from "./conv1d";
import { logger } from "./logging";
import { ModelOutput } from "./outputs";
import { serialize } from "./safetensors";
import { loadCheckpoint } from "./checkpoint_files";
import { generationConfigJson } from "./generation_config";
import { parseSize, shardCheckpoint } from "./sharding";
import { TensorLike } from "./inputs";
import { fillNormal, initialisationSkipped, withoutInitialisation } from "./init_control";

import { CheckpointError, WEIGHTS_INDEX_NAME, WEIGHTS_NAME } from "./checkpoint_errors";
import { checkModelMemory } from "./model_memory";
import { PushToHubUnavailableError } from "../hub/errors";

export { CheckpointError, WEIGHTS_INDEX_NAME, WEIGHTS_NAME };

/** What every model call accepts: `await model({ input_ids, attention_mask, labels, output_hidden_states: true })`. */
export interface ModelCallInputs {
  input_ids?: TensorLike;
  attention_mask?: TensorLike;
  token_type_ids?: TensorLike;
  position_ids?: TensorLike;
  labels?: TensorLike;
  start_positions?: TensorLike;
  end_positions?: TensorLike;
  past_key_values?: [Tensor, Tensor][] | null;
  output_hidden_states?: boolean;
  output_attentions?: boolean;
  use_cache?: boolean;
  return_dict?: boolean;
  /** Tokenizer outputs (BatchEncoding) carry other fields too, such as special_tokens_mask; they are ignored. */
  [key: string]: unknown;
}

/**
 * What a compiled program depends on besides the weights: which optional inputs and outputs the
 * graph has. Calls that agree on it share one compiled program (batch and sequence stay dynamic).
 */
export interface ForwardSpec {
  output_hidden_states: boolean;
  output_attentions: boolean;
  /** Labels given, and their dtype (classification: int64; regression/multi-label: float32). */
  labels: "none" | "int64" | "float32";
  /** GPT-2: return the keys and values for the next step. */
  use_cache: boolean;
  /** GPT-2: the graph takes the previous keys and values as inputs. */
  with_past: boolean;
}

/** Named graph outputs; lists become `hidden_states.0`, `hidden_states.1` … and key/value pairs `present.0.key` … */
export type GraphOutputs = Record<string, GraphValue | GraphValue[] | [GraphValue, GraphValue][] | undefined>;

export interface ModelLoadOptions extends ConfigLoadOptions {
  /** Use this config instead of the one stored with the weights. */
  config?: PretrainedConfig;
  /** Re-initialise weights whose shape differs from the checkpoint's instead of failing. */
  ignore_mismatched_sizes?: boolean;
}

export interface LoadingInfo {
  missing_keys: string[];
  unexpected_keys: string[];
  mismatched_keys: [string, number[], number[]][];
}

export interface SaveOptions {
  /** Also write `onnx/model.onnx` (weights included), the layout transformers.js loads. */
  onnx?: boolean;
  /** Split the weights into files of at most this size ("10GB" by default, as transformers does). */
  max_shard_size?: number | string;
  /** Python's upload after saving; not available yet, so `true` raises PushToHubUnavailableError. */
  push_to_hub?: boolean;
}

type ConfigClass = (new (kwargs?: ConfigKwargs) => PretrainedConfig) & typeof PretrainedConfig;
export type ModelClass<T extends PreTrainedModel = PreTrainedModel> = (new (config: any) => T) & typeof PreTrainedModel;


const FINFO_FLOAT32_MIN = -3.4028234663852886e38;
/** `torch.finfo(torch.float32).min`, which transformers adds to masked attention scores. */
export const MASK_VALUE = FINFO_FLOAT32_MIN;

/** Models are called like functions: `const outputs = await model({ input_ids })`. */
export interface PreTrainedModel {
  (inputs: ModelCallInputs): Promise<ModelOutput>;
}

/**
 * Base of every model: holds the config, builds the weights with the Hub's initialisation, loads
 * and saves the Hub's files, and is callable: `const out = await model({ input_ids })`.
 *
 * A call does not compute in JavaScript: the model's `build` composes a graph of ONNX ops once per
 * kind of call (train or eval mode, which optional outputs, labels or not), the engine compiles it
 * into an onnxruntime session in its worker thread, and later calls reuse that program with any
 * batch size and sequence length.
 */
/** A bias of a new length: old values kept, new entries 0 (as transformers pads the MLM bias). */
export function resizedBias(bias: Parameter, length: number): Parameter {
  const data = new Float32Array(length);
  data.set(bias.data.subarray(0, Math.min(bias.numel, length)));
  return new Parameter(data, [length]);
}

export abstract class PreTrainedModel extends Module {
  static config_class: ConfigClass = PretrainedConfig as ConfigClass;
  /** The attribute holding the bare model in head models ("bert", "distilbert", "transformer"). */
  static base_model_prefix = "";
  static main_input_name = "input_ids";
  /** Checkpoint names that may be absent without a warning (tied weights, buffers). */
  static _keys_to_ignore_on_load_missing: RegExp[] = [];
  /** Checkpoint names that may be present and unused without a warning. */
  static _keys_to_ignore_on_load_unexpected: RegExp[] = [];
  /** Buffers that older checkpoints store and newer ones do not; they are recomputed, never loaded. */
  static _buffer_keys: RegExp[] = [/(^|\.)position_ids$/, /(^|\.)attn\.bias$/, /(^|\.)attn\.masked_bias$/];

  declare config: PretrainedConfig;
  /** What the last `from_pretrained` found: missing, unexpected and mismatched weights. */
  declare loading_info: LoadingInfo | null;
  private declare _programs: Map<string, Promise<Program>>;
  /** The one inference session with this model's weights baked in, while they stay unchanged. */
  private declare _frozen: FrozenSlot;

  constructor(config: PretrainedConfig) {
    super();
    if (!(config instanceof PretrainedConfig)) {
      throw new ConfigError(`Parameter config in \`${new.target.name}(config)\` should be an instance of PretrainedConfig. To create a model from a pretrained model use \`await ${new.target.name}.from_pretrained(path)\`.`);
    }
    // before any layer is built: a wrong or huge size fails here, naming its field
    checkModelMemory(config, new.target.name);
    // Make the instance callable (`await model(inputs)`) while keeping its class and fields.
    const self = ((inputs: ModelCallInputs) => (self as unknown as PreTrainedModel)._call(inputs)) as unknown as Record<string | symbol, unknown>;
    delete self.name;
    delete self.length;
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperties(self, Object.getOwnPropertyDescriptors(this));
    const model = self as unknown as PreTrainedModel;
    model.config = config;
    Object.defineProperty(model, "loading_info", { value: null, writable: true, enumerable: false });
    Object.defineProperty(model, "_programs", { value: new Map(), writable: true, enumerable: false });
    Object.defineProperty(model, "_frozen", { value: new FrozenSlot(), writable: false, enumerable: false });
    return model;
  }

  /** Called at the end of each model's constructor: initialises the weights as the Hub does. */
  protected post_init(): void {
    if (initialisationSkipped()) return;
    this.init_weights();
  }

  /** Draws fresh weights for every module (`generator` defaults to the one `manual_seed` seeds). */
  init_weights(generator: Generator = default_generator, only?: Set<Parameter>): void {
    for (const [name, module] of this.named_modules()) this._init_weights(module, name, generator, only);
  }

  /**
   * The Hub's scheme (BERT, DistilBERT, GPT-2 share it): Linear/Conv1D weights and embeddings from
   * N(0, initializer_range), biases 0, the padding embedding row 0, LayerNorm weight 1 and bias 0.
   */
  protected _init_weights(module: Module, _name: string, generator: Generator, only?: Set<Parameter>): void {
    const std = (this.config.initializer_range as number | undefined) ?? 0.02;
    const want = (p: Parameter | null): p is Parameter => p !== null && (!only || only.has(p));
    if (module instanceof Linear || module instanceof Conv1D) {
      if (want(module.weight)) module.weight.data = fillNormal(generator, new Float32Array(module.weight.numel), 0, std);
      if (want(module.bias)) module.bias.data = new Float32Array(module.bias.numel);
    } else if (module instanceof Embedding) {
      if (want(module.weight)) {
        const w = fillNormal(generator, new Float32Array(module.weight.numel), 0, std);
        if (module.padding_idx !== null) w.fill(0, module.padding_idx * module.embedding_dim, (module.padding_idx + 1) * module.embedding_dim);
        module.weight.data = w;
      }
    } else if (module instanceof LayerNorm) {
      if (want(module.weight)) module.weight.data = new Float32Array(module.weight.numel).fill(1);
      if (want(module.bias)) module.bias.data = new Float32Array(module.bias.numel);
    }
  }

  /** The bare model inside a head model (`model.bert`), or this model itself. */
  get base_model(): Module {
    const prefix = (this.constructor as typeof PreTrainedModel).base_model_prefix;
    const inner = (this as unknown as Record<string, unknown>)[prefix];
    return inner instanceof Module ? inner : this;
  }

  get name_or_path(): string {
    return this.config.name_or_path;
  }

  get main_input_name(): string {
    return (this.constructor as typeof PreTrainedModel).main_input_name;
  }

  /** Whether `generate` is available. */
  can_generate(): boolean {
    return false;
  }

  /** The token embedding table (`model.bert.embeddings.word_embeddings` …). */
  get_input_embeddings(): Embedding {
    const base = this.base_model;
    if (base !== this && base instanceof PreTrainedModel) return base.get_input_embeddings();
    const found = this.modules().find((m) => m instanceof Embedding);
    if (!found) throw new ConfigError(`${this.constructor.name} has no input embeddings.`);
    return found as Embedding;
  }

  /**
   * Grows or shrinks the vocabulary to `new_num_tokens` (after `tokenizer.add_tokens(...)`): old rows
   * are kept, new rows drawn as at initialisation, tied output layers follow, and config.vocab_size
   * is updated. Returns the new embedding table.
   */
  resize_token_embeddings(new_num_tokens?: number): Embedding {
    const embedding = this.get_input_embeddings();
    if (new_num_tokens === undefined || new_num_tokens === embedding.num_embeddings) return embedding;
    if (!Number.isInteger(new_num_tokens) || new_num_tokens <= 0) throw new RangeError(`new_num_tokens must be a positive integer, got ${new_num_tokens}.`);
    const old = embedding.weight;
    const dim = embedding.embedding_dim;
    const std = (this.config.initializer_range as number | undefined) ?? 0.02;
    const data = fillNormal(default_generator, new Float32Array(new_num_tokens * dim), 0, std);
    data.set(old.data.subarray(0, Math.min(old.numel, new_num_tokens * dim)));
    const resized = new Parameter(data, [new_num_tokens, dim]);
    resized.requires_grad = old.requires_grad;
    // Every holder of the old table (the embedding, tied output layers) now holds the new one.
    for (const module of this.modules()) {
      for (const key of Object.getOwnPropertyNames(module)) {
        if ((module as unknown as Record<string, unknown>)[key] === old) Object.defineProperty(module, key, { ...Object.getOwnPropertyDescriptor(module, key), value: resized });
      }
    }
    (embedding as { num_embeddings: number }).num_embeddings = new_num_tokens;
    this._resize_output_bias(new_num_tokens);
    this.config.vocab_size = new_num_tokens;
    void this.release_programs();
    return embedding;
  }

  /** Heads with a per-token output bias pad or cut it to the new vocabulary size. */
  protected _resize_output_bias(_new_num_tokens: number): void {}

  // ---------------------------------------------------------------- calling the model

  /** Converts the call's inputs to feeds and says which kind of graph they need. */
  protected abstract prepare(inputs: ModelCallInputs): { feeds: Record<string, Tensor>; spec: ForwardSpec };

  /** Composes the forward pass for `spec`: declares its graph inputs and returns named outputs. */
  abstract build(g: Graph, spec: ForwardSpec): GraphOutputs;

  /** The output class of this model (`SequenceClassifierOutput` …). */
  protected abstract get output_class(): new (fields: Record<string, unknown>) => ModelOutput;

  /** Runs the model: `await model({ input_ids, attention_mask })`. */
  protected async _call(inputs: ModelCallInputs): Promise<ModelOutput> {
    if (inputs === null || typeof inputs !== "object" || inputs instanceof Tensor || Array.isArray(inputs)) {
      throw new TypeError(`A model call takes one object of named inputs, e.g. await model({ input_ids, attention_mask }) or await model(tokenizer(text, { return_tensors: "pt" })).`);
    }
    const { feeds, spec } = this.prepare(inputs);
    const program = await this.program(spec);
    const raw = await program.run(feeds);
    return this.wrap(raw, spec);
  }

  /**
   * One training step's forward and backward pass: returns the outputs (with `loss`) and leaves the
   * gradient of the loss in each parameter's `grad`. Labels are required.
   */
  async forward_backward(inputs: ModelCallInputs): Promise<ModelOutput> {
    const { feeds, spec } = this.prepare(inputs);
    if (spec.labels === "none") throw new TypeError("forward_backward needs labels so that the model computes a loss.");
    const program = await this.program(spec, true);
    const raw = await program.run(feeds);
    return this.wrap(raw, spec);
  }

  /** The compiled program for a kind of call, built on first use and kept. */
  async program(spec: ForwardSpec, backward = false): Promise<Program> {
    // Training changes the weights at every step: the frozen inference copy would only take memory.
    if (this.training || backward) this._frozen.release().catch(() => undefined);
    const key = JSON.stringify({ ...spec, training: this.training, backward });
    let program = this._programs.get(key);
    if (!program) {
      program = (async () => {
        const g = this.graph(spec);
        return Program.compile(g, backward ? { backward: { loss: "loss" } } : { frozen_slot: this._frozen });
      })();
      this._programs.set(key, program);
      program.catch(() => this._programs.delete(key));
    }
    return program;
  }

  /** Builds the graph for `spec` in the current train/eval mode, with its outputs named. */
  graph(spec: ForwardSpec): Graph {
    const g = new Graph({ module: this, name: this.constructor.name });
    const outputs = this.build(g, spec);
    for (const [name, value] of Object.entries(outputs)) {
      if (value === undefined) continue;
      if (value instanceof GraphValue) g.output(name, value);
      else if (name === "past_key_values") (value as [GraphValue, GraphValue][]).forEach(([k, v], i) => (g.output(`present.${i}.key`, k), g.output(`present.${i}.value`, v)));
      else (value as GraphValue[]).forEach((v, i) => g.output(`${name}.${i}`, v));
    }
    return g;
  }

  /** Turns the flat program outputs back into the model's output class (loss first, as in Python). */
  protected wrap(raw: Record<string, Tensor>, _spec: ForwardSpec): ModelOutput {
    const fields: Record<string, unknown> = {};
    if (raw.loss) fields.loss = raw.loss;
    const lists: Record<string, Tensor[]> = {};
    const present: [Tensor, Tensor][] = [];
    for (const [name, t] of Object.entries(raw)) {
      if (name === "loss") continue;
      const listMatch = /^(hidden_states|attentions)\.(\d+)$/.exec(name);
      const presentMatch = /^present\.(\d+)\.(key|value)$/.exec(name);
      if (listMatch) (lists[listMatch[1]] ??= [])[Number(listMatch[2])] = t;
      else if (presentMatch) (present[Number(presentMatch[1])] ??= [t, t])[presentMatch[2] === "key" ? 0 : 1] = t;
      else fields[name] = t;
    }
    if (present.length) fields.past_key_values = present;
    if (lists.hidden_states) fields.hidden_states = lists.hidden_states;
    if (lists.attentions) fields.attentions = lists.attentions;
    return new this.output_class(fields);
  }

  /** Forgets compiled programs (after changing the architecture, e.g. resizing embeddings). */
  async release_programs(): Promise<void> {
    const programs = [...this._programs.values()];
    this._programs.clear();
    for (const child of this.modules()) if (child !== this && child instanceof PreTrainedModel) child._programs.clear();
    for (const p of programs) await (await p.catch(() => null))?.release();
  }

  // ---------------------------------------------------------------- loading

  /**
   * Loads a model from a folder or model id holding config.json and model.safetensors (or a
   * sharded checkpoint with model.safetensors.index.json). Options override config values
   * (`{ num_labels: 3 }`); weights the checkpoint lacks are freshly initialised and reported.
   */
  static async from_pretrained<T extends PreTrainedModel>(this: ModelClass<T>, pretrained_model_name_or_path: string, options: ModelLoadOptions = {}): Promise<T> {
    const { config: givenConfig, ignore_mismatched_sizes, ...rest } = options;
    const { hub, overrides } = splitHubOptions(rest);
    let config: PretrainedConfig;
    if (givenConfig) {
      config = givenConfig;
      for (const [k, v] of Object.entries(overrides)) config.update({ [k]: v });
    } else {
      config = await this.config_class.from_pretrained(pretrained_model_name_or_path, { ...hub, ...overrides });
    }
    const weights = await loadCheckpoint(pretrained_model_name_or_path, hub);
    // Weights about to be loaded are not drawn first; the missing ones are drawn after loading.
    const model = withoutInitialisation(() => new (this as unknown as new (config: PretrainedConfig) => T)(config));
    config.name_or_path = pretrained_model_name_or_path;
    model.load_checkpoint(weights, { source: pretrained_model_name_or_path, ignore_mismatched_sizes: ignore_mismatched_sizes ?? false });
    model.eval();
    return model;
  }

  /**
   * Copies checkpoint tensors into the parameters, matching names with or without the base model
   * prefix, and reports what was missing or unused the way transformers does.
   */
  load_checkpoint(state: Record<string, Tensor>, options: { source?: string; ignore_mismatched_sizes?: boolean } = {}): LoadingInfo {
    const cls = this.constructor as typeof PreTrainedModel;
    const source = options.source ?? "the given state dict";
    const prefix = cls.base_model_prefix;
    const params = this.named_parameters();
    const loaded = Object.keys(state);
    const hasPrefix = prefix !== "" && loaded.some((k) => k.startsWith(prefix + "."));
    const expectsPrefix = prefix !== "" && params.some(([k]) => k.startsWith(prefix + "."));
    // The name each parameter has in the checkpoint.
    const checkpointName = (name: string): string => {
      if (expectsPrefix && !hasPrefix && name.startsWith(prefix + ".")) return name.slice(prefix.length + 1); // bare checkpoint → head model
      if (hasPrefix && !expectsPrefix) return `${prefix}.${name}`; // head checkpoint → bare model
      return name;
    };
    const used = new Set<string>();
    const missing: string[] = [];
    const mismatched: [string, number[], number[]][] = [];
    const initialise = new Set<Parameter>();
    for (const [name, param] of params) {
      const key = checkpointName(name);
      const tensor = state[key];
      if (!tensor) {
        missing.push(key);
        initialise.add(param);
        continue;
      }
      used.add(key);
      if (tensor.shape.length !== param.shape.length || tensor.shape.some((d, i) => d !== param.shape[i])) {
        mismatched.push([key, tensor.shape, param.shape]);
        initialise.add(param);
        continue;
      }
      if (tensor.dtype !== "float32") {
        throw new CheckpointError(`${key} in ${source} is ${tensor.dtype}, but the model's weight is float32. The checkpoint does not match ${cls.name}.`);
      }
      param.data = tensor.data as Float32Array;
    }
    if (mismatched.length && !options.ignore_mismatched_sizes) {
      const lines = mismatched.map(([k, a, b]) => `\tsize mismatch for ${k}: copying a param with shape [${a.join(", ")}] from checkpoint, the shape in current model is [${b.join(", ")}].`);
      throw new CheckpointError(`Error(s) in loading state_dict for ${cls.name}:\n${lines.join("\n")}\n\tYou may consider adding \`ignore_mismatched_sizes: true\` in the model \`from_pretrained\` options.`);
    }
    if (initialise.size) this.init_weights(default_generator, initialise);

    const ignoredUnexpected = [...cls._buffer_keys, ...cls._keys_to_ignore_on_load_unexpected];
    const unexpected = loaded.filter((k) => !used.has(k) && !ignoredUnexpected.some((re) => re.test(k)));
    const reportedMissing = missing.filter((k) => !cls._keys_to_ignore_on_load_missing.some((re) => re.test(k)));
    const name = cls.name;
    if (unexpected.length) {
      logger.warning(
        `Some weights of the model checkpoint at ${source} were not used when initializing ${name}: [${unexpected.map((k) => `'${k}'`).join(", ")}]\n` +
          `- This IS expected if you are initializing ${name} from the checkpoint of a model trained on another task or with another architecture (e.g. initializing a BertForSequenceClassification model from a BertForPreTraining model).\n` +
          `- This IS NOT expected if you are initializing ${name} from the checkpoint of a model that you expect to be exactly identical (initializing a BertForSequenceClassification model from a BertForSequenceClassification model).`,
      );
    }
    if (reportedMissing.length) {
      logger.warning(
        `Some weights of ${name} were not initialized from the model checkpoint at ${source} and are newly initialized: [${reportedMissing.map((k) => `'${k}'`).join(", ")}]\n` +
          `You should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.`,
      );
    }
    if (mismatched.length) {
      const lines = mismatched.map(([k, a, b]) => `- ${k}: found shape [${a.join(", ")}] in the checkpoint and [${b.join(", ")}] in the model instantiated`);
      logger.warning(`Some weights of ${name} were not initialized from the model checkpoint at ${source} and are newly initialized because the shapes did not match:\n${lines.join("\n")}\nYou should probably TRAIN this model on a down-stream task to be able to use it for predictions and inference.`);
    }
    this.loading_info = { missing_keys: reportedMissing, unexpected_keys: unexpected, mismatched_keys: mismatched };
    return this.loading_info;
  }

  /** A fresh model with random weights from a config (`AutoModel.from_config` calls this). */
  static from_config<T extends PreTrainedModel>(this: ModelClass<T>, config: PretrainedConfig): T {
    return new (this as unknown as new (config: PretrainedConfig) => T)(config);
  }

  // ---------------------------------------------------------------- saving

  /** The tensors save_pretrained writes, by their Hub names (tied weights once). */
  checkpoint_state(): Record<string, Tensor> {
    return this.checkpointTensors(true);
  }

  /**
   * `writable` views count as a change to the weights (the caller may write into them); saving
   * copies the values at once, so it reads them without dropping the frozen inference session.
   */
  private checkpointTensors(writable: boolean): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.named_parameters()) {
      if (p.peek().length !== p.numel) throw new CheckpointError(`Parameter ${name} is in use by a running call; await the model call before saving.`);
      out[name] = writable ? p.tensor() : new Tensor(p.peek(), p.shape, "float32");
    }
    return out;
  }

  /**
   * Writes config.json and model.safetensors (and, with `{ onnx: true }`, onnx/model.onnx) into
   * `save_directory`, as the Hub stores them. Each file is written completely or not at all.
   */
  async save_pretrained(save_directory: string, options: SaveOptions = {}): Promise<void> {
    if (options.push_to_hub) throw new PushToHubUnavailableError(`${this.constructor.name}.save_pretrained(dir, { push_to_hub: true })`);
    if (fs.existsSync(save_directory) && !fs.statSync(save_directory).isDirectory()) {
      throw new CheckpointError(`Provided path (${save_directory}) should be a directory, not a file.`);
    }
    // Everything is prepared in memory first, so a failure leaves the folder as it was.
    const shards = shardCheckpoint(this.checkpointTensors(false), parseSize(options.max_shard_size ?? "10GB"));
    const chunks = [...shards.files].map(([file, tensors]) => [file, serialize(tensors, { metadata: { format: "pt" } })] as const);
    const config = this.config;
    config.architectures = [this.constructor.name];
    config.torch_dtype = "float32";
    const configText = config.to_json_string();
    const generationText = this.can_generate() ? generationConfigJson(config) : null;
    const onnxBytes = options.onnx ? this.export_onnx_bytes() : null;

    fs.mkdirSync(save_directory, { recursive: true });
    for (const [file, bytes] of chunks) writeFileAtomic(path.join(save_directory, file), bytes);
    if (shards.index) writeFileAtomic(path.join(save_directory, WEIGHTS_INDEX_NAME), shards.index);
    // Weights from an earlier save in another layout would shadow or confuse the new ones.
    for (const old of fs.readdirSync(save_directory)) {
      const stale = old === WEIGHTS_NAME || old === WEIGHTS_INDEX_NAME || /^model-\d{5}-of-\d{5}\.safetensors$/.test(old);
      if (stale && !shards.files.has(old) && !(old === WEIGHTS_INDEX_NAME && shards.index)) fs.rmSync(path.join(save_directory, old));
    }
    writeFileAtomic(path.join(save_directory, "config.json"), configText);
    if (generationText) writeFileAtomic(path.join(save_directory, "generation_config.json"), generationText);
    if (onnxBytes) {
      fs.mkdirSync(path.join(save_directory, "onnx"), { recursive: true });
      writeFileAtomic(path.join(save_directory, "onnx", "model.onnx"), onnxBytes);
    }
  }

  /** Uploads the model to the Hub as Python's `model.push_to_hub(repo_id)` does; not available yet (raises PushToHubUnavailableError). */
  async push_to_hub(_repo_id: string, _options: Record<string, unknown> = {}): Promise<never> {
    throw new PushToHubUnavailableError(`${this.constructor.name}.push_to_hub`);
  }

  /** The inference graph that `save_pretrained(dir, { onnx: true })` exports, with the output names transformers.js reads. */
  export_graph(): { graph: Graph; outputs: string[] } {
    const wasTraining = this.training;
    this.eval();
    try {
      const g = this.graph(this.export_spec());
      return { graph: g, outputs: [...g.outputs.keys()] };
    } finally {
      this.train(wasTraining);
    }
  }

  /** The inference graph as ONNX bytes with the current weights as initializers. */
  export_onnx_bytes(): Uint8Array {
    const { graph, outputs } = this.export_graph();
    return serializeGraph(graph, { outputs: outputs.map((name): [string, GraphValue] => [name, graph.outputs.get(name)!]), weightsAsInitializers: true }).bytes;
  }

  /** Which graph to export: plain inference outputs. */
  protected export_spec(): ForwardSpec {
    return { output_hidden_states: false, output_attentions: false, labels: "none", use_cache: false, with_past: false };
  }

  /** How many weights the model has (`{ exclude_embeddings: true }` leaves out embedding tables). */
  override num_parameters(options: { only_trainable?: boolean; exclude_embeddings?: boolean } = {}): number {
    if (!options.exclude_embeddings) return super.num_parameters(options);
    const embeddingParams = new Set(this.modules().filter((m) => m instanceof Embedding).map((m) => (m as Embedding).weight));
    return this.parameters()
      .filter((p) => !embeddingParams.has(p) && (!options.only_trainable || p.requires_grad))
      .reduce((n, p) => n + p.numel, 0);
  }
}

