import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ClassLabel, Dataset, DatasetDict, DatasetNotFoundError, load_dataset } from "../../src/datasets";
import { scratchDir } from "../helpers/paths";

test("csv: header names the columns, numbers are typed, quoted commas survive", () => {
  const dir = scratchDir("datasets-csv");
  fs.writeFileSync(path.join(dir, "train.csv"), 'text,label,score\n"hello, world",1,0.5\nbye,0,\n');
  fs.writeFileSync(path.join(dir, "test.csv"), "text,label,score\nyo,1,2\n");
  const dd = load_dataset("csv", { data_files: { train: path.join(dir, "train.csv"), test: path.join(dir, "test.csv") } });
  assert.ok(dd instanceof DatasetDict);
  assert.deepEqual(dd.train.to_list(), [
    { text: "hello, world", label: 1, score: 0.5 },
    { text: "bye", label: 0, score: null },
  ]);
  assert.equal(dd.test.num_rows, 1);
  const single = load_dataset("csv", { data_files: path.join(dir, "train.csv"), split: "train" });
  assert.ok(single instanceof Dataset);
  assert.equal(single.num_rows, 2);
  // A folder of split-named files.
  assert.deepEqual(load_dataset(dir).keys().sort(), ["test", "train"]);
});

test("json: a list of rows, JSON Lines, and a nested field", () => {
  const dir = scratchDir("datasets-json");
  fs.writeFileSync(path.join(dir, "rows.json"), JSON.stringify([{ a: 1, b: "x" }, { a: 2, b: "y" }]));
  fs.writeFileSync(path.join(dir, "rows.jsonl"), '{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n');
  fs.writeFileSync(path.join(dir, "nested.json"), JSON.stringify({ version: 1, data: [{ a: 1, b: "x" }, { a: 2, b: "y" }] }));
  const expected = { a: [1, 2], b: ["x", "y"] };
  assert.deepEqual(load_dataset("json", { data_files: path.join(dir, "rows.json"), split: "train" }).to_dict(), expected);
  assert.deepEqual(load_dataset("json", { data_files: path.join(dir, "rows.jsonl") }).train.to_dict(), expected);
  assert.deepEqual(load_dataset("json", { data_files: path.join(dir, "nested.json"), field: "data", split: "train" }).to_dict(), expected);
  fs.writeFileSync(path.join(dir, "bad.jsonl"), '{"a": 1}\n{"a": \n');
  assert.throws(() => load_dataset("json", { data_files: path.join(dir, "bad.jsonl") }), /line 2: not valid JSON/);
});

test("text: one row per line in a `text` column", () => {
  const dir = scratchDir("datasets-text");
  const file = path.join(dir, "lines.txt");
  fs.writeFileSync(file, "first line\n\nthird line\n");
  assert.deepEqual(load_dataset("text", { data_files: file, split: "train" }).column("text"), ["first line", "", "third line"]);
  assert.deepEqual(load_dataset("text", { data_files: file, sample_by: "paragraph", split: "train" }).column("text"), ["first line", "third line\n"]);
});

test("split slices: train[:2], train[50%:]", () => {
  const dir = scratchDir("datasets-slices");
  const file = path.join(dir, "n.jsonl");
  fs.writeFileSync(file, [0, 1, 2, 3].map((i) => JSON.stringify({ i })).join("\n"));
  assert.deepEqual(load_dataset("json", { data_files: file, split: "train[:2]" }).column("i"), [0, 1]);
  assert.deepEqual(load_dataset("json", { data_files: file, split: "train[50%:]" }).column("i"), [2, 3]);
  // Percentages round as Python's round(), like the datasets library: of 10 rows, 5% → 0.5 → 0 rows,
  // 15% → 1.5 → 2 rows, 25% → 2.5 → 2 rows, 35% → 3.5 → 4 rows.
  const ten = path.join(path.dirname(file), "ten.jsonl");
  fs.writeFileSync(ten, Array.from({ length: 10 }, (_, i) => JSON.stringify({ i })).join("\n"));
  const rows = (pct: number) => load_dataset("json", { data_files: ten, split: `train[:${pct}%]` }).num_rows;
  assert.deepEqual([5, 15, 25, 35].map(rows), [0, 2, 2, 4]);
});

test("missing files and unknown names say what to do", () => {
  assert.throws(() => load_dataset("csv", { data_files: "/nonexistent/file.csv" }), (e: Error) => e instanceof DatasetNotFoundError && /not found.*data_files/.test(e.message));
  assert.throws(() => load_dataset("no such data"), /No data set named 'no such data'. Bundled data sets: spam_assassin, brown/);
  assert.throws(() => load_dataset("csv"), /needs data_files/);
});

test("spam_assassin: real messages, ham=0/spam=1, a fixed 4837/1209 split", () => {
  const dd = load_dataset("spam_assassin");
  assert.deepEqual(dd.keys(), ["train", "test"]);
  assert.equal(dd.train.num_rows, 4837);
  assert.equal(dd.test.num_rows, 1209);
  assert.deepEqual(dd.train.column_names, ["text", "subject", "label", "group"]);
  const label = dd.train.features.label as ClassLabel;
  assert.deepEqual(label.names, ["ham", "spam"]);
  const spam = dd.train.column("label").filter((l: number) => l === 1).length + dd.test.column("label").filter((l: number) => l === 1).length;
  assert.equal(spam, 1896);
  // The first message of spam-1 in the package, whose subject is known.
  const row = dd.train.filter((r: any) => r.group === "spam-1").get(0);
  assert.equal(row.subject, "Life Insurance - Why Pay More?");
  assert.equal(row.label, 1);
  assert.ok(!row.text.includes("Return-Path:"), "headers are removed from the text");
  // Same split every time.
  assert.deepEqual(load_dataset("spam_assassin", { split: "test" }).column("subject").slice(0, 5), dd.test.column("subject").slice(0, 5));
});

test("brown: sentences with words, tags and genre", () => {
  const ds = load_dataset("brown", { split: "train" });
  assert.ok(ds.num_rows > 50000);
  const first = ds.get(0);
  assert.equal(first.fileid, "ca01");
  assert.equal(first.tokens[0], "The");
  assert.equal(first.pos_tags[0], "at");
  assert.match(first.text, /^The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced "no evidence" that any irregularities took place\.$/);
  const genre = ds.features.genre as ClassLabel;
  assert.equal(genre.num_classes, 15);
  assert.equal(genre.int2str(first.genre), "news");
});
