import { test } from "node:test";
import assert from "node:assert/strict";
import { ClassLabel, Dataset, DatasetDict, DatasetError, Sequence, Value } from "../../src/datasets";
import { Tensor } from "../../src/tensor";
import { KeyboardInterrupt, requestInterrupt, resetInterrupt } from "../../src/utils/cancellation";

const rows = () =>
  Dataset.from_dict({
    text: ["a cat", "the dog", "a bird", "fish", "an ox"],
    label: [0, 1, 0, 1, 1],
  });

test("from_dict and from_list build the same table with inferred features", () => {
  const a = rows();
  const b = Dataset.from_list(a.to_list());
  assert.equal(a.num_rows, 5);
  assert.deepEqual(a.column_names, ["text", "label"]);
  assert.deepEqual(a.shape, [5, 2]);
  assert.deepEqual(b.to_dict(), a.to_dict());
  assert.equal(a.features_repr(), "{'text': Value(dtype='string', id=None), 'label': Value(dtype='int64', id=None)}");
  assert.equal(a.toString(), "Dataset({\n    features: ['text', 'label'],\n    num_rows: 5\n})");
});

test("rows by get, at, [i] (negative from the end) and columns", () => {
  const ds = rows();
  assert.deepEqual(ds.get(1), { text: "the dog", label: 1 });
  assert.deepEqual(ds[0], { text: "a cat", label: 0 });
  assert.deepEqual(ds.at(-1), { text: "an ox", label: 1 });
  assert.deepEqual(ds.column("label"), [0, 1, 0, 1, 1]);
  assert.deepEqual(ds["label"], [0, 1, 0, 1, 1]);
  assert.equal(ds["num_rows"], 5, "members win over columns");
  assert.deepEqual(ds.slice(1, 3), { text: ["the dog", "a bird"], label: [1, 0] });
  assert.throws(() => ds.get(5), /out of range/);
  assert.throws(() => ds.column("labels"), (e: Error) => e instanceof DatasetError && /'labels' not in the dataset.*\["text","label"\]/.test(e.message));
  assert.equal([...ds].length, 5);
});

test("unequal column lengths are refused with the lengths named", () => {
  assert.throws(() => Dataset.from_dict({ a: [1, 2], b: [1] }), /same number of rows; got a: 2, b: 1/);
});

test("map adds columns per row and per batch, remove_columns drops inputs", () => {
  const ds = rows();
  const withLen = ds.map((ex) => ({ n: ex.text.length }));
  assert.deepEqual(withLen.column_names, ["text", "label", "n"]);
  assert.deepEqual(withLen.column("n"), [5, 7, 6, 4, 5]);
  let calls = 0;
  const batched = ds.map(
    (batch) => {
      calls++;
      return { upper: batch.text.map((t: string) => t.toUpperCase()) };
    },
    { batched: true, batch_size: 2, remove_columns: ["text"] },
  );
  assert.equal(calls, 3);
  assert.deepEqual(batched.column_names, ["label", "upper"]);
  assert.deepEqual(batched.column("upper"), ["A CAT", "THE DOG", "A BIRD", "FISH", "AN OX"]);
  const withIdx = ds.map((ex, i) => ({ idx: i }), { with_indices: true });
  assert.deepEqual(withIdx.column("idx"), [0, 1, 2, 3, 4]);
});

test("a batched map may change the number of rows when the inputs are removed", () => {
  const ds = rows();
  const words = ds.map((b) => ({ word: b.text.flatMap((t: string) => t.split(" ")) }), { batched: true, remove_columns: ds.column_names });
  assert.deepEqual(words.column("word"), ["a", "cat", "the", "dog", "a", "bird", "fish", "an", "ox"]);
  assert.throws(() => ds.map((b) => ({ word: b.text.flatMap((t: string) => t.split(" ")) }), { batched: true }), /remove_columns/);
});

test("map accepts objects holding their columns in `data` (tokenizer outputs) and Tensors", () => {
  class Encoding {
    data: Record<string, unknown>;
    constructor(data: Record<string, unknown>) {
      this.data = data;
    }
  }
  const ds = rows().map((ex) => new Encoding({ input_ids: [1, ex.label + 2, 3], attention_mask: Tensor.from([1, 1, 1], "int64") }));
  assert.deepEqual(ds.get(1).input_ids, [1, 3, 3]);
  assert.deepEqual(ds.get(1).attention_mask, [1, 1, 1]);
  assert.ok(ds.features.input_ids instanceof Sequence);
  assert.equal(ds.features.input_ids.toString(), "Sequence(feature=Value(dtype='int32', id=None), length=-1, id=None)");
});

test("filter, select, sort, unique", () => {
  const ds = rows();
  assert.deepEqual(ds.filter((ex) => ex.label === 1).column("text"), ["the dog", "fish", "an ox"]);
  assert.deepEqual(ds.filter((b) => b.label.map((l: number) => l === 0), { batched: true }).num_rows, 2);
  assert.deepEqual(ds.select([4, 0]).column("text"), ["an ox", "a cat"]);
  assert.throws(() => ds.select([7]), /out of range/);
  assert.deepEqual(ds.sort("text").column("text"), ["a bird", "a cat", "an ox", "fish", "the dog"]);
  assert.deepEqual(ds.unique("label"), [0, 1]);
});

test("shuffle is deterministic for a seed and a true permutation", () => {
  const ds = Dataset.from_dict({ i: Array.from({ length: 100 }, (_, k) => k) });
  const a = ds.shuffle({ seed: 42 }).column("i");
  const b = ds.shuffle(42).column("i");
  const c = ds.shuffle({ seed: 43 }).column("i");
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.notDeepEqual(a, ds.column("i"));
  assert.deepEqual([...a].sort((x: number, y: number) => x - y), ds.column("i"));
});

test("train_test_split follows Python's sizes and is reproducible", () => {
  const ds = Dataset.from_dict({ i: Array.from({ length: 10 }, (_, k) => k) });
  const split = ds.train_test_split({ test_size: 0.25, seed: 1 });
  assert.ok(split instanceof DatasetDict);
  assert.deepEqual(split.keys(), ["train", "test"]);
  assert.equal(split.test.num_rows, 3); // ceil(0.25 · 10)
  assert.equal(split.train.num_rows, 7);
  const all = [...split.train.column("i"), ...split.test.column("i")].sort((x, y) => x - y);
  assert.deepEqual(all, ds.column("i"));
  assert.deepEqual(ds.train_test_split({ test_size: 0.25, seed: 1 }).test.column("i"), split.test.column("i"));
  const fixed = ds.train_test_split({ test_size: 2, shuffle: false });
  assert.deepEqual(fixed.test.column("i"), [8, 9]);
  assert.throws(() => ds.train_test_split({ test_size: 20 }), /not valid/);
});

test("remove_columns, rename_column, select_columns keep types", () => {
  const ds = rows().cast_column("label", new ClassLabel({ names: ["neg", "pos"] }));
  const renamed = ds.rename_column("label", "labels");
  assert.deepEqual(renamed.column_names, ["text", "labels"]);
  assert.ok(renamed.features.labels instanceof ClassLabel);
  assert.deepEqual(ds.remove_columns("text").column_names, ["label"]);
  assert.deepEqual(ds.select_columns(["label"]).column_names, ["label"]);
  assert.throws(() => ds.remove_columns("nope"), /'nope' not in the dataset/);
  assert.throws(() => ds.rename_column("text", "label"), /twice/);
  assert.throws(() => rows().cast_column("label", new ClassLabel({ names: ["only"] })), /not a label id in 0..0/);
});

test("class_encode_column turns names into ClassLabel ids", () => {
  const ds = Dataset.from_dict({ y: ["spam", "ham", "spam"] }).class_encode_column("y");
  assert.deepEqual(ds.column("y"), [1, 0, 1]);
  const y = ds.features.y as ClassLabel;
  assert.deepEqual(y.names, ["ham", "spam"]);
  assert.equal(y.int2str(1), "spam");
  assert.equal(y.str2int("ham"), 0);
});

test("set_format('pt') gives int64 / float32 tensors and keeps strings", () => {
  const ds = Dataset.from_dict({ text: ["a", "b"], input_ids: [[1, 2, 3], [4, 5, 6]], score: [0.5, 1.5], label: [0, 1] });
  ds.set_format("pt");
  const row = ds.get(0);
  assert.ok(row.input_ids instanceof Tensor);
  assert.equal(row.input_ids.dtype, "int64");
  assert.deepEqual(row.input_ids.tolist(), [1, 2, 3]);
  assert.equal(row.score.dtype, "float32");
  assert.equal(row.text, "a");
  const col = ds.column("input_ids") as Tensor;
  assert.deepEqual(col.shape, [2, 3]);
  const only = rows().with_format("torch", { columns: ["label"] });
  assert.deepEqual(Object.keys(only.get(0)), ["label"]);
  assert.equal(only.format.type, "torch");
  assert.throws(() => ds.set_format("tensorflow" as never), /Unknown format type/);
  ds.reset_format();
  assert.deepEqual(ds.get(0).input_ids, [1, 2, 3]);
  // The format follows the data through select.
  assert.ok(rows().with_format("pt").select([1]).get(0).label instanceof Tensor);
});

test("ragged lists under 'pt' come out as a list of tensors", () => {
  const ds = Dataset.from_dict({ input_ids: [[1, 2], [3]] }).with_format("pt");
  const col = ds.column("input_ids");
  assert.ok(Array.isArray(col));
  assert.deepEqual(col.map((t: Tensor) => t.tolist()), [[1, 2], [3]]);
});

test("the notebook repr is an HTML table with escaped cells", () => {
  const ds = Dataset.from_dict({ text: ["<b>hi</b>", "x".repeat(500)], label: [1, 0] });
  const bundle = ds._repr_mimebundle_();
  const html = bundle["text/html"] as string;
  assert.match(html, /<table>/);
  assert.match(html, /&lt;b&gt;hi&lt;\/b&gt;/);
  assert.ok(html.length < 2000, "long cells are cut");
  assert.equal(bundle["text/plain"], ds.toString());
});

test("DatasetDict applies operations to every split", () => {
  const dd = new DatasetDict({ train: rows(), test: rows().select([0, 1]) });
  assert.deepEqual(dd.num_rows, { train: 5, test: 2 });
  const mapped = dd.map((ex) => ({ n: ex.text.length })).remove_columns("text");
  assert.deepEqual(mapped.column_names, { train: ["label", "n"], test: ["label", "n"] });
  assert.equal(mapped["test"].num_rows, 2);
  assert.throws(() => dd.get("validation"), /Available splits: \["train","test"\]/);
  assert.match(dd.toString(), /^DatasetDict\(\{\n    train: Dataset\(\{\n        features: \['text', 'label'\],\n        num_rows: 5\n    \}\)/);
});

test("Value features print like Python", () => {
  assert.equal(new Value("string").toString(), "Value(dtype='string', id=None)");
  assert.equal(new ClassLabel({ names: ["a", "b"] }).toString(), "ClassLabel(names=['a', 'b'], id=None)");
});

test("a long map or filter stops on an interrupt", () => {
  const ds = Dataset.from_dict({ i: Array.from({ length: 2000 }, (_, k) => k) });
  let seen = 0;
  try {
    assert.throws(
      () =>
        ds.map((r) => {
          if (++seen === 300) requestInterrupt();
          return { j: r.i };
        }),
      KeyboardInterrupt,
    );
    assert.ok(seen < 600, "stopped soon after the request");
    resetInterrupt();
    requestInterrupt();
    assert.throws(() => ds.filter(() => true, { batched: false }), KeyboardInterrupt);
  } finally {
    resetInterrupt();
  }
});
