// How good each bundled model is, and how good the obvious guess without a model is, measured on
// held-out text. The `cards` step writes these figures into the model cards; a test recomputes them
// on the held-out slices shipped in test/fixtures/bundled-quality and compares with the cards.
import { PreTrainedTokenizerBase } from "../../src";
import { argmax } from "./metrics";

/** Anything called like a model that returns logits of shape [rows, length, vocab] or [rows, labels]. */
export type LogitsModel = (inputs: { input_ids: number[][]; attention_mask: number[][] }) => Promise<{ logits: { data: unknown; shape: readonly number[] } }>;

async function logitsOf(model: LogitsModel, input_ids: number[][], attention_mask: number[][]): Promise<{ data: Float32Array; shape: readonly number[] }> {
  const { logits } = await model({ input_ids, attention_mask });
  return { data: logits.data as Float32Array, shape: logits.shape };
}

const BATCH = 32;

function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A share of `n` trials with its standard error, so that figures from different slices can be compared. */
export interface Proportion {
  value: number;
  n: number;
  standard_error: number;
}

function proportion(hits: number, n: number): Proportion {
  const value = n ? hits / n : 0;
  return { value, n, standard_error: n ? Math.sqrt((value * (1 - value)) / n) : 0 };
}

function topIndices(row: ArrayLike<number>, offset: number, size: number, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < size; i++) {
    const v = row[offset + i];
    if (best.length < k || v > row[offset + best[best.length - 1]]) {
      best.push(i);
      best.sort((a, b) => row[offset + b] - row[offset + a]);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** Counts of every token id in `sentences`, special tokens left out. */
export function tokenCounts(tokenizer: PreTrainedTokenizerBase, sentences: string[], appendEos = false): Map<number, number> {
  const special = new Set(tokenizer.all_special_ids);
  const counts = new Map<number, number>();
  for (const batch of batches(sentences, 1024)) {
    const texts = appendEos ? batch.map((s) => s + tokenizer.eos_token) : batch;
    for (const ids of tokenizer(texts, { truncation: true }).input_ids as number[][]) {
      for (const id of ids) if (appendEos || !special.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** The `k` most frequent token ids: the fill-mask guess of a model that knows only word frequencies. */
export function mostFrequent(counts: Map<number, number>, k: number): number[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([id]) => id);
}

/** Which tokens of an encoded sentence the fill-mask evaluation hides: every 7th, skipping [CLS] and [SEP]. */
export function maskedPositions(ids: number[], special: Set<number>): number[] {
  return ids.flatMap((id, i) => (!special.has(id) && i % 7 === 3 ? [i] : []));
}

/**
 * Fill-mask top-k accuracy: in each sentence every 7th token is replaced by [MASK] (all at once),
 * and a hit is a hidden token found among the model's k best guesses. The baseline's guess is the
 * same k most frequent training tokens everywhere.
 */
export async function fillMaskTopK(model: LogitsModel, tokenizer: PreTrainedTokenizerBase, sentences: string[], baselineGuess: number[], k = 5, maxLength = 64): Promise<{ model: Proportion; baseline: Proportion }> {
  const special = new Set(tokenizer.all_special_ids);
  const maskId = tokenizer.mask_token_id as number;
  let hits = 0, baselineHits = 0, total = 0;
  for (const batch of batches(sentences)) {
    const enc = tokenizer(batch, { padding: true, truncation: true, max_length: maxLength });
    const ids = enc.input_ids as number[][];
    const positions = ids.map((row) => maskedPositions(row, special));
    const masked = ids.map((row, r) => row.map((id, i) => (positions[r].includes(i) ? maskId : id)));
    const { data, shape } = await logitsOf(model, masked, enc.attention_mask as number[][]);
    const [, length, vocab] = shape;
    positions.forEach((list, r) => {
      for (const i of list) {
        const truth = ids[r][i];
        if (topIndices(data, (r * length + i) * vocab, vocab, k).includes(truth)) hits++;
        if (baselineGuess.includes(truth)) baselineHits++;
        total++;
      }
    });
  }
  return { model: proportion(hits, total), baseline: proportion(baselineHits, total) };
}

/** A per-token perplexity with the standard error of the mean negative log-likelihood behind it. */
export interface Perplexity {
  value: number;
  tokens: number;
  mean_nll: number;
  nll_standard_error: number;
}

function perplexity(nlls: number[]): Perplexity {
  const n = nlls.length;
  const mean = nlls.reduce((a, b) => a + b, 0) / n;
  const variance = nlls.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1);
  return { value: Math.exp(mean), tokens: n, mean_nll: mean, nll_standard_error: Math.sqrt(variance / n) };
}

/**
 * Causal-LM perplexity per token of each sentence followed by <|endoftext|> (the first token is
 * given, every later one predicted), against an add-one-smoothed unigram model of the training tokens.
 */
export async function causalPerplexity(model: LogitsModel, tokenizer: PreTrainedTokenizerBase, sentences: string[], unigram: Map<number, number>, maxLength = 64): Promise<{ model: Perplexity; baseline: Perplexity }> {
  const vocab = tokenizer.vocab_size;
  let unigramTotal = vocab;
  for (const c of unigram.values()) unigramTotal += c;
  const nlls: number[] = [];
  const baselineNlls: number[] = [];
  for (const batch of batches(sentences)) {
    const enc = tokenizer(batch.map((s) => s + tokenizer.eos_token), { padding: true, truncation: true, max_length: maxLength });
    const ids = enc.input_ids as number[][];
    const mask = enc.attention_mask as number[][];
    const { data, shape } = await logitsOf(model, ids, mask);
    const [, length, width] = shape;
    ids.forEach((row, r) => {
      for (let t = 1; t < row.length && mask[r][t] === 1; t++) {
        const offset = (r * length + t - 1) * width;
        let max = -Infinity;
        for (let v = 0; v < width; v++) max = Math.max(max, data[offset + v]);
        let sum = 0;
        for (let v = 0; v < width; v++) sum += Math.exp(data[offset + v] - max);
        nlls.push(Math.log(sum) + max - data[offset + row[t]]);
        baselineNlls.push(-Math.log(((unigram.get(row[t]) ?? 0) + 1) / unigramTotal));
      }
    });
  }
  return { model: perplexity(nlls), baseline: perplexity(baselineNlls) };
}

/** The predicted label of each text (argmax of a sequence classifier's logits). */
export async function classify(model: LogitsModel, tokenizer: PreTrainedTokenizerBase, texts: string[], maxLength: number): Promise<number[]> {
  const predicted: number[] = [];
  for (const batch of batches(texts)) {
    const enc = tokenizer(batch, { padding: true, truncation: true, max_length: maxLength });
    const { data, shape } = await logitsOf(model, enc.input_ids as number[][], enc.attention_mask as number[][]);
    const labels = shape[1];
    for (let r = 0; r < batch.length; r++) predicted.push(argmax(Array.from({ length: labels }, (_, j) => data[r * labels + j])));
  }
  return predicted;
}

/** Accuracy of `predicted` against `labels`. */
export function accuracy(predicted: number[], labels: number[]): Proportion {
  return proportion(predicted.filter((p, i) => p === labels[i]).length, labels.length);
}

/** F1 of label 1 (spam, POSITIVE). */
export function f1(predicted: number[], labels: number[]): number {
  let tp = 0, fp = 0, fn = 0;
  predicted.forEach((p, i) => {
    if (p === 1 && labels[i] === 1) tp++;
    else if (p === 1) fp++;
    else if (labels[i] === 1) fn++;
  });
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}
