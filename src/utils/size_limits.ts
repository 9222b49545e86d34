// Limits on memory whose size comes from input: a config field, a tokenizer length, a tensor
// shape. The need is estimated before anything is allocated, so a `hidden_size: 1e6` or a
// `max_length: 1e9` ends in a SizeLimitError naming the field, not in a V8 abort that kills the
// kernel, a bare RangeError or a loop that never ends. The limits are documented in docs/limits.md.

/** A size from input (config field, tokenizer length, tensor shape) that is invalid or needs more memory than allowed. */
export class SizeLimitError extends RangeError {
  override name = "SizeLimitError";
  constructor(
    message: string,
    /** The field or argument the size came from, e.g. `hidden_size` or `max_length`. */
    readonly field: string,
    /** The value that was refused. */
    readonly value: unknown,
  ) {
    super(message);
  }
}

const GiB = 1024 ** 3;

function bytesFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * "model": the bytes a model's parameters may take (float32), `TLAB_MAX_MODEL_BYTES`, default 4 GiB.
 * "batch": the bytes one tokenized or padded batch, or one tensor, may take, `TLAB_MAX_BATCH_BYTES`, default 1 GiB.
 */
export type SizeLimit = "model" | "batch";

const LIMIT_ENV: Record<SizeLimit, [string, number]> = {
  model: ["TLAB_MAX_MODEL_BYTES", 4 * GiB],
  batch: ["TLAB_MAX_BATCH_BYTES", 1 * GiB],
};

export function maxBytes(limit: SizeLimit): number {
  return bytesFromEnv(...LIMIT_ENV[limit]);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : value >= 1e6 ? `${bytes.toExponential(2)} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Throws unless `value` is an integer in [min, max]; `what` names the field for the message. */
export function checkInteger(value: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new SizeLimitError(`${what} must be ${range}, got ${describe(value)}.`, what, value);
  }
  return value;
}

/**
 * The number of elements of a tensor of `shape`, checked: every dimension a non-negative integer and
 * the whole within `maxBytes` at `bytesPerElement`. `what` names the tensor for the message.
 */
export function checkedElementCount(shape: readonly number[], what: string, bytesPerElement = 4, limit: SizeLimit = "batch"): number {
  let count = 1;
  for (const dim of shape) {
    if (typeof dim !== "number" || !Number.isInteger(dim) || dim < 0)
      throw new SizeLimitError(`The shape of ${what} must hold non-negative integers, got [${shape.map(describe).join(", ")}].`, what, shape);
    count *= dim;
  }
  refuseAbove(count * bytesPerElement, limit, what, shape, `for a tensor of shape [${shape.join(", ")}]`);
  return count;
}

/** Throws a SizeLimitError when `bytes` exceeds the limit; the message says what needed it and how to allow more. */
export function refuseAbove(bytes: number, limit: SizeLimit, field: string, value: unknown, needs: string): void {
  const allowed = maxBytes(limit);
  if (bytes <= allowed) return;
  const envName = LIMIT_ENV[limit][0];
  throw new SizeLimitError(
    `${field}=${describe(value)} needs about ${formatBytes(bytes)} ${needs}, above the limit of ${formatBytes(allowed)}. ` +
      `Use a smaller value; if the machine really has the memory, raise ${envName} (see docs/limits.md).`,
    field,
    value,
  );
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
