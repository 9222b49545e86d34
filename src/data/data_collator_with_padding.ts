// Pads each batch to its longest example (dynamic padding), so short batches stay short.
import { Callable } from "../utils/callable";
import type { Tensor } from "../tensor";
import { collateLabels } from "./default_data_collator";
import { padWithTokenizer, type PaddingTokenizer } from "./padding";
import { featureList, plain, stack, type Feature, type TensorBatch } from "./tensorize";

export interface DataCollatorWithPaddingOptions {
  tokenizer: PaddingTokenizer;
  /** true / "longest" (default): pad to the longest in the batch; "max_length": pad to max_length. */
  padding?: boolean | "longest" | "max_length" | "do_not_pad";
  max_length?: number | null;
  pad_to_multiple_of?: number | null;
  return_tensors?: "pt";
}

/**
 * `new DataCollatorWithPadding({ tokenizer })`: pads `input_ids`, `attention_mask` and `token_type_ids` with the
 * tokenizer's `pad`, renames `label` to `labels`, and stacks other numeric fields.
 */
export class DataCollatorWithPadding extends Callable<[Feature[]], Record<string, Tensor>> {
  readonly tokenizer: PaddingTokenizer;
  readonly padding: boolean | "longest" | "max_length" | "do_not_pad";
  readonly max_length: number | null;
  readonly pad_to_multiple_of: number | null;
  readonly return_tensors = "pt";

  constructor(options: DataCollatorWithPaddingOptions) {
    super();
    this.tokenizer = options?.tokenizer;
    this.padding = options?.padding ?? true;
    this.max_length = options?.max_length ?? null;
    this.pad_to_multiple_of = options?.pad_to_multiple_of ?? null;
  }

  protected _call(features: Feature[]): Record<string, Tensor> {
    const list = featureList(features);
    const batch: TensorBatch = padWithTokenizer(this.tokenizer, list, this);
    collateLabels(list, batch);
    for (const [key, value] of Object.entries(list[0])) {
      if (key in batch || key === "label" || key === "label_ids") continue;
      const v = plain(value);
      if (v === null || v === undefined || typeof v === "string" || (Array.isArray(v) && v.some((x) => typeof x === "string"))) continue;
      if (Array.isArray(v)) continue; // other list fields would need their own padding rule
      batch[key] = stack(key, list.map((f) => f[key]));
    }
    return batch;
  }

  toString(): string {
    return `DataCollatorWithPadding(padding=${JSON.stringify(this.padding)}, max_length=${this.max_length}, pad_to_multiple_of=${this.pad_to_multiple_of})`;
  }
}
