// zero-shot-classification: scores labels the model was never trained on by asking an NLI model
// (premise = the text, hypothesis = "This example is {label}.") whether the text entails each
// hypothesis, as transformers' ZeroShotClassificationPipeline does.
import { logger } from "../modeling/logging";
import { TokenizerTruncationError } from "../tokenization/errors";
import { throwIfInterrupted } from "../utils/cancellation";
import { Pipeline } from "./base";
import { encodeOne, floats, modelInputs } from "./encoding";
import { PipelineException } from "./errors";
import type { Encoding } from "./types";

export interface ZeroShotClassificationOptions {
  /** The labels to choose from: a list, or one string of comma-separated labels. */
  candidate_labels?: string[] | string;
  /** The hypothesis each label is put into; `{}` marks where the label goes (default "This example is {}."). */
  hypothesis_template?: string;
  /** false (default): the labels compete (scores add up to 1). true: each label is judged on its own. */
  multi_label?: boolean;
}

export interface ZeroShotClassificationResult {
  sequence: string;
  /** The candidate labels, most likely first. */
  labels: string[];
  scores: number[];
}

/** Python's `_parse_labels`: a comma-separated string becomes a list of trimmed labels. */
function parseLabels(labels: string[] | string | undefined): string[] {
  if (typeof labels === "string") return labels.split(",").map((l) => l.trim()).filter((l) => l.length > 0);
  if (Array.isArray(labels) && labels.every((l) => typeof l === "string")) return labels;
  return [];
}

/** Python's `str.format` with one positional argument: every `{}` (and `{0}`) becomes the label. */
function formatTemplate(template: string, label: string): string {
  return template.replace(/\{0?\}/g, () => label);
}

/** softmax over a row in float32, as numpy computes it on float32 logits. */
function softmax32(values: number[]): number[] {
  const exps = values.map((v) => Math.fround(Math.exp(v)));
  const sum = exps.reduce((a, b) => Math.fround(a + b), 0);
  return exps.map((e) => Math.fround(e / sum));
}

/** Python's two-argument form, `classifier(sequence, candidate_labels, options?)`, besides `classifier(sequence, { candidate_labels })`. */
export interface ZeroShotClassificationPipeline {
  (sequences: string | string[], candidate_labels: string[] | string, options?: ZeroShotClassificationOptions): Promise<any>;
  (sequences: string | string[], options?: ZeroShotClassificationOptions): Promise<any>;
}

export class ZeroShotClassificationPipeline extends Pipeline<string, ZeroShotClassificationResult, ZeroShotClassificationOptions> {
  protected override async _call(inputs: any, labelsOrOptions?: any, extra?: any): Promise<any> {
    if (typeof labelsOrOptions === "string" || Array.isArray(labelsOrOptions)) return super._call(inputs, { ...(extra ?? {}), candidate_labels: labelsOrOptions });
    return super._call(inputs, labelsOrOptions);
  }

  /**
   * The id of the label whose name starts with "entail" in config.label2id; -1 (the last label)
   * when there is none, as transformers falls back.
   */
  get entailment_id(): number {
    const label2id = (this.model.config.label2id ?? {}) as Record<string, number>;
    for (const [label, id] of Object.entries(label2id)) if (label.toLowerCase().startsWith("entail")) return Number(id);
    return -1;
  }

  protected async runOne(sequence: string, options: ZeroShotClassificationOptions): Promise<ZeroShotClassificationResult> {
    if (typeof sequence !== "string") throw new PipelineException("zero-shot-classification takes a string or a list of strings, and candidate_labels.");
    const labels = parseLabels(options.candidate_labels);
    if (labels.length === 0 || sequence.length === 0) {
      throw new PipelineException("You must include at least one label and at least one sequence: classifier(text, { candidate_labels: [\"sports\", \"politics\"] }).");
    }
    const template = options.hypothesis_template ?? "This example is {}.";
    if (formatTemplate(template, labels[0]) === template) {
      throw new PipelineException(
        `The provided hypothesis_template "${template}" was not able to be formatted with the target labels. Make sure the passed template includes formatting syntax such as {} where the label should go.`,
      );
    }
    const numLabels = Number(this.model.config.num_labels ?? Object.keys(this.model.config.id2label ?? {}).length);
    let entailment = this.entailment_id;
    if (entailment === -1) {
      logger.warning("Failed to determine 'entailment' label id from the label2id mapping in the model config. Setting to -1. Define a descriptive label2id mapping in the model config to ensure correct outputs.");
    }
    // Python indexes with -1: the last label. The contradiction column is the first, or the last when entailment is the first.
    if (entailment < 0) entailment += numLabels;
    const contradiction = entailment === 0 ? numLabels - 1 : 0;

    // One premise/hypothesis pair per label, each through the model on its own (no padding).
    const rows: number[][] = [];
    for (const label of labels) {
      throwIfInterrupted();
      const outputs = await this.model(modelInputs(this.encodePair(sequence, formatTemplate(template, label))));
      const { data, shape } = floats(outputs.logits, "logits");
      rows.push(Array.from(data.slice(0, shape[shape.length - 1]), Number));
    }
    const scores =
      options.multi_label || labels.length === 1
        ? rows.map((logits) => softmax32([logits[contradiction], logits[entailment]])[1])
        : softmax32(rows.map((logits) => logits[entailment]));
    // numpy's argsort (stable for a few labels) reversed: best first, ties in reverse label order.
    const order = labels.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b).reverse();
    return { sequence, labels: order.map((i) => labels[i]), scores: order.map((i) => scores[i]) };
  }

  /** The pair truncated on the premise's side when too long, or untruncated when that cannot work (as Python retries). */
  private encodePair(premise: string, hypothesis: string): Encoding {
    try {
      return encodeOne(this.tokenizer, premise, { text_pair: hypothesis, truncation: "only_first" });
    } catch (error) {
      if (!(error instanceof TokenizerTruncationError)) throw error;
      return encodeOne(this.tokenizer, premise, { text_pair: hypothesis, truncation: false });
    }
  }
}
