// Tokenizer lengths and files from input: a padded batch that would not fit in memory is refused
// before it is built (it used to abort the process), files that cannot encode anything are refused
// at load naming the file, and `max_length: 0` behaves as the fast tokenizers do, and says so.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { AutoTokenizer, DataCollatorWithPadding, GPT2Tokenizer, PreTrainedTokenizer, SizeLimitError, TokenizerFileError, TokenizerOptionError, tokenizerLogging } from "../../src";
import { repoRoot, scratchDir } from "../helpers/paths";

const bundled = (name: string) => path.join(repoRoot, "models", name);
let bertPromise: Promise<PreTrainedTokenizer> | null = null;
let gpt2Promise: Promise<PreTrainedTokenizer> | null = null;
const bert = () => (bertPromise ??= AutoTokenizer.from_pretrained(bundled("bert-base-uncased")));
const gpt2 = () => (gpt2Promise ??= AutoTokenizer.from_pretrained(bundled("gpt2")));

/** What the tokenizer wrote to stderr while `run` ran. */
function stderrOf(run: () => void): string {
  const original = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

function refusesSize(run: () => unknown, field: string, value: unknown): void {
  const started = Date.now();
  assert.throws(run, (err: Error) => {
    assert.ok(err instanceof SizeLimitError, `${err.name}: ${err.message}`);
    assert.equal(err.field, field);
    assert.equal(err.value, value);
    assert.ok(err.message.includes(`${field}=${value}`), err.message);
    assert.match(err.message, /TLAB_MAX_BATCH_BYTES/);
    return true;
  });
  assert.ok(Date.now() - started < 2000);
}

test("a padded batch too large for memory is refused before it is built, naming the length", async () => {
  const tokenizer = await bert();
  refusesSize(() => tokenizer("Hello world", { padding: "max_length", max_length: 1e9 }), "max_length", 1e9);
  refusesSize(() => tokenizer(["a", "b"], { padding: "max_length", max_length: 2 ** 31, truncation: true }), "max_length", 2 ** 31);
  refusesSize(() => tokenizer(["a", "b c"], { padding: true, pad_to_multiple_of: 1e9 }), "pad_to_multiple_of", 1e9);
  refusesSize(() => tokenizer.pad({ input_ids: [[1, 2, 3]] }, { padding: "max_length", max_length: 5e8 }), "max_length", 5e8);
  refusesSize(() => tokenizer.pad([{ input_ids: [1, 2] }, { input_ids: [3] }], { pad_to_multiple_of: 3e9 }), "pad_to_multiple_of", 3e9);
  const collator = new DataCollatorWithPadding({ tokenizer, padding: "max_length", max_length: 1e9 });
  refusesSize(() => collator([{ input_ids: [101, 102] }]), "max_length", 1e9);

  // a tokenizer whose model_max_length is huge, padded to it
  const dir = scratchDir("tokenizer-huge-model-max-length");
  for (const file of fs.readdirSync(bundled("bert-base-uncased"))) fs.copyFileSync(path.join(bundled("bert-base-uncased"), file), path.join(dir, file));
  const config = JSON.parse(fs.readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify({ ...config, model_max_length: 1e10 }));
  const huge = await AutoTokenizer.from_pretrained(dir);
  refusesSize(() => huge("Hello", { padding: "max_length" }), "model_max_length", 1e10);

  // below the limit the same call works, and the limit follows TLAB_MAX_BATCH_BYTES
  assert.equal((tokenizer("Hello", { padding: "max_length", max_length: 1000 }).input_ids as number[]).length, 1000);
  process.env.TLAB_MAX_BATCH_BYTES = "10000";
  try {
    refusesSize(() => tokenizer("Hello", { padding: "max_length", max_length: 1000 }), "max_length", 1000);
  } finally {
    delete process.env.TLAB_MAX_BATCH_BYTES;
  }
});

test("lengths that are not non-negative integers are refused as options", async () => {
  const tokenizer = await bert();
  for (const bad of [1.5, -1, NaN, Infinity, "10", 1e300]) {
    assert.throws(() => tokenizer("Hello", { padding: "max_length", max_length: bad as number }), TokenizerOptionError, String(bad));
  }
  for (const bad of [2.5, -8, "8"]) {
    assert.throws(() => tokenizer(["a", "b c"], { padding: true, pad_to_multiple_of: bad as number }), TokenizerOptionError, String(bad));
  }
  for (const bad of [-1, 1.5, NaN]) {
    assert.throws(() => tokenizer("a b c d e", { truncation: true, max_length: 4, stride: bad, return_overflowing_tokens: true }), TokenizerOptionError, String(bad));
  }
});

test("tokenizer_config.json settings of the wrong type or value are refused at load", async () => {
  const base = JSON.parse(fs.readFileSync(path.join(bundled("bert-base-uncased"), "tokenizer_config.json"), "utf8"));
  for (const [key, value] of [["model_max_length", "512"], ["model_max_length", -1], ["padding_side", "middle"], ["truncation_side", 0]] as const) {
    const dir = folderWith(`config-${key}-${String(value)}`, "bert-base-uncased", { "tokenizer_config.json": JSON.stringify({ ...base, [key]: value }) });
    await assert.rejects(AutoTokenizer.from_pretrained(dir), (err: Error) => err instanceof TokenizerOptionError && err.message.includes(key) && err.message.includes(JSON.stringify(value)), `${key}=${value}`);
  }
});

test("max_length: 0 truncates as the fast tokenizers do, and says what happened", async () => {
  tokenizerLogging.enabled = true;
  const gpt = await gpt2();
  // no special tokens: every token is cut
  let out: Record<string, unknown> = {};
  let said = stderrOf(() => (out = gpt(["Hello world", "Hi"], { truncation: true, max_length: 0 })));
  assert.deepEqual(out.input_ids, [[], []]);
  assert.deepEqual(out.attention_mask, [[], []]);
  assert.match(said, /max_length=0/);
  said = stderrOf(() => (out = gpt("Hello world", { max_length: 0 }))); // max_length alone turns truncation on
  assert.deepEqual(out.input_ids, []);
  assert.equal(gpt("Hello world", { max_length: 0, truncation: false }).input_ids.length, 2, "no truncation asked: nothing cut");

  // special tokens do not fit in 0: nothing is cut, and the message says so
  const tokenizer = await bert();
  const full = tokenizer("Hello world").input_ids;
  said = stderrOf(() => (out = tokenizer("Hello world", { truncation: true, max_length: 0 })));
  assert.deepEqual(out.input_ids, full);
  assert.match(said, /max_length=0 leaves no room for the 2 special tokens/);
  const noSpecial = tokenizer("Hello world", { truncation: true, max_length: 0, add_special_tokens: false });
  assert.deepEqual(noSpecial.input_ids, []);
  // padding to 0 pads nothing
  assert.deepEqual(tokenizer("Hello world", { padding: "max_length", max_length: 0, truncation: false }).input_ids, full);
});

/** A tokenizer folder made of the bundled one's files with some replaced. */
function folderWith(name: string, base: string, files: Record<string, string>): string {
  const dir = scratchDir(`tokenizer-broken/${name}`);
  for (const file of fs.readdirSync(bundled(base))) fs.copyFileSync(path.join(bundled(base), file), path.join(dir, file));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** A tokenizer.json on the bundled GPT-2 vocabulary with the given added tokens. */
function bpeTokenizerJson(added_tokens: unknown[]): string {
  const vocab = JSON.parse(fs.readFileSync(path.join(bundled("gpt2"), "vocab.json"), "utf8"));
  return JSON.stringify({ model: { type: "BPE", vocab, merges: [] }, added_tokens });
}

test("tokenizer files that cannot encode anything, or hold malformed entries, are refused at load, naming the file", async () => {
  const cases: [string, string, Record<string, string>, string, RegExp][] = [
    ["empty-vocab-txt", "bert-base-uncased", { "vocab.txt": "" }, "vocab.txt", /holds no tokens/],
    ["blank-vocab-txt", "bert-base-uncased", { "vocab.txt": "\n" }, "vocab.txt", /unknown token "\[UNK\]"/],
    ["no-unk", "bert-base-uncased", { "vocab.txt": "[PAD]\n[CLS]\n[SEP]\nhello\n" }, "vocab.txt", /unknown token "\[UNK\]"/],
    ["vocab-json-array", "gpt2", { "vocab.json": '["a", "b"]' }, "vocab.json", /an array/],
    ["vocab-json-empty", "gpt2", { "vocab.json": "{}" }, "vocab.json", /holds no tokens/],
    ["vocab-json-null", "gpt2", { "vocab.json": "null" }, "vocab.json", /null/],
    ["vocab-json-string-ids", "gpt2", { "vocab.json": '{"a": "0", "b": 1}' }, "vocab.json", /non-negative integer/],
    ["vocab-json-negative-ids", "gpt2", { "vocab.json": '{"a": -1}' }, "vocab.json", /non-negative integer/],
    ["tokenizer-json-array-vocab", "gpt2", { "tokenizer.json": JSON.stringify({ model: { type: "BPE", vocab: [], merges: [] } }) }, "tokenizer.json", /an array/],
    ["config-array", "bert-base-uncased", { "tokenizer_config.json": "[1, 2]" }, "tokenizer_config.json", /must hold a JSON object/],
    ["config-proto", "bert-base-uncased", { "tokenizer_config.json": '{"__proto__": {"model_max_length": 5}}' }, "tokenizer_config.json", /"__proto__"/],
    ["special-map-string", "gpt2", { "special_tokens_map.json": '"x"' }, "special_tokens_map.json", /must hold a JSON object/],
    ["added-tokens-negative", "bert-base-uncased", { "added_tokens.json": '{"<new>": -4}' }, "added_tokens.json", /non-negative integers/],
    ["added-token-string-id", "gpt2", { "tokenizer.json": bpeTokenizerJson([{ content: "<x>", id: "5" }]) }, "tokenizer.json", /added token without/],
    ["added-token-no-content", "gpt2", { "tokenizer.json": bpeTokenizerJson([{ id: 50300 }]) }, "tokenizer.json", /added token without/],
    ["tokenizer-json-empty-wordpiece", "bert-base-uncased", { "tokenizer.json": JSON.stringify({ model: { type: "WordPiece", vocab: {}, unk_token: "[UNK]" } }) }, "tokenizer.json", /holds no tokens/],
  ];
  for (const [name, base, files, file, reason] of cases) {
    const dir = folderWith(name, base, files);
    await assert.rejects(AutoTokenizer.from_pretrained(dir), (err: Error) => {
      assert.ok(err instanceof TokenizerFileError, `${name}: ${err.name}: ${err.message}`);
      assert.ok(err.message.includes(path.join(dir, file)) || err.message.includes(`${dir}/${file}`), `${name}: ${err.message}`);
      assert.match(err.message, reason, name);
      return true;
    });
  }
  const gptDir = folderWith("direct-files", "gpt2", { "vocab.json": "[]" });
  assert.throws(() => GPT2Tokenizer.fromVocabFiles(path.join(gptDir, "vocab.json"), path.join(gptDir, "merges.txt")), TokenizerFileError);
});
