import { Generator } from "../utils/random";

/**
 * Choosing the next token from a row of logits, as transformers' `generate` does:
 * greedy takes the arg-max; sampling applies temperature, then top-k, then top-p (nucleus),
 * then draws from the softmax with a seeded generator.
 */
export interface GenerationOptions {
  max_new_tokens?: number;
  max_length?: number;
  do_sample?: boolean;
  temperature?: number;
  top_k?: number;
  top_p?: number;
  seed?: number;
  eos_token_id?: number | number[] | null;
  pad_token_id?: number | null;
  use_cache?: boolean;
  attention_mask?: unknown;
  /** How many continuations to generate per prompt (rows come out prompt by prompt). */
  num_return_sequences?: number;
  /** > 1 discourages tokens already in the sequence (CTRL's penalty, as transformers applies it). */
  repetition_penalty?: number;
  /** Forbids repeating any n-gram of this size. */
  no_repeat_ngram_size?: number;
  /** Beam search with this many beams (1: greedy or sampling). */
  num_beams?: number;
  /** Beam scores are divided by length ** length_penalty (> 0 favours longer sequences). */
  length_penalty?: number;
  /** Beam search stops once num_beams sequences are finished (true), when none can improve (false), or only at the length limit ("never"). */
  early_stopping?: boolean | "never";
  /** Return an output with `sequences` (and `sequences_scores` for beams) instead of the token tensor. */
  return_dict_in_generate?: boolean;
  /** Receives the prompt, then each new token (`put`), and `end()` when done, e.g. a TextStreamer. */
  streamer?: GenerationStreamer | null;
  bos_token_id?: number | null;
}

/** What generate() gives tokens to as they are produced (transformers' BaseStreamer). */
export interface GenerationStreamer {
  put(value: import("../tensor").Tensor): void;
  end(): void;
}

/** Index of the largest value (the first one on ties, as torch.argmax). */
export function argmax(row: Float32Array | number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** Divides logits by the temperature (a temperature of 1 leaves them unchanged). */
export function applyTemperature(row: Float32Array, temperature: number): void {
  if (!(temperature > 0)) throw new RangeError(`temperature must be a strictly positive number, got ${temperature}.`);
  if (temperature === 1) return;
  for (let i = 0; i < row.length; i++) row[i] = row[i] / temperature;
}

/** Keeps the k largest logits (and any tied with the k-th), setting the rest to -Infinity. */
export function applyTopK(row: Float32Array, k: number): void {
  if (!Number.isInteger(k) || k <= 0 || k >= row.length) return;
  const sorted = Float32Array.from(row).sort();
  const threshold = sorted[row.length - k];
  for (let i = 0; i < row.length; i++) if (row[i] < threshold) row[i] = -Infinity;
}

/**
 * Nucleus filtering: keeps the smallest set of most likely tokens whose probability adds up to
 * more than `top_p`; always keeps at least one token.
 */
export function applyTopP(row: Float32Array, topP: number): void {
  if (!(topP < 1)) return;
  if (!(topP >= 0)) throw new RangeError(`top_p must be a float between 0 and 1, got ${topP}.`);
  const probs = softmax(row);
  const order = Array.from(row.keys()).sort((a, b) => probs[a] - probs[b]); // ascending, like the Python warper
  let cumulative = 0;
  for (let j = 0; j < order.length - 1; j++) {
    cumulative += probs[order[j]];
    if (cumulative <= 1 - topP) row[order[j]] = -Infinity;
  }
}

export function softmax(row: Float32Array): Float64Array {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  const out = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    out[i] = row[i] === -Infinity ? 0 : Math.exp(row[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < row.length; i++) out[i] /= sum;
  return out;
}

/** One draw from the categorical distribution given by `probs`. */
export function sampleFrom(probs: Float64Array, generator: Generator): number {
  const u = generator.uniform();
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cumulative += probs[i];
    last = i;
    if (u < cumulative) return i;
  }
  return last;
}

/** Divides positive scores (multiplies negative ones) of tokens already in `sequence` by `penalty`. */
export function applyRepetitionPenalty(row: Float32Array, sequence: readonly number[], penalty: number): void {
  if (penalty === 1) return;
  if (!(penalty > 0)) throw new RangeError(`repetition_penalty must be a strictly positive number, got ${penalty}.`);
  for (const token of new Set(sequence)) row[token] = row[token] < 0 ? row[token] * penalty : row[token] / penalty;
}

/** Bans every token that would complete an n-gram already present in `sequence`. */
export function applyNoRepeatNgram(row: Float32Array, sequence: readonly number[], n: number): void {
  if (!(n > 0) || sequence.length + 1 < n) return;
  const prefix = sequence.slice(sequence.length - n + 1).join(",");
  for (let i = 0; i + n <= sequence.length; i++) {
    if (sequence.slice(i, i + n - 1).join(",") === prefix) row[sequence[i + n - 1]] = -Infinity;
  }
}

/**
 * Picks the next token for one row of logits according to the options: the penalties first, then
 * (when sampling) temperature, top-k and top-p, in transformers' order.
 */
export function nextToken(logits: Float32Array, options: GenerationOptions, generator: Generator, sequence: readonly number[] = []): number {
  const penalised = (options.repetition_penalty ?? 1) !== 1 || (options.no_repeat_ngram_size ?? 0) > 0;
  const row = penalised || options.do_sample ? Float32Array.from(logits) : logits;
  if (penalised) {
    applyRepetitionPenalty(row, sequence, options.repetition_penalty ?? 1);
    applyNoRepeatNgram(row, sequence, options.no_repeat_ngram_size ?? 0);
  }
  if (!options.do_sample) return argmax(row);
  applyTemperature(row, options.temperature ?? 1);
  applyTopK(row, options.top_k ?? 50);
  applyTopP(row, options.top_p ?? 1);
  return sampleFrom(softmax(row), generator);
}
