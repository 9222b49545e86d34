import { test } from "node:test";
import assert from "node:assert/strict";
import { DataCollatorForLanguageModeling, DataCollatorWithPadding, default_data_collator } from "../../src/data";
import { Tensor } from "../../src/tensor";
import { AutoTokenizer } from "../../src/tokenization";
import * as path from "node:path";
import { hfReference } from "../helpers/paths";

// The real bert-base-uncased tokenizer (vocabulary from the reference fixtures): [PAD]=0, [CLS]=101, [SEP]=102, [MASK]=103.
let bertLike: any;
test.before(async () => {
  bertLike = await AutoTokenizer.from_pretrained(path.join(hfReference, "tokenizers", "assets", "bert-base-uncased"));
});

test("default_data_collator stacks numeric fields and renames label to labels", () => {
  const batch = default_data_collator([
    { input_ids: [101, 5, 102], label: 1, text: "a" },
    { input_ids: [101, 6, 102], label: 0, text: "b" },
  ]);
  assert.deepEqual(Object.keys(batch).sort(), ["input_ids", "labels"]);
  assert.equal(batch.labels.dtype, "int64");
  assert.deepEqual(batch.labels.tolist(), [1, 0]);
  assert.deepEqual(batch.input_ids.shape, [2, 3]);
  const reg = default_data_collator([{ x: [1, 2], label: 0.5 }]);
  assert.equal(reg.labels.dtype, "float32");
  assert.throws(() => default_data_collator([{ input_ids: [1, 2] }, { input_ids: [1] }]), /different lengths. Pad them/);
  assert.throws(() => default_data_collator([]), /empty list/);
});

test("DataCollatorWithPadding on tokenizer output: pads, keeps token_type_ids, renames label", () => {
  const collator = new DataCollatorWithPadding({ tokenizer: bertLike });
  const a = bertLike("hello world", { truncation: true });
  const b = bertLike("a much longer sentence than the first", { truncation: true });
  const batch = collator([{ ...a, label: 0 }, { ...b, label: 1 }]);
  const longest = b.input_ids.length;
  assert.deepEqual(batch.input_ids.shape, [2, longest]);
  assert.deepEqual((batch.input_ids.tolist() as number[][])[0], [...a.input_ids, ...Array(longest - a.input_ids.length).fill(0)]);
  assert.deepEqual((batch.attention_mask.tolist() as number[][])[0], [...a.input_ids.map(() => 1), ...Array(longest - a.input_ids.length).fill(0)]);
  assert.deepEqual(batch.token_type_ids.shape, [2, longest]);
  assert.deepEqual(batch.labels.tolist(), [0, 1]);
});

test("DataCollatorWithPadding pads to the longest example with a zero attention mask", () => {
  const collator = new DataCollatorWithPadding({ tokenizer: bertLike });
  const batch = collator([
    { input_ids: [101, 7, 8, 102], attention_mask: [1, 1, 1, 1], label: 1 },
    { input_ids: [101, 9, 102], attention_mask: [1, 1, 1], label: 0 },
  ]);
  assert.deepEqual(batch.input_ids.tolist(), [
    [101, 7, 8, 102],
    [101, 9, 102, 0],
  ]);
  assert.deepEqual(batch.attention_mask.tolist(), [
    [1, 1, 1, 1],
    [1, 1, 1, 0],
  ]);
  assert.deepEqual(batch.labels.tolist(), [1, 0]);
  const multiple = new DataCollatorWithPadding({ tokenizer: bertLike, pad_to_multiple_of: 8 })([{ input_ids: [1, 2, 3] }]);
  assert.deepEqual(multiple.input_ids.shape, [1, 8]);
  assert.throws(() => new DataCollatorWithPadding({ tokenizer: bertLike })([{ text: "raw" }]), /needs 'input_ids'.*Tokenize/);
});

test("DataCollatorForLanguageModeling masks ~15% of ordinary tokens 80/10/10, never special or padding", () => {
  const collator = new DataCollatorForLanguageModeling({ tokenizer: bertLike, seed: 1 });
  const rows = Array.from({ length: 200 }, (_, r) => ({ input_ids: [101, ...Array.from({ length: 50 + (r % 3) }, (_, i) => 200 + ((r * 7 + i) % 700)), 102] }));
  const batch = collator(rows);
  const ids = batch.input_ids.tolist() as number[][];
  const labels = batch.labels.tolist() as number[][];
  const original = rows.map((r) => r.input_ids);
  let chosen = 0;
  let ordinary = 0;
  let asMask = 0;
  let kept = 0;
  for (let r = 0; r < ids.length; r++) {
    for (let c = 0; c < ids[r].length; c++) {
      const orig = original[r][c];
      if (orig === undefined) {
        assert.equal(labels[r][c], -100, "padding is never a target");
        assert.equal(ids[r][c], 0);
        continue;
      }
      if (orig === 101 || orig === 102) {
        assert.equal(labels[r][c], -100, "special tokens are never targets");
        assert.equal(ids[r][c], orig);
        continue;
      }
      ordinary++;
      if (labels[r][c] === -100) {
        assert.equal(ids[r][c], orig, "unchosen tokens are unchanged");
        continue;
      }
      chosen++;
      assert.equal(labels[r][c], orig, "the label is the original token");
      if (ids[r][c] === 103) asMask++;
      else if (ids[r][c] === orig) kept++;
    }
  }
  const rate = chosen / ordinary;
  assert.ok(rate > 0.13 && rate < 0.17, `masking rate ${rate}`);
  assert.ok(asMask / chosen > 0.75 && asMask / chosen < 0.85, `[MASK] share ${asMask / chosen}`);
  assert.ok(kept / chosen > 0.06 && kept / chosen < 0.14, `kept share ${kept / chosen}`);
  // The same seed gives the same masks.
  const again = new DataCollatorForLanguageModeling({ tokenizer: bertLike, seed: 1 })(rows);
  assert.deepEqual(again.input_ids.tolist(), ids);
  const other = new DataCollatorForLanguageModeling({ tokenizer: bertLike, seed: 2 })(rows);
  assert.notDeepEqual(other.input_ids.tolist(), ids);
});

test("the masking stream can be saved and restored", () => {
  const collator = new DataCollatorForLanguageModeling({ tokenizer: bertLike, seed: 3 });
  const rows = [{ input_ids: Array.from({ length: 64 }, (_, i) => 200 + i) }];
  const state = collator.get_rng_state();
  const first = collator(rows).input_ids.tolist();
  collator.set_rng_state(state);
  assert.deepEqual(collator(rows).input_ids.tolist(), first);
});

test("causal LM labels are the inputs with padding ignored", () => {
  const collator = new DataCollatorForLanguageModeling({ tokenizer: { pad_token_id: 50256 }, mlm: false });
  const batch = collator([{ input_ids: [1, 2, 3] }, { input_ids: new Tensor(new BigInt64Array([4n, 5n]), [2], "int64") }]);
  assert.deepEqual(batch.labels.tolist(), [
    [1, 2, 3],
    [4, 5, -100],
  ]);
  assert.throws(() => new DataCollatorForLanguageModeling({ tokenizer: { pad_token_id: 0 } }), /no mask token/);
});
