// Batches for token classification (NER, part-of-speech tagging): the token fields are padded by
// the tokenizer, and each example's per-token labels are padded to the same length with
// `label_pad_token_id` (−100, which the loss ignores), on the tokenizer's padding side — as
// transformers' DataCollatorForTokenClassification.
import { Tensor } from "../tensor";
import { Callable } from "../utils/callable";
import { DataCollatorError } from "./errors";
import { padWithTokenizer, type PaddingTokenizer } from "./padding";
import { featureList, plain, stack, type Feature, type TensorBatch } from "./tensorize";

export interface DataCollatorForTokenClassificationOptions {
  tokenizer: PaddingTokenizer;
  /** true / "longest" (default): pad to the longest in the batch; "max_length": pad to max_length. */
  padding?: boolean | "longest" | "max_length" | "do_not_pad";
  max_length?: number | null;
  pad_to_multiple_of?: number | null;
  /** The label given to padded positions (default −100, ignored by the loss). */
  label_pad_token_id?: number;
  /** Only "pt" (tensors). */
  return_tensors?: "pt";
}

export class DataCollatorForTokenClassification extends Callable<[Feature[]], Record<string, Tensor>> {
  readonly tokenizer: PaddingTokenizer;
  readonly padding: boolean | "longest" | "max_length" | "do_not_pad";
  readonly max_length: number | null;
  readonly pad_to_multiple_of: number | null;
  readonly label_pad_token_id: number;
  readonly return_tensors = "pt";

  constructor(options: DataCollatorForTokenClassificationOptions) {
    super();
    this.tokenizer = options?.tokenizer;
    if (!this.tokenizer) throw new DataCollatorError("DataCollatorForTokenClassification needs a tokenizer: new DataCollatorForTokenClassification({ tokenizer }).");
    this.padding = options.padding ?? true;
    this.max_length = options.max_length ?? null;
    this.pad_to_multiple_of = options.pad_to_multiple_of ?? null;
    this.label_pad_token_id = options.label_pad_token_id ?? -100;
    if (!Number.isInteger(this.label_pad_token_id)) throw new DataCollatorError(`label_pad_token_id must be an integer, got ${options.label_pad_token_id}.`);
    const returnTensors = (options as { return_tensors?: unknown }).return_tensors;
    if (returnTensors !== undefined && returnTensors !== "pt") {
      throw new DataCollatorError(`return_tensors ${JSON.stringify(returnTensors)} is not supported: batches here are tensors (return_tensors: "pt").`);
    }
  }

  protected _call(features: Feature[]): Record<string, Tensor> {
    const list = featureList(features);
    // Python keeps the name it was given: "label" stays "label", "labels" stays "labels".
    const labelName = "label" in list[0] ? "label" : "labels";
    const batch: TensorBatch = padWithTokenizer(this.tokenizer, list, this);
    if (labelName in list[0]) batch[labelName] = this.paddedLabels(list, labelName, batch.input_ids.shape[1]);
    for (const [key, value] of Object.entries(list[0])) {
      if (key in batch) continue;
      const v = plain(value);
      // Strings and per-token lists other than the labels have no padding rule: left out, as DataCollatorWithPadding does.
      if (v === null || v === undefined || typeof v === "string" || Array.isArray(v)) continue;
      batch[key] = stack(key, list.map((f) => f[key]));
    }
    return batch;
  }

  /** Each label row padded with label_pad_token_id to the padded sequence length, int64 [batch, seq]. */
  private paddedLabels(list: Feature[], labelName: string, length: number): Tensor {
    const left = this.tokenizer.padding_side === "left";
    const data = new BigInt64Array(list.length * length);
    list.forEach((feature, row) => {
      const labels = plain(feature[labelName]);
      if (!Array.isArray(labels) || labels.some((v) => typeof v !== "number" || !Number.isInteger(v))) {
        throw new DataCollatorError(`Example ${row}: '${labelName}' must be a list of integer label ids, one per token (−100 for tokens without a label); got ${JSON.stringify(labels)?.slice(0, 80)}.`);
      }
      if (labels.length > length) {
        throw new DataCollatorError(`Example ${row} has ${labels.length} labels but its padded input has ${length} tokens. Align the labels with the tokens (one per token) before collating.`);
      }
      const offset = left ? length - labels.length : 0;
      data.fill(BigInt(this.label_pad_token_id), row * length, (row + 1) * length);
      labels.forEach((v: number, i: number) => (data[row * length + offset + i] = BigInt(v)));
    });
    return new Tensor(data, [list.length, length], "int64");
  }

  toString(): string {
    return `DataCollatorForTokenClassification(padding=${JSON.stringify(this.padding)}, max_length=${this.max_length}, pad_to_multiple_of=${this.pad_to_multiple_of}, label_pad_token_id=${this.label_pad_token_id})`;
  }
}
