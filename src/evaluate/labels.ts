// Label bookkeeping shared by the classification metrics: which labels occur, in scikit-learn's order,
// and the weighted confusion counts per label.
import { MetricInputError } from "./errors";

export type Label = number | string | boolean;

/** Checks the two lists can be scored together and returns the sample weights (all 1 when not given). */
export function checkPairs(predictions: readonly unknown[], references: readonly unknown[], sample_weight?: readonly number[]): number[] {
  if (!Array.isArray(predictions) || !Array.isArray(references)) {
    throw new MetricInputError("predictions and references must both be arrays, e.g. compute({ predictions: [0, 1], references: [0, 0] }).");
  }
  if (predictions.length !== references.length) {
    throw new MetricInputError(`predictions has ${predictions.length} items but references has ${references.length}; give one prediction per reference.`);
  }
  if (predictions.length === 0) {
    throw new MetricInputError("There is nothing to score: predictions and references are empty. Add some with add_batch({ predictions, references }) or pass them to compute().");
  }
  if (sample_weight === undefined) return predictions.map(() => 1);
  if (sample_weight.length !== predictions.length) {
    throw new MetricInputError(`sample_weight has ${sample_weight.length} items but there are ${predictions.length} predictions; give one weight per prediction.`);
  }
  return [...sample_weight];
}

/** scikit-learn's `unique_labels`: every label of either list, sorted (numbers by value, strings by text). */
export function uniqueLabels(...lists: readonly Label[][]): Label[] {
  const seen = new Set<Label>();
  for (const list of lists) for (const v of list) seen.add(v);
  const kinds = new Set([...seen].map((v) => (typeof v === "string" ? "string" : "number")));
  if (kinds.size > 1) {
    throw new MetricInputError(`Labels mix strings and numbers (${[...seen].slice(0, 6).map((v) => JSON.stringify(v)).join(", ")}); use one kind for predictions and references.`);
  }
  return [...seen].sort((a, b) => (typeof a === "string" ? String(a).localeCompare(String(b)) : Number(a) - Number(b)));
}

/** Per label: weighted true positives, predicted count and true count. */
export interface LabelCounts {
  tp: number[];
  pred: number[];
  truth: number[];
}

export function countPerLabel(labels: readonly Label[], predictions: readonly Label[], references: readonly Label[], weights: readonly number[]): LabelCounts {
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const counts: LabelCounts = { tp: labels.map(() => 0), pred: labels.map(() => 0), truth: labels.map(() => 0) };
  predictions.forEach((p, i) => {
    const r = references[i];
    const pi = index.get(p);
    const ri = index.get(r);
    if (pi !== undefined) counts.pred[pi] += weights[i];
    if (ri !== undefined) counts.truth[ri] += weights[i];
    if (pi !== undefined && p === r) counts.tp[pi] += weights[i];
  });
  return counts;
}

/** The weighted confusion matrix, rows = references, columns = predictions. */
export function confusionMatrix(labels: readonly Label[], predictions: readonly Label[], references: readonly Label[], weights: readonly number[]): number[][] {
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const matrix = labels.map(() => labels.map(() => 0));
  predictions.forEach((p, i) => {
    matrix[index.get(references[i])!][index.get(p)!] += weights[i];
  });
  return matrix;
}
