// text-classification / sentiment-analysis: `[{ label, score }]`, as transformers' TextClassificationPipeline.
import { Pipeline } from "./base";
import { throwIfInterrupted } from "../utils/cancellation";
import { batchInputs, encodeOne, encodingsOf, floats, modelInputs } from "./encoding";
import { PipelineException } from "./errors";
import { softmax, sigmoid, topk } from "./math";

export interface ClassificationResult {
  label: string;
  score: number;
}

export interface TextClassificationOptions {
  /**
   * How many labels to return. Left out: the best label only (`[{label, score}]` for one text,
   * one `{label, score}` per text for a list). A number k: the k best, as a list per text.
   * `null`: every label, best first.
   */
  top_k?: number | null;
  /** "softmax", "sigmoid" or "none"; by default sigmoid for one label or multi-label problems, else softmax. */
  function_to_apply?: "softmax" | "sigmoid" | "none";
  truncation?: boolean;
  /** Texts per model call when given a list (default 1); larger batches are faster on long lists. */
  batch_size?: number;
  /** Older spelling: every label's score, in label order (`[[…]]` for one text). Prefer `top_k: null`. */
  return_all_scores?: boolean;
}

/** One text, or a `{ text, text_pair }` pair for tasks that classify two sentences together. */
export type TextClassificationInput = string | { text: string; text_pair?: string };

export class TextClassificationPipeline extends Pipeline<TextClassificationInput, ClassificationResult | ClassificationResult[] | ClassificationResult[][], TextClassificationOptions> {
  protected async runOne(input: TextClassificationInput, options: TextClassificationOptions, single: boolean) {
    const text = typeof input === "string" ? input : input?.text;
    if (typeof text !== "string") throw new PipelineException("text-classification takes a string, a list of strings, or { text, text_pair }.");
    const pair = typeof input === "string" ? undefined : input.text_pair;
    const encoding = encodeOne(this.tokenizer, text, { truncation: options.truncation ?? true, ...(pair !== undefined ? { text_pair: pair } : {}) });
    const outputs = await this.model(modelInputs(encoding));
    const { data, shape } = floats(outputs.logits, "logits");
    return this.postprocess(Array.from(data.slice(0, shape[shape.length - 1]), Number), options, single && typeof input === "string");
  }

  /** With `batch_size` > 1, plain strings go through the model that many at a time (padded). */
  protected override async runMany(inputs: TextClassificationInput[], options: TextClassificationOptions) {
    const batchSize = options.batch_size ?? 1;
    if (batchSize <= 1 || !inputs.every((x) => typeof x === "string")) return super.runMany(inputs, options);
    const results: (ClassificationResult | ClassificationResult[] | ClassificationResult[][])[] = [];
    for (let i = 0; i < inputs.length; i += batchSize) {
      throwIfInterrupted();
      const texts = inputs.slice(i, i + batchSize) as string[];
      const rows = encodingsOf(this.tokenizer(texts, { padding: true, truncation: options.truncation ?? true }));
      const outputs = await this.model(batchInputs(rows));
      const { data, shape } = floats(outputs.logits, "logits");
      const numLabels = shape[shape.length - 1];
      rows.forEach((_, r) => results.push(this.postprocess(Array.from(data.slice(r * numLabels, (r + 1) * numLabels), Number), options, false)));
    }
    return results;
  }

  /** Scores from one row of logits, shaped as Python shapes them. `wrap`: a lone string in legacy mode. */
  private postprocess(logits: number[], options: TextClassificationOptions, wrap: boolean) {
    const config = this.model.config;
    const fn =
      options.function_to_apply ??
      (config.problem_type === "multi_label_classification" || logits.length === 1 ? "sigmoid" : "softmax");
    const scores = fn === "softmax" ? softmax(logits) : fn === "sigmoid" ? sigmoid(logits) : logits;
    const labelOf = (i: number) => config.id2label?.[i] ?? `LABEL_${i}`;

    const legacy = !("top_k" in options);
    if (legacy && options.return_all_scores) {
      const all = scores.map((score, i) => ({ label: labelOf(i), score }));
      return wrap ? [all] : all;
    }
    if (legacy) {
      const [best] = topk(scores, 1);
      const result = { label: labelOf(best), score: scores[best] };
      // Python returns [{label, score}] for one string, and one {label, score} per string for a list.
      return wrap ? [result] : result;
    }
    const k = options.top_k === null || options.top_k === undefined ? scores.length : options.top_k;
    return topk(scores, k).map((i) => ({ label: labelOf(i), score: scores[i] }));
  }
}
