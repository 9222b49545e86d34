// Classification scores with scikit-learn's definitions, so numbers match `sklearn.metrics` exactly:
// accuracy_score, precision/recall/f1 (precision_recall_fscore_support) and matthews_corrcoef.
import { MetricInputError } from "./errors";
import { checkPairs, confusionMatrix, countPerLabel, uniqueLabels, type Label } from "./labels";

export type Average = "binary" | "micro" | "macro" | "weighted" | null;
/** What a score is when its denominator is 0. "warn" gives 0, as scikit-learn does (after a warning). */
export type ZeroDivision = "warn" | 0 | 1 | number;

export interface ClassificationInputs {
  predictions: Label[];
  references: Label[];
  sample_weight?: number[];
}

export interface AveragedInputs extends ClassificationInputs {
  /** The labels to score (for "macro"/"weighted"/null, and their order in per-label results). */
  labels?: Label[];
  /** The positive class when `average` is "binary" (default 1). */
  pos_label?: Label;
  /** "binary" (default), "micro", "macro", "weighted", or null for one score per label. */
  average?: Average;
  zero_division?: ZeroDivision;
}

export function accuracyScore({ predictions, references, sample_weight, normalize = true }: ClassificationInputs & { normalize?: boolean }): number {
  const weights = checkPairs(predictions, references, sample_weight);
  let correct = 0;
  let total = 0;
  predictions.forEach((p, i) => {
    total += weights[i];
    if (p === references[i]) correct += weights[i];
  });
  return normalize ? correct / total : correct;
}

export interface PrecisionRecallF {
  precision: number | number[];
  recall: number | number[];
  f1: number | number[];
}

function zeroDivisionValue(zero_division: ZeroDivision): number {
  if (zero_division === "warn") return 0;
  if (zero_division === 0 || zero_division === 1 || Number.isNaN(zero_division)) return zero_division;
  throw new MetricInputError(`zero_division must be "warn", 0, 1 or NaN, not ${JSON.stringify(zero_division)}.`);
}

/** The labels scored, as scikit-learn's `_check_set_wise_labels` picks them. */
function scoredLabels(inputs: AveragedInputs, average: Average): Label[] {
  const present = uniqueLabels(inputs.predictions, inputs.references);
  if (average !== "binary") return inputs.labels ?? present;
  const pos = inputs.pos_label ?? 1;
  if (present.length > 2) {
    throw new MetricInputError(
      `There are ${present.length} classes (${present.join(", ")}) but average is "binary". Choose average: "micro", "macro", "weighted" or null.`,
    );
  }
  if (!present.includes(pos) && present.length === 2) {
    throw new MetricInputError(`pos_label=${JSON.stringify(pos)} is not a label here; it should be one of ${JSON.stringify(present)}.`);
  }
  return [pos];
}

/** Divides element-wise, with `zero` where the denominator is 0. */
function divide(num: number[], den: number[], zero: number): number[] {
  return num.map((n, i) => (den[i] === 0 ? zero : n / den[i]));
}

/** Mean that skips NaN (scikit-learn's `_nanaverage`); NaN when nothing is left. */
function nanAverage(values: number[], weights?: number[]): number {
  let sum = 0;
  let total = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const w = weights ? weights[i] : 1;
    sum += v * w;
    total += w;
  });
  return total === 0 ? NaN : sum / total;
}

/** precision_recall_fscore_support with beta = 1. */
export function precisionRecallF1(inputs: AveragedInputs): PrecisionRecallF {
  const weights = checkPairs(inputs.predictions, inputs.references, inputs.sample_weight);
  const average = inputs.average === undefined ? "binary" : inputs.average;
  if (!["binary", "micro", "macro", "weighted", null].includes(average)) {
    throw new MetricInputError(`average must be "binary", "micro", "macro", "weighted" or null, not ${JSON.stringify(average)}.`);
  }
  const zero = zeroDivisionValue(inputs.zero_division ?? "warn");
  const labels = scoredLabels(inputs, average);
  let { tp, pred, truth } = countPerLabel(labels, inputs.predictions, inputs.references, weights);
  if (average === "micro") {
    const sum = (xs: number[]) => [xs.reduce((a, b) => a + b, 0)];
    [tp, pred, truth] = [sum(tp), sum(pred), sum(truth)];
  }
  const precision = divide(tp, pred, zero);
  const recall = divide(tp, truth, zero);
  // F1 = 2·tp / (true + predicted): defined even where precision or recall is not.
  const f1 = divide(tp.map((t) => 2 * t), truth.map((t, i) => t + pred[i]), zero);
  if (average === null) return { precision, recall, f1 };
  if (average === "weighted") {
    if (truth.every((t) => t === 0)) {
      // No reference carries any scored label: scikit-learn's special case.
      const noPredictions = pred.every((p) => p === 0);
      return { precision: noPredictions ? zero : 0, recall: zero, f1: noPredictions ? zero : 0 };
    }
    return { precision: nanAverage(precision, truth), recall: nanAverage(recall, truth), f1: nanAverage(f1, truth) };
  }
  return { precision: nanAverage(precision), recall: nanAverage(recall), f1: nanAverage(f1) };
}

/** matthews_corrcoef, multiclass form: 0 when either side has a single class. */
export function matthewsCorrcoef({ predictions, references, sample_weight }: ClassificationInputs): number {
  const weights = checkPairs(predictions, references, sample_weight);
  const labels = uniqueLabels(predictions, references);
  const c = confusionMatrix(labels, predictions, references, weights);
  const trueSum = c.map((row) => row.reduce((a, b) => a + b, 0));
  const predSum = labels.map((_, j) => c.reduce((a, row) => a + row[j], 0));
  const correct = c.reduce((a, row, k) => a + row[k], 0);
  const n = trueSum.reduce((a, b) => a + b, 0);
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  const covTruePred = correct * n - dot(trueSum, predSum);
  const covPredPred = n * n - dot(predSum, predSum);
  const covTrueTrue = n * n - dot(trueSum, trueSum);
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}
