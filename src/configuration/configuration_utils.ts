import * as fs from "node:fs";
import * as path from "node:path";
import { cached_file, HubOptions } from "../hub/resolve";
import { writeFileAtomic } from "../utils/atomic_write";
import { floatKeysInJson, pythonJsonDumps } from "./python_json";
import { logger } from "../modeling/logging";

/**
 * The transformers release whose file formats and defaults this SDK follows. It is written into
 * every config.json as `transformers_version`, so configs saved here compare equal to the Hub's.
 */
export const TRANSFORMERS_VERSION = "4.29.2";

import { ConfigError } from "./config_error";
import { checkConfigFields, checkSettableKey, COMMON_FIELD_RULES, ConfigFieldError, FieldRule } from "./config_fields";
import { refuseAbove } from "../utils/size_limits";

/** Roughly what one entry of id2label plus label2id costs (two strings, two map entries). */
const BYTES_PER_LABEL = 128;

export { ConfigError };

const PROBLEM_TYPES = ["regression", "single_label_classification", "multi_label_classification"] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** The attributes every config has, with PretrainedConfig's defaults (transformers 4.29.2, in its order). */
const COMMON_DEFAULTS: Record<string, unknown> = {
  return_dict: true,
  output_hidden_states: false,
  output_attentions: false,
  torchscript: false,
  torch_dtype: null,
  use_bfloat16: false,
  tf_legacy_loss: false,
  pruned_heads: {},
  tie_word_embeddings: true,
  is_encoder_decoder: false,
  is_decoder: false,
  cross_attention_hidden_size: null,
  add_cross_attention: false,
  tie_encoder_decoder: false,
  max_length: 20,
  min_length: 0,
  do_sample: false,
  early_stopping: false,
  num_beams: 1,
  num_beam_groups: 1,
  diversity_penalty: 0.0,
  temperature: 1.0,
  top_k: 50,
  top_p: 1.0,
  typical_p: 1.0,
  repetition_penalty: 1.0,
  length_penalty: 1.0,
  no_repeat_ngram_size: 0,
  encoder_no_repeat_ngram_size: 0,
  bad_words_ids: null,
  num_return_sequences: 1,
  chunk_size_feed_forward: 0,
  output_scores: false,
  return_dict_in_generate: false,
  forced_bos_token_id: null,
  forced_eos_token_id: null,
  remove_invalid_values: false,
  exponential_decay_length_penalty: null,
  suppress_tokens: null,
  begin_suppress_tokens: null,
  architectures: null,
  finetuning_task: null,
  tokenizer_class: null,
  prefix: null,
  bos_token_id: null,
  pad_token_id: null,
  eos_token_id: null,
  sep_token_id: null,
  decoder_start_token_id: null,
  task_specific_params: null,
  problem_type: null,
};

/** Keys Python stores as floats, so they are written `1.0` rather than `1`. */
const COMMON_FLOAT_KEYS = ["diversity_penalty", "temperature", "top_p", "typical_p", "repetition_penalty", "length_penalty"];

function deepCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as any)[k], (b as any)[k]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ "0": "a" }` → `{ 0: "a" }` checked: every key must be an integer (JSON keys are strings). */
function intKeyed<V>(dict: Record<string, V>, field: string): Record<number, V> {
  const out: Record<number, V> = {};
  for (const [k, v] of Object.entries(dict)) {
    const n = Number(k);
    if (!Number.isInteger(n)) throw new ConfigError(`${field} keys must be integer ids, but found "${k}".`);
    out[n] = v;
  }
  return out;
}

export type ConfigKwargs = Record<string, unknown>;

/** What `from_pretrained` accepts: where to find the files plus attribute overrides. */
export type ConfigLoadOptions = HubOptions & ConfigKwargs;

const HUB_OPTION_KEYS = ["revision", "cache_dir", "local_files_only", "token", "force_download", "proxies", "subfolder"];

/**
 * The blueprint of a model: sizes, dropout rates, label names and generation defaults.
 * Mirrors transformers' `PretrainedConfig`: unknown keys are kept, `id2label` has integer keys in
 * memory and string keys in JSON, `num_labels` is derived from `id2label`, and config.json holds
 * only the values that differ from the defaults.
 */
export class PretrainedConfig {
  /** The `model_type` written to config.json ("bert", "gpt2" …); empty for the base class. */
  static model_type = "";
  /** Python's `attribute_map`: common names (`hidden_size`) that a model spells its own way (`n_embd`). */
  static attribute_map: Record<string, string> = {};
  /** Model-specific attributes and their defaults, in the order the Python class sets them. */
  static defaults: Record<string, unknown> = {};
  /** Model-specific attributes that hold floats. */
  static float_keys: string[] = [];
  /** Types and ranges of the model-specific attributes, checked by `validate()`. */
  static field_rules: Record<string, FieldRule> = {};

  // Unknown keys from config.json stay on the object, as in Python.
  [key: string]: any;

  declare return_dict: boolean;
  declare output_hidden_states: boolean;
  declare output_attentions: boolean;
  declare torch_dtype: string | null;
  declare tie_word_embeddings: boolean;
  declare is_decoder: boolean;
  declare is_encoder_decoder: boolean;
  declare architectures: string[] | null;
  declare bos_token_id: number | null;
  declare pad_token_id: number | null;
  declare eos_token_id: number | number[] | null;
  declare sep_token_id: number | null;
  declare problem_type: ProblemType | null;
  declare id2label: Record<number, string>;
  declare label2id: Record<string, number> | null;
  declare pruned_heads: Record<number, number[]>;
  declare _name_or_path: string;
  declare transformers_version: string | null;

  constructor(kwargs: ConfigKwargs = {}) {
    const ctor = this.constructor as typeof PretrainedConfig;
    Object.defineProperty(this, "_floatKeys", { value: new Set<string>([...COMMON_FLOAT_KEYS, ...ctor.float_keys]), enumerable: false, writable: true });
    // Resolve aliases first (GPT-2's `hidden_size` is `n_embd`), so either spelling configures the model.
    // A null prototype: a "__proto__" or "constructor" key in config.json is then just a key.
    const given: ConfigKwargs = Object.create(null);
    for (const [key, value] of Object.entries(kwargs)) {
      if (value === undefined) continue;
      given[aliasOf(ctor, key)] = value;
    }
    // Model-specific attributes first, then the common ones: the same values Python ends up with.
    for (const [key, fallback] of Object.entries(ctor.defaults)) {
      this[key] = key in given ? given[key] : deepCopy(fallback);
      delete given[key];
    }
    for (const [key, fallback] of Object.entries(COMMON_DEFAULTS)) {
      if (key in ctor.defaults) continue; // e.g. BERT's pad_token_id default of 0 is already set
      this[key] = key in given ? given[key] : deepCopy(fallback);
      delete given[key];
    }
    if (this.problem_type !== null && !PROBLEM_TYPES.includes(this.problem_type)) {
      throw new ConfigError(`problem_type must be one of ${PROBLEM_TYPES.join(", ")} (or null), got ${JSON.stringify(this.problem_type)}.`);
    }
    if (this.pruned_heads && isPlainObject(this.pruned_heads)) this.pruned_heads = intKeyed(this.pruned_heads as Record<string, number[]>, "pruned_heads");

    // Labels: id2label wins; otherwise num_labels (default 2) makes LABEL_0 … LABEL_{n-1}.
    const id2label = given.id2label;
    const label2id = given.label2id;
    const numLabels = given.num_labels;
    delete given.id2label;
    delete given.label2id;
    delete given.num_labels;
    if (label2id !== undefined && label2id !== null && !isPlainObject(label2id)) throw new ConfigError("label2id must be an object mapping label names to ids.");
    this.label2id = (label2id as Record<string, number> | undefined) ?? null;
    if (id2label !== undefined && id2label !== null) {
      if (!isPlainObject(id2label)) throw new ConfigError("id2label must be an object mapping ids to label names.");
      this.id2label = intKeyed(id2label as Record<string, string>, "id2label");
      if (numLabels !== undefined && numLabels !== null && Object.keys(this.id2label).length !== numLabels) {
        logger.warning(`You passed along num_labels=${numLabels} with an incompatible id to label map: ${JSON.stringify(id2label)}. The number of labels will be overwritten to ${Object.keys(this.id2label).length}.`);
      }
    } else {
      this.num_labels = numLabels === undefined || numLabels === null ? 2 : (numLabels as number);
    }

    this._name_or_path = (given._name_or_path as string | undefined) ?? (given.name_or_path as string | undefined) ?? "";
    delete given._name_or_path;
    delete given.name_or_path;
    this.transformers_version = (given.transformers_version as string | undefined) ?? null;
    delete given.transformers_version;
    delete given.model_type; // a class property, not an attribute
    delete given._commit_hash;
    delete given.gradient_checkpointing; // an old training flag transformers drops from configs
    // Everything else is kept as an attribute, as Python's `setattr(self, key, value)` loop does.
    for (const [key, value] of Object.entries(given)) {
      checkSettableKey(this, key, ctor.name);
      this[key] = value;
    }
    this.validate();
  }

  /**
   * Checks the types and ranges of the fields this SDK uses (sizes, dropout rates, flags, token ids)
   * and throws a ConfigFieldError naming the first wrong one. Run when the config is built and
   * again when a model is built from it.
   */
  validate(): void {
    const ctor = this.constructor as typeof PretrainedConfig;
    checkConfigFields(this, COMMON_FIELD_RULES, ctor.name);
    checkConfigFields(this, ctor.field_rules, ctor.name);
  }

  /**
   * Roughly how many float32 parameters, in how many weight tensors, a model of this config holds
   * (the largest head included), so its memory can be checked before any of it is allocated.
   */
  static parameter_estimate(_config: PretrainedConfig): { parameters: number; tensors: number } {
    return { parameters: 0, tensors: 0 };
  }

  get model_type(): string {
    return (this.constructor as typeof PretrainedConfig).model_type;
  }

  get num_labels(): number {
    return Object.keys(this.id2label ?? {}).length;
  }

  /** Setting `num_labels` to a new count replaces the labels with LABEL_0 … LABEL_{n-1}. */
  set num_labels(count: number) {
    if (!Number.isInteger(count) || count < 0) throw new ConfigFieldError(`num_labels must be a non-negative integer, got ${count}.`, "num_labels", count);
    // every label gets a name in id2label and label2id: refuse a count whose names alone would not fit
    refuseAbove(count * BYTES_PER_LABEL, "batch", "num_labels", count, "for the label names");
    if (this.id2label === undefined || this.id2label === null || Object.keys(this.id2label).length !== count) {
      const id2label: Record<number, string> = {};
      const label2id: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        id2label[i] = `LABEL_${i}`;
        label2id[`LABEL_${i}`] = i;
      }
      this.id2label = id2label;
      this.label2id = label2id;
    }
  }

  get name_or_path(): string {
    return this._name_or_path;
  }

  set name_or_path(value: string) {
    this._name_or_path = String(value);
  }

  get use_return_dict(): boolean {
    return this.return_dict && !this.torchscript;
  }

  /** Every attribute as a plain object (`model_type` and `transformers_version` included), like Python's `to_dict()`. */
  to_dict(): Record<string, unknown> {
    const output: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (this[key] !== undefined && typeof this[key] !== "function") output[key] = deepCopy(this[key]);
    }
    output.model_type = this.model_type;
    delete output._auto_class;
    delete output._commit_hash;
    output.transformers_version = TRANSFORMERS_VERSION;
    return output;
  }

  /** Only the attributes whose values differ from the defaults (what config.json holds). */
  to_diff_dict(): Record<string, unknown> {
    const configDict = this.to_dict();
    const defaultDict = new PretrainedConfig().to_dict();
    const ctor = this.constructor as new () => PretrainedConfig;
    const classDict = new ctor().to_dict();
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(configDict)) {
      if (
        !(key in defaultDict) ||
        key === "transformers_version" ||
        !deepEqual(value, defaultDict[key]) ||
        (key in classDict && !deepEqual(value, classDict[key]))
      ) {
        out[key] = value;
      }
    }
    return out;
  }

  /** The config as JSON text, keys sorted, indent 2, trailing newline; `use_diff` (default true) keeps only non-default values. */
  to_json_string(options: { use_diff?: boolean } = {}): string {
    const dict = options.use_diff === false ? this.to_dict() : this.to_diff_dict();
    const floatKeys = (this as unknown as { _floatKeys: Set<string> })._floatKeys;
    return pythonJsonDumps(dict, { floatKeys, intKeyedDicts: new Set(["id2label", "pruned_heads"]) }) + "\n";
  }

  /** Writes the config as JSON to `jsonFilePath` (atomically). */
  to_json_file(jsonFilePath: string, options: { use_diff?: boolean } = {}): void {
    writeFileAtomic(jsonFilePath, this.to_json_string(options));
  }

  /** Writes `config.json` into `saveDirectory` (created if needed), as the Hub stores it. */
  save_pretrained(saveDirectory: string): void {
    if (fs.existsSync(saveDirectory) && !fs.statSync(saveDirectory).isDirectory()) {
      throw new ConfigError(`Provided path (${saveDirectory}) should be a directory, not a file.`);
    }
    fs.mkdirSync(saveDirectory, { recursive: true });
    this.to_json_file(path.join(saveDirectory, CONFIG_NAME), { use_diff: true });
  }

  /** Sets attributes from an object (Python's `config.update(dict)`). */
  update(values: ConfigKwargs): void {
    const ctor = this.constructor as typeof PretrainedConfig;
    for (const [key, value] of Object.entries(values)) {
      checkSettableKey(this, aliasOf(ctor, key), ctor.name);
      this[aliasOf(ctor, key)] = value;
    }
  }

  /** Builds a config from a dict such as a parsed config.json, then applies attribute overrides. */
  static from_dict<T extends PretrainedConfig>(this: new (kwargs?: ConfigKwargs) => T, configDict: ConfigKwargs, overrides: ConfigKwargs = {}): T {
    const config = new this(configDict);
    applyOverrides(config, overrides);
    return config;
  }

  /** Reads a config.json file. */
  static from_json_file<T extends PretrainedConfig>(this: new (kwargs?: ConfigKwargs) => T, jsonFile: string): T {
    const { dict, floatKeys } = readConfigJson(jsonFile);
    const config = new this(dict);
    markFloatKeys(config, floatKeys);
    return config;
  }

  /**
   * Loads `config.json` from a local folder or a model id, then applies overrides:
   * `await BertConfig.from_pretrained("bert-base-uncased", { num_labels: 3 })`.
   */
  static async from_pretrained<T extends PretrainedConfig>(
    this: (new (kwargs?: ConfigKwargs) => T) & typeof PretrainedConfig,
    pretrainedModelNameOrPath: string,
    options: ConfigLoadOptions = {},
  ): Promise<T> {
    const { hub, overrides } = splitHubOptions(options);
    const file = (await cached_file(pretrainedModelNameOrPath, CONFIG_NAME, hub)) as string;
    const { dict, floatKeys } = readConfigJson(file);
    const expected = this.model_type;
    if (expected && typeof dict.model_type === "string" && dict.model_type !== expected) {
      logger.warning(`You are using a model of type ${dict.model_type} to instantiate a model of type ${expected}. This is not supported for all configurations of models and can yield errors.`);
    }
    const config = new this(dict);
    markFloatKeys(config, floatKeys);
    applyOverrides(config, overrides);
    return config;
  }

  toString(): string {
    return `${this.constructor.name} ${this.to_json_string()}`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    const text = this.toString();
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return { "text/plain": text, "text/html": `<pre>${escaped}</pre>` };
  }

  /** Node's util.inspect (console.log) shows the same text as Python's repr. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export const CONFIG_NAME = "config.json";

/** The attribute a key names (`hidden_size` → GPT-2's `n_embd`); only the map's own entries count. */
function aliasOf(ctor: typeof PretrainedConfig, key: string): string {
  return Object.prototype.hasOwnProperty.call(ctor.attribute_map, key) ? ctor.attribute_map[key] : key;
}

/** Sets the overrides that name an existing attribute; returns the rest (Python's unused kwargs). */
export function applyOverrides(config: PretrainedConfig, overrides: ConfigKwargs): ConfigKwargs {
  const unused: ConfigKwargs = {};
  const ctor = config.constructor as typeof PretrainedConfig;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const name = aliasOf(ctor, key);
    checkSettableKey(config, name, ctor.name);
    if (name in config) {
      if (name === "id2label" && isPlainObject(value)) config.id2label = intKeyed(value as Record<string, string>, "id2label");
      else config[name] = value;
    } else unused[key] = value;
  }
  return unused;
}

export function splitHubOptions(options: ConfigLoadOptions): { hub: HubOptions; overrides: ConfigKwargs } {
  const hub: Record<string, unknown> = {};
  const overrides: ConfigKwargs = {};
  for (const [key, value] of Object.entries(options)) {
    if (HUB_OPTION_KEYS.includes(key)) hub[key] = value;
    else overrides[key] = value;
  }
  return { hub: hub as HubOptions, overrides };
}

/** Parses a config.json with an error that names the file, and notes which numbers were floats. */
export function readConfigJson(file: string): { dict: ConfigKwargs; floatKeys: Set<string> } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`Could not read the config file ${file}: ${(e as Error).message}`);
  }
  let dict: unknown;
  try {
    dict = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON (${(e as Error).message}). A config.json holds one JSON object, as save_pretrained writes it.`);
  }
  if (!isPlainObject(dict)) throw new ConfigError(`${file} must hold a JSON object, not ${Array.isArray(dict) ? "an array" : typeof dict}.`);
  return { dict, floatKeys: floatKeysInJson(text, dict) };
}

function markFloatKeys(config: PretrainedConfig, keys: Set<string>): void {
  const own = (config as unknown as { _floatKeys: Set<string> })._floatKeys;
  for (const key of keys) own.add(key);
}
