// The collator the Trainer uses when the dataset is already padded: stack every numeric field
// into a tensor and call the label `labels`, as transformers' `default_data_collator` does.
import type { Tensor } from "../tensor";
import { featureList, plain, stack, type Feature, type TensorBatch } from "./tensorize";

/** `label` / `label_ids` become `labels` (int64 for class ids, float32 for regression targets). */
export function collateLabels(features: Feature[], batch: TensorBatch): void {
  const first = features[0];
  if ("label" in first && first.label !== null && first.label !== undefined) {
    batch.labels = stack("label", features.map((f) => f.label));
  } else if ("label_ids" in first && first.label_ids !== null && first.label_ids !== undefined) {
    batch.labels = stack("label_ids", features.map((f) => f.label_ids));
  }
}

/** Stacks each numeric field of the features into a batch tensor; strings and nulls are left out. */
export function default_data_collator(features: Feature[], return_tensors: "pt" = "pt"): Record<string, Tensor> {
  void return_tensors;
  const list = featureList(features);
  const batch: TensorBatch = {};
  collateLabels(list, batch);
  for (const [key, value] of Object.entries(list[0])) {
    if (key === "label" || key === "label_ids") continue;
    const v = plain(value);
    if (v === null || v === undefined || typeof v === "string") continue;
    if (Array.isArray(v) && v.some((x) => typeof x === "string")) continue;
    batch[key] = stack(key, list.map((f) => f[key]));
  }
  return batch;
}
