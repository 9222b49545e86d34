// The task heads' shared parts, used by every encoder (BERT, DistilBERT): how labels are checked
// and which loss each head computes, as transformers' *ForSequenceClassification,
// *ForTokenClassification and *ForQuestionAnswering do.
import { Graph, GraphValue } from "../engine/graph";
import "../engine/methods";
import { split } from "../engine/ops/split";
import { Tensor } from "../tensor";
import { PretrainedConfig } from "../configuration/configuration_utils";
import { ForwardSpec, GraphOutputs, ModelCallInputs } from "./modeling_utils";
import { specFromCall, tokenLabels } from "./encoder_inputs";
import { binary_cross_entropy_with_logits, cross_entropy, mse_loss } from "./losses";
import { ModelInputError, ensureBatch, toTensor } from "./inputs";

type HeadConfig = PretrainedConfig & { num_labels: number; problem_type: string | null };
type Prepared = { feeds: Record<string, Tensor>; spec: ForwardSpec };

/** Decides the loss of a sequence classifier as transformers does, from num_labels and the labels' type. */
export function sequenceClassificationLabels(
  config: { num_labels: number; problem_type: string | null },
  labelsInput: ModelCallInputs["labels"],
  batch: number,
): { labels: Tensor; problem_type: "regression" | "single_label_classification" | "multi_label_classification" } {
  const numLabels = config.num_labels;
  const isFloatTensor = labelsInput instanceof Tensor && (labelsInput.dtype === "float32" || labelsInput.dtype === "float64");
  const nested = labelsInput instanceof Tensor ? null : labelsInput;
  const twoDimensional = labelsInput instanceof Tensor ? labelsInput.shape.length === 2 : Array.isArray(nested) && Array.isArray((nested as unknown[])[0]);
  let problem = config.problem_type as "regression" | "single_label_classification" | "multi_label_classification" | null;
  if (!problem) {
    if (numLabels === 1) problem = "regression";
    else if (!isFloatTensor && !twoDimensional) problem = "single_label_classification";
    else problem = "multi_label_classification";
  }
  if (problem === "single_label_classification") {
    const labels = toTensor("labels", labelsInput!, "int64");
    if (labels.shape.length !== 1 || labels.shape[0] !== batch) throw new ModelInputError(`labels must hold one class id per example: shape [${batch}], got [${labels.shape.join(", ")}].`);
    for (const v of labels.data as BigInt64Array) {
      const n = Number(v);
      if (n !== -100 && (n < 0 || n >= numLabels)) throw new ModelInputError(`labels contains ${n}, but this model has num_labels=${numLabels} (class ids 0…${numLabels - 1}). Pass num_labels when loading the model if your task has more classes.`);
    }
    return { labels, problem_type: problem };
  }
  let labels = toTensor("labels", labelsInput!, "float32");
  if (problem === "regression") {
    if (numLabels === 1 && labels.shape.length === 2 && labels.shape[1] === 1) labels = new Tensor(labels.data, [labels.shape[0]], "float32");
    const want = numLabels === 1 ? [batch] : [batch, numLabels];
    if (labels.shape.join(",") !== want.join(",")) throw new ModelInputError(`Regression labels must have shape [${want.join(", ")}], got [${labels.shape.join(", ")}].`);
  } else {
    labels = ensureBatch("labels", labels);
    if (labels.shape[0] !== batch || labels.shape[1] !== numLabels) throw new ModelInputError(`Multi-label targets must have shape [${batch}, ${numLabels}] (one 0/1 value per label), got [${labels.shape.join(", ")}].`);
  }
  return { labels, problem_type: problem };
}

/** The loss for sequence-level logits [batch, num_labels], by problem type. */
export function sequenceClassificationLoss(g: Graph, logits: GraphValue, problem: string | undefined, numLabels: number): GraphValue {
  if (problem === "regression") {
    const labels = g.input("labels", "float32", numLabels === 1 ? ["batch"] : ["batch", numLabels]);
    return numLabels === 1 ? mse_loss(logits.squeeze(1), labels) : mse_loss(logits, labels);
  }
  if (problem === "multi_label_classification") return binary_cross_entropy_with_logits(logits, g.input("labels", "float32", ["batch", numLabels]));
  return cross_entropy(logits, g.input("labels", "int64", ["batch"]));
}

/**
 * Answer positions for extractive QA, as transformers clamps them: negative → 0, past the end →
 * ignored. Returns int64 [batch].
 */
export function answerPositions(name: string, value: ModelCallInputs["start_positions"], batch: number, seq: number): Tensor {
  const t = toTensor(name, value!, "int64");
  const flat = t.shape.length === 2 && t.shape[1] === 1 ? new Tensor(t.data, [t.shape[0]], "int64") : t;
  if (flat.shape.length !== 1 || flat.shape[0] !== batch) throw new ModelInputError(`${name} must hold one token index per example: shape [${batch}], got [${t.shape.join(", ")}].`);
  const out = new BigInt64Array(batch);
  (flat.data as BigInt64Array).forEach((v, i) => {
    const n = Number(v);
    out[i] = BigInt(n < 0 ? 0 : n >= seq ? -100 : n);
  });
  return new Tensor(out, [batch], "int64");
}


/** A sequence classifier's feeds and spec: the labels checked and the problem type recorded in the config. */
export function prepareSequenceClassification(config: HeadConfig, inputs: ModelCallInputs, feeds: Record<string, Tensor>): Prepared {
  if (inputs.labels === undefined || inputs.labels === null) return { feeds, spec: specFromCall(config, inputs, "none") };
  const { labels, problem_type } = sequenceClassificationLabels(config, inputs.labels, feeds.input_ids.shape[0]);
  config.problem_type = problem_type; // transformers records the choice in the config
  feeds.labels = labels;
  return { feeds, spec: { ...specFromCall(config, inputs, labels.dtype === "int64" ? "int64" : "float32"), problem_type } as ForwardSpec };
}

/** The sequence classifier's loss (when labels were fed) next to its logits. */
export function sequenceClassificationOutputs(g: Graph, logits: GraphValue, spec: ForwardSpec, numLabels: number): GraphOutputs {
  const loss = spec.labels === "none" ? undefined : sequenceClassificationLoss(g, logits, (spec as { problem_type?: string }).problem_type, numLabels);
  return { loss, logits };
}

/** A token classifier's feeds and spec: one label per token in 0…num_labels−1, or −100. */
export function prepareTokenClassification(config: HeadConfig, inputs: ModelCallInputs, feeds: Record<string, Tensor>): Prepared {
  if (inputs.labels === undefined || inputs.labels === null) return { feeds, spec: specFromCall(config, inputs, "none") };
  feeds.labels = tokenLabels(inputs, feeds.input_ids, config.num_labels, "token classification");
  return { feeds, spec: specFromCall(config, inputs, "int64") };
}

/** Per-token logits [batch, seq, num_labels] and their cross-entropy (−100 ignored). */
export function tokenClassificationOutputs(g: Graph, logits: GraphValue, spec: ForwardSpec): GraphOutputs {
  const loss = spec.labels === "none" ? undefined : cross_entropy(logits, g.input("labels", "int64", ["batch", "seq"]));
  return { loss, logits };
}

/** A QA head's feeds and spec: start and end positions, clamped as transformers does, when both are given. */
export function prepareQuestionAnswering(config: HeadConfig, inputs: ModelCallInputs, feeds: Record<string, Tensor>): Prepared {
  const given = inputs.start_positions !== undefined && inputs.start_positions !== null && inputs.end_positions !== undefined && inputs.end_positions !== null;
  if (!given) return { feeds, spec: specFromCall(config, inputs, "none") };
  const [batch, seq] = feeds.input_ids.shape;
  feeds.start_positions = answerPositions("start_positions", inputs.start_positions, batch, seq);
  feeds.end_positions = answerPositions("end_positions", inputs.end_positions, batch, seq);
  return { feeds, spec: specFromCall(config, inputs, "int64") };
}

/**
 * Splits the QA projection [batch, seq, 2] into start and end logits [batch, seq]; the loss is the
 * mean of the start and end cross-entropies.
 */
export function questionAnsweringOutputs(g: Graph, logits: GraphValue, spec: ForwardSpec): GraphOutputs {
  const [start, end] = split(logits, [1, 1], 2);
  const start_logits = start.squeeze(2);
  const end_logits = end.squeeze(2);
  let loss: GraphValue | undefined;
  if (spec.labels !== "none") {
    const startLoss = cross_entropy(start_logits, g.input("start_positions", "int64", ["batch"]));
    const endLoss = cross_entropy(end_logits, g.input("end_positions", "int64", ["batch"]));
    loss = startLoss.add(endLoss).div(2);
  }
  return { loss, start_logits, end_logits };
}
