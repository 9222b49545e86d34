// Metrics computed from a Trainer's predictions, with Python's EvalPrediction field names.

function toRows(x: unknown): number[][] {
  const value = x as { tolist?: () => unknown };
  return (typeof value?.tolist === "function" ? value.tolist() : x) as number[][];
}

function toList(x: unknown): number[] {
  const value = x as { tolist?: () => unknown };
  return (typeof value?.tolist === "function" ? value.tolist() : x) as number[];
}

export function argmax(row: number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** Accuracy and, for two labels, precision/recall/F1 of label 1. */
export function classificationMetrics(evalPrediction: { predictions: unknown; label_ids: unknown }): Record<string, number> {
  const predicted = toRows(evalPrediction.predictions).map(argmax);
  const labels = toList(evalPrediction.label_ids);
  let correct = 0, tp = 0, fp = 0, fn = 0;
  predicted.forEach((p, i) => {
    if (p === labels[i]) correct++;
    if (p === 1 && labels[i] === 1) tp++;
    if (p === 1 && labels[i] !== 1) fp++;
    if (p !== 1 && labels[i] === 1) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { accuracy: correct / labels.length, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The accuracy of always answering the most frequent label: the floor a classifier must beat. */
export function majorityBaseline(labels: number[]): number {
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.max(...counts.values()) / labels.length;
}
