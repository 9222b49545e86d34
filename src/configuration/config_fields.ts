// Types and ranges of config fields, checked when a config is built and again when a model is
// built from it (attributes may have been changed in between). transformers checks few of these
// up front and fails later, deep inside torch; here a wrong value fails at once, naming the field.
import { ConfigError } from "./config_error";

/** A config field whose value has the wrong type or is out of range, or a key that cannot be a field. */
export class ConfigFieldError extends ConfigError {
  override name = "ConfigFieldError";
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

/**
 * What a field may hold: "count" an integer ≥ 1, "count0" an integer ≥ 0, "probability" a number in
 * [0, 1], "positive" a finite number > 0, "nonnegative" a finite number ≥ 0, "boolean", "string",
 * "token_id" an integer or null (or a list of integers, as `eos_token_id` may be). A trailing "?"
 * also allows null.
 */
export type FieldRule =
  | "count"
  | "count0"
  | "probability"
  | "positive"
  | "nonnegative"
  | "boolean"
  | "string"
  | "token_id"
  | "count?"
  | "probability?";

const CHECKS: Record<string, [(v: unknown) => boolean, string]> = {
  count: [(v) => Number.isSafeInteger(v) && (v as number) >= 1, "an integer ≥ 1"],
  count0: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, "an integer ≥ 0"],
  probability: [(v) => typeof v === "number" && v >= 0 && v <= 1, "a number from 0 to 1"],
  positive: [(v) => typeof v === "number" && Number.isFinite(v) && v > 0, "a finite number > 0"],
  nonnegative: [(v) => typeof v === "number" && Number.isFinite(v) && v >= 0, "a finite number ≥ 0"],
  boolean: [(v) => typeof v === "boolean", "true or false"],
  string: [(v) => typeof v === "string", "a string"],
  token_id: [(v) => v === null || Number.isSafeInteger(v) || (Array.isArray(v) && v.every((x) => Number.isSafeInteger(x))), "an integer token id, a list of them, or null"],
};

/** Rules for the attributes every config has. */
export const COMMON_FIELD_RULES: Record<string, FieldRule> = {
  return_dict: "boolean",
  output_hidden_states: "boolean",
  output_attentions: "boolean",
  torchscript: "boolean",
  use_bfloat16: "boolean",
  tie_word_embeddings: "boolean",
  is_encoder_decoder: "boolean",
  is_decoder: "boolean",
  add_cross_attention: "boolean",
  max_length: "count0",
  min_length: "count0",
  num_beams: "count",
  num_return_sequences: "count",
  chunk_size_feed_forward: "count0",
  bos_token_id: "token_id",
  pad_token_id: "token_id",
  eos_token_id: "token_id",
  sep_token_id: "token_id",
  decoder_start_token_id: "token_id",
};

function show(value: unknown): string {
  if (typeof value === "number" || value === undefined) return String(value); // JSON would print NaN as null
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return String(value);
  }
}

/** Throws a ConfigFieldError for the first field of `config` that breaks its rule. */
export function checkConfigFields(config: Record<string, unknown>, rules: Record<string, FieldRule>, className: string): void {
  for (const [field, rule] of Object.entries(rules)) {
    if (!Object.prototype.hasOwnProperty.call(config, field)) continue;
    const value = config[field];
    if (value === undefined) continue; // a missing field is reported by the model that needs it
    const nullable = rule.endsWith("?");
    if (nullable && value === null) continue;
    const [ok, expected] = CHECKS[nullable ? rule.slice(0, -1) : rule];
    if (!ok(value))
      throw new ConfigFieldError(`${className}: ${field} must be ${expected}${nullable ? " or null" : ""}, got ${show(value)}. Fix it in config.json or in the options you passed.`, field, value);
  }
}

/**
 * Throws unless `key` can be set as a config attribute: not `__proto__` (which would replace the
 * object's class), and not a method or accessor the config class already has (`to_dict`, `constructor`).
 */
export function checkSettableKey(config: object, key: string, className: string): void {
  const reserved = key === "__proto__" || (key in config && !Object.prototype.hasOwnProperty.call(config, key) && !isSettable(config, key));
  if (reserved)
    throw new ConfigFieldError(
      `${className}: "${key}" cannot be a config field, because it is ${key === "__proto__" ? "JavaScript's prototype link" : `a built-in member of ${className}`}. Remove or rename that key.`,
      key,
      undefined,
    );
}

/** A property reached through the prototype that may be assigned: writable data that is not a method, or an accessor with a setter (`num_labels`). */
function isSettable(config: object, key: string): boolean {
  for (let proto = Object.getPrototypeOf(config); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (descriptor) return "value" in descriptor ? typeof descriptor.value !== "function" && descriptor.writable === true : descriptor.set !== undefined;
  }
  return true;
}
