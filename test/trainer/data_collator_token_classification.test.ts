// DataCollatorForTokenClassification with the real bert-base-uncased tokenizer: token fields padded
// by the tokenizer, labels padded with label_pad_token_id on the tokenizer's padding side, and the
// padded batch accepted by a token-classification model whose loss ignores the padding.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { DataCollatorError, DataCollatorForTokenClassification } from "../../src/data";
import { AutoTokenizer } from "../../src/tokenization";
import { DistilBertForTokenClassification } from "../../src/models";
import { hf5WeightsDir, repoRoot } from "../helpers/paths";

let tokenizer: any;
test.before(async () => {
  tokenizer = await AutoTokenizer.from_pretrained(path.join(repoRoot, "models", "bert-base-uncased"));
});

/** A tokenized example with one label per token: −100 on the special tokens, 1 on every other token. */
function example(text: string): Record<string, unknown> {
  const enc = tokenizer(text);
  const ids = enc.input_ids as number[];
  return { ...enc, labels: ids.map((_, i) => (i === 0 || i === ids.length - 1 ? -100 : 1)) };
}

test("labels are padded with -100 to the padded length, on the right", () => {
  const a = example("hello world");
  const b = example("a much longer sentence than the first one");
  const batch = new DataCollatorForTokenClassification({ tokenizer })([a, b]);
  const longest = (b.input_ids as number[]).length;
  assert.deepEqual(batch.input_ids.shape, [2, longest]);
  assert.deepEqual(batch.labels.shape, [2, longest]);
  assert.equal(batch.labels.dtype, "int64");
  const shortLabels = a.labels as number[];
  assert.deepEqual((batch.labels.tolist() as number[][])[0], [...shortLabels, ...Array(longest - shortLabels.length).fill(-100)]);
  assert.deepEqual((batch.labels.tolist() as number[][])[1], b.labels);
  assert.deepEqual((batch.attention_mask.tolist() as number[][])[0], [...shortLabels.map(() => 1), ...Array(longest - shortLabels.length).fill(0)]);
});

test("label_pad_token_id, pad_to_multiple_of, left padding and the 'label' name", () => {
  const a = example("hello world");
  const b = example("three words here");
  const batch = new DataCollatorForTokenClassification({ tokenizer, label_pad_token_id: 7, pad_to_multiple_of: 8 })([a, b]);
  assert.deepEqual(batch.input_ids.shape, [2, 8]);
  const rowA = (batch.labels.tolist() as number[][])[0];
  assert.deepEqual(rowA, [...(a.labels as number[]), ...Array(8 - (a.labels as number[]).length).fill(7)]);

  const left = Object.create(tokenizer);
  left.padding_side = "left";
  const leftBatch = new DataCollatorForTokenClassification({ tokenizer: left })([a, b]);
  const width = leftBatch.input_ids.shape[1];
  assert.deepEqual((leftBatch.labels.tolist() as number[][])[0], [...Array(width - (a.labels as number[]).length).fill(-100), ...(a.labels as number[])]);

  const renamed = new DataCollatorForTokenClassification({ tokenizer })([{ ...a, labels: undefined, label: a.labels }, { ...b, labels: undefined, label: b.labels }].map(({ labels, ...rest }) => rest));
  assert.ok("label" in renamed && !("labels" in renamed), "transformers keeps the name 'label'");
  const unlabeled = new DataCollatorForTokenClassification({ tokenizer })([{ input_ids: a.input_ids }, { input_ids: b.input_ids }]);
  assert.ok(!("labels" in unlabeled));
});

test("the padded batch trains a token classifier: padding adds nothing to the loss", async () => {
  const model = await DistilBertForTokenClassification.from_pretrained(hf5WeightsDir("shared/fixtures/hf5-reference/models/distilbert-tokcls"));
  model.eval();
  const short = example("paris is nice");
  const collator = new DataCollatorForTokenClassification({ tokenizer, padding: "max_length", max_length: 16 });
  const batch = collator([short]);
  assert.deepEqual(batch.labels.shape, [1, 16]);
  const padded = (await model(batch)).loss!.item();
  const unpadded = (await model({ input_ids: [short.input_ids as number[]], attention_mask: [short.attention_mask as number[]], labels: [short.labels as number[]] })).loss!.item();
  assert.ok(Math.abs(padded - unpadded) < 1e-5, `${padded} vs ${unpadded}`);
});

test("bad labels and options raise a DataCollatorError that says what to do", () => {
  const a = example("hello world");
  assert.throws(() => new DataCollatorForTokenClassification({ tokenizer })([{ ...a, labels: [1, 2, 3, 4, 5, 6, 7, 8, 9] }]), (err: Error) => err instanceof DataCollatorError && /one per token/.test(err.message));
  assert.throws(() => new DataCollatorForTokenClassification({ tokenizer })([{ ...a, labels: "B-PER" }]), DataCollatorError);
  assert.throws(() => new DataCollatorForTokenClassification({ tokenizer, return_tensors: "tf" as "pt" }), /return_tensors "tf" is not supported/);
  assert.throws(() => new DataCollatorForTokenClassification({} as never), /needs a tokenizer/);
});
