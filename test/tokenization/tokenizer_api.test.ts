// The tokenizer API beyond the reference fixtures: tensors, fast-tokenizer helpers (word ids,
// offsets, overflowing windows), pad(), added tokens, pretokenized input, and clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import {
  AddedToken,
  AutoTokenizer,
  BatchEncoding,
  BertTokenizer,
  DistilBertTokenizer,
  GPT2Tokenizer,
  PreTrainedTokenizer,
  TokenizerFileError,
  TokenizerInputError,
  TokenizerOptionError,
  TokenizerTruncationError,
  toCodePointOffsets,
  tokenizerLogging,
} from "../../src/tokenization";
import { Tensor } from "../../src/tensor";
import { repoRoot, scratchDir } from "../helpers/paths";
import * as fs from "node:fs";

tokenizerLogging.enabled = false;
const bundled = (name: string) => path.join(repoRoot, "models", name);
let bertPromise: Promise<PreTrainedTokenizer> | null = null;
let gpt2Promise: Promise<PreTrainedTokenizer> | null = null;
const bert = () => (bertPromise ??= AutoTokenizer.from_pretrained(bundled("bert-base-uncased")));
const gpt2 = () => (gpt2Promise ??= AutoTokenizer.from_pretrained(bundled("gpt2")));

test("AutoTokenizer picks the class from tokenizer_config.json, config.json, or the files", async () => {
  assert.ok((await bert()) instanceof BertTokenizer);
  assert.ok((await gpt2()) instanceof GPT2Tokenizer);
  const dir = scratchDir("tokenizer-auto-class");
  fs.copyFileSync(path.join(bundled("bert-base-cased"), "vocab.txt"), path.join(dir, "vocab.txt"));
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "distilbert" }));
  const distil = await AutoTokenizer.from_pretrained(dir);
  assert.ok(distil instanceof DistilBertTokenizer);
  assert.deepEqual(Object.keys(distil("Hi there")), ["input_ids", "attention_mask"]);
  fs.rmSync(path.join(dir, "config.json"));
  const byFiles = await AutoTokenizer.from_pretrained(dir);
  assert.ok(byFiles instanceof BertTokenizer);
  // Without tokenizer_config.json it lowercases (Python's default), so "Hello" is "hello".
  assert.deepEqual(byFiles.tokenize("Hello"), ["hello"]);
  const loaded = await BertTokenizer.from_pretrained(bundled("bert-base-cased"));
  assert.deepEqual(loaded.tokenize("Hello"), ["Hello"]);
});

test("return_tensors: 'pt' gives int64 tensors, with a batch axis for a single text", async () => {
  const tok = await bert();
  const single = tok("Hello world!", { return_tensors: "pt" });
  assert.ok(single.input_ids instanceof Tensor);
  assert.equal(single.input_ids.dtype, "int64");
  assert.deepEqual(single.input_ids.shape, [1, 5]);
  assert.deepEqual(single.input_ids.tolist(), [[101, 7592, 2088, 999, 102]]);
  const batch = tok(["Hello world!", "Hi"], { padding: true, return_tensors: "pt" });
  assert.deepEqual(batch.attention_mask.shape, [2, 5]);
  assert.deepEqual(batch.attention_mask.tolist(), [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 0, 0],
  ]);
  assert.throws(() => tok(["Hello world!", "Hi"], { return_tensors: "pt" }), TokenizerOptionError);
  // Spreading gives just the data, as `**inputs` does in Python.
  assert.deepEqual(Object.keys({ ...batch }), ["input_ids", "token_type_ids", "attention_mask"]);
  assert.ok(batch["input_ids"] === batch.input_ids);
});

test("tokens(), word_ids(), sequence_ids(), char_to_token() and offsets on a pair", async () => {
  const tok = await bert();
  const question = "Who wrote it?";
  const context = "Tolkien wrote The Story.";
  const enc = tok(question, { text_pair: context, return_offsets_mapping: true });
  assert.deepEqual(enc.tokens(), ["[CLS]", "who", "wrote", "it", "?", "[SEP]", "tolkien", "wrote", "the", "story", ".", "[SEP]"]);
  assert.deepEqual(enc.sequence_ids(), [null, 0, 0, 0, 0, null, 1, 1, 1, 1, 1, null]);
  assert.deepEqual(enc.word_ids(), [null, 0, 1, 2, 3, null, 0, 1, 2, 3, 4, null]);
  const start = context.indexOf("Story");
  assert.equal(enc.char_to_token(start, undefined, 1), 9);
  assert.equal(enc.char_to_token(0), 1);
  assert.equal(enc.char_to_token(3), null); // the space between words
  assert.deepEqual(enc.offset_mapping[9], [start, start + 5]);
  assert.deepEqual(enc.word_to_tokens(3, undefined, 1), { start: 9, end: 10 });
  const html = enc._repr_mimebundle_()["text/html"] as string;
  assert.match(html, /<code>story<\/code>/);
  assert.match(html, /attention_mask/);
});

test("overflowing tokens with a stride give overlapping windows, as the fast tokenizers do", async () => {
  const tok = await bert();
  const question = "What is it?";
  const context = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
  const enc = tok(question, {
    text_pair: context,
    truncation: "only_second",
    max_length: 24,
    stride: 4,
    return_overflowing_tokens: true,
    return_offsets_mapping: true,
    padding: "max_length",
  });
  const rows = enc.input_ids as number[][];
  assert.ok(rows.length > 2);
  assert.deepEqual(enc.overflow_to_sample_mapping, new Array(rows.length).fill(0));
  const contextTokens = tok.tokenize(context);
  const windows = rows.map((_, r) => enc.tokens(r).filter((_, k) => enc.sequence_ids(r)[k] === 1));
  for (const row of rows) assert.equal(row.length, 24);
  // Every window after the first starts with the last `stride` tokens of the previous one.
  for (let r = 1; r < windows.length; r++) assert.deepEqual(windows[r].slice(0, 4), windows[r - 1].slice(-4));
  // Together they cover the whole context in order.
  const covered = windows[0].concat(...windows.slice(1).map((w) => w.slice(4)));
  assert.deepEqual(covered, contextTokens);
  // Offsets still point into the context.
  const firstContext = enc.sequence_ids(1).indexOf(1);
  const [s, e] = enc.offset_mapping[1][firstContext];
  assert.equal(tok.tokenize(context.slice(s, e)).join(""), windows[1][0].replace(/^##/, ""));
  // longest_first cuts both sequences of a pair into windows and pairs every window of the first
  // with every window of the second (fast_tokenizer_agreement.test.ts checks the order against Rust).
  const both = tok(context, { text_pair: context, truncation: true, max_length: 24, stride: 4, return_overflowing_tokens: true });
  const firstWindows = new Set((both.input_ids as number[][]).map((_, r) => both.tokens(r).filter((_, k) => both.sequence_ids(r)[k] === 0).join(" ")));
  const secondWindows = new Set((both.input_ids as number[][]).map((_, r) => both.tokens(r).filter((_, k) => both.sequence_ids(r)[k] === 1).join(" ")));
  assert.equal((both.input_ids as number[][]).length, firstWindows.size * secondWindows.size);
  // A stride that leaves no room for new tokens is an error, as in the fast tokenizers.
  assert.throws(() => tok(question, { text_pair: context, truncation: "only_second", max_length: 24, stride: 20, return_overflowing_tokens: true }), TokenizerOptionError);
});

test("pad() pads a list of features for a data collator and keeps other keys", async () => {
  const tok = await bert();
  const features = ["A short one.", "A somewhat longer sentence here."].map((t, i) => ({ ...tok(t), label: i }));
  const batch = tok.pad(features, { return_tensors: "pt" });
  assert.ok(batch instanceof BatchEncoding);
  const ids = batch.input_ids.tolist() as number[][];
  assert.equal(ids[0].length, ids[1].length);
  assert.equal(ids[0][ids[0].length - 1], tok.pad_token_id);
  assert.deepEqual(batch.label.tolist(), [0, 1]);
  assert.deepEqual(batch.attention_mask.tolist()[0], ids[0].map((id) => (id === 0 ? 0 : 1)));
  const multiple = tok.pad(features, { pad_to_multiple_of: 8 });
  assert.equal((multiple.input_ids as number[][])[0].length % 8, 0);
  const left = tok.pad(features, { padding_side: "left" });
  assert.equal((left.input_ids as number[][])[0][0], 0);
  const toMax = tok.pad(features, { padding: "max_length", max_length: 16 });
  assert.equal((toMax.token_type_ids as number[][])[0].length, 16);
});

test("padding options: max_length, pad_to_multiple_of, left padding, return_length", async () => {
  const tok = await gpt2();
  assert.throws(() => tok(["a", "b c"], { padding: true }), /padding token/);
  const padded = await AutoTokenizer.from_pretrained(bundled("gpt2"), { pad_token: "<|endoftext|>", padding_side: "left" });
  const enc = padded(["Hello", "Hello there world"], { padding: true, pad_to_multiple_of: 4, return_length: true });
  assert.deepEqual(enc.input_ids, [
    [50256, 50256, 50256, 15496],
    [50256, 15496, 612, 995],
  ]);
  assert.deepEqual(enc.attention_mask, [
    [0, 0, 0, 1],
    [0, 1, 1, 1],
  ]);
  assert.deepEqual(enc.length, [1, 3]);
  assert.deepEqual(enc.tokens(0), ["<|endoftext|>", "<|endoftext|>", "<|endoftext|>", "Hello"]);
  assert.throws(() => padded(["a"], { padding: "max_length", truncation: true, max_length: 10, pad_to_multiple_of: 4 }), TokenizerOptionError);
});

test("add_tokens and add_special_tokens extend the vocabulary and are kept whole", async () => {
  const tok = await AutoTokenizer.from_pretrained(bundled("bert-base-uncased"));
  const before = tok.__len__();
  assert.equal(tok.add_tokens(["transformerslab", "hello"]), 1); // "hello" is already in the vocabulary
  assert.equal(tok.__len__(), before + 1);
  assert.deepEqual(tok.tokenize("I love TransformersLab!"), ["i", "love", "transformerslab", "!"]);
  const id = tok.convert_tokens_to_ids("transformerslab");
  assert.equal(id, before);
  assert.equal(tok.decode(tok.encode("I love transformerslab")), "[CLS] i love transformerslab [SEP]");
  assert.equal(tok.add_special_tokens({ additional_special_tokens: ["<ent>"] }), 1);
  assert.deepEqual(tok.tokenize("an <ent> here"), ["an", "<ent>", "here"]);
  assert.ok(tok.all_special_tokens.includes("<ent>"));
  assert.equal(tok.decode(tok.encode("an <ent> here"), { skip_special_tokens: true }), "an here");
  const gpt = await AutoTokenizer.from_pretrained(bundled("gpt2"));
  gpt.add_tokens([new AddedToken("<sep>", { lstrip: true })]);
  assert.deepEqual(gpt.tokenize("a <sep>b"), ["a", "<sep>", "b"]);
});

test("is_split_into_words: word ids index the given words", async () => {
  const tok = await bert();
  const words = ["Hugging", "Face", "rocks"];
  const enc = tok(words, { is_split_into_words: true });
  assert.deepEqual(enc.tokens(), ["[CLS]", "hugging", "face", "rocks", "[SEP]"]);
  assert.deepEqual(enc.word_ids(), [null, 0, 1, 2, null]);
  const batch = tok([words, ["Unbelievable"]], { is_split_into_words: true, padding: true });
  const sep = batch.tokens(1).indexOf("[SEP]");
  assert.deepEqual(batch.word_ids(1).slice(0, sep + 1), [null, ...new Array(sep - 1).fill(0), null]);
  assert.equal(batch.tokens(1)[sep + 1], "[PAD]");
  assert.equal(batch.word_ids(1)[sep + 1], null);
  const g = await gpt2();
  assert.deepEqual(g(["Hello", "world"], { is_split_into_words: true }).input_ids, [18435, 995]);
});

test("decode and batch_decode accept tensors and skip special tokens", async () => {
  const tok = await bert();
  const enc = tok(["Hello, world!", "I'm fine."], { padding: true, return_tensors: "pt" });
  // BERT's WordPiece decoder joins ".", ",", "!" and "?" to the word before; the rest of the clean-up
  // (such as "i ' m" → "i'm") runs only when asked for, since transformers 5 defaults it to off.
  assert.deepEqual(tok.batch_decode(enc.input_ids, { skip_special_tokens: true }), ["hello, world!", "i ' m fine."]);
  assert.deepEqual(tok.batch_decode(enc.input_ids, { skip_special_tokens: true, clean_up_tokenization_spaces: true }), ["hello, world!", "i'm fine."]);
  assert.equal(tok.decode(Tensor.from([101, 7592, 102])), "[CLS] hello [SEP]");
  assert.deepEqual(tok.convert_ids_to_tokens([101, 7592, 102], { skip_special_tokens: true }), ["hello"]);
  assert.equal(tok.convert_ids_to_tokens(7592), "hello");
  assert.deepEqual(tok.convert_tokens_to_ids(["hello", "notarealtoken"]), [7592, 100]);
});

test("special-token attributes and ids", async () => {
  const tok = await bert();
  assert.equal(tok.cls_token, "[CLS]");
  assert.equal(tok.cls_token_id, 101);
  assert.equal(tok.sep_token_id, 102);
  assert.equal(tok.pad_token_id, 0);
  assert.equal(tok.mask_token_id, 103);
  assert.equal(tok.unk_token_id, 100);
  assert.equal(tok.bos_token, null);
  assert.deepEqual(tok.all_special_tokens, ["[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"]);
  assert.equal(tok.model_max_length, 512);
  assert.equal(tok.vocab_size, 30522);
  assert.match(String(tok), /BertTokenizer\(name_or_path='.*bert-base-uncased', vocab_size=30522/);
  const g = await gpt2();
  assert.equal(g.eos_token_id, 50256);
  assert.equal(g.pad_token, null);
  assert.equal(g.pad_token_id, null);
});

test("bad input gets clear, typed errors", async () => {
  const tok = await bert();
  assert.throws(() => tok(null as any), (e: Error) => e instanceof TokenizerInputError && /got null/.test(e.message));
  assert.throws(() => tok(["ok", 42 as any]), (e: Error) => e instanceof TokenizerInputError && /text\[1\] must be a string, got number 42/.test(e.message));
  assert.throws(() => tok(["a", "b"], { text_pair: ["c"] }), (e: Error) => e instanceof TokenizerInputError && /does not match/.test(e.message));
  assert.throws(() => tok("a", { text_pair: ["c", "d"] }), TokenizerInputError);
  assert.throws(() => tok("bad \ud800 surrogate"), (e: Error) => e instanceof TokenizerInputError && /lone UTF-16 surrogate/.test(e.message));
  assert.throws(() => tok.tokenize(undefined as any), TokenizerInputError);
  assert.throws(() => tok.decode("101" as any), TokenizerInputError);
  assert.throws(() => tok.decode([[101]] as any), /batch_decode/);
  assert.throws(() => tok("x", { padding: "everything" as any }), TokenizerOptionError);
  assert.throws(() => tok("x", { truncation: "middle" as any }), TokenizerOptionError);
  const empty = scratchDir("tokenizer-missing-files");
  await assert.rejects(AutoTokenizer.from_pretrained(empty), (e: Error) => e instanceof TokenizerFileError && /vocab\.txt/.test(e.message));
  fs.writeFileSync(path.join(empty, "tokenizer_config.json"), '{"tokenizer_class": "BertTokenizer"');
  await assert.rejects(AutoTokenizer.from_pretrained(empty), (e: Error) => e instanceof TokenizerFileError && /not valid JSON/.test(e.message));
  fs.writeFileSync(path.join(empty, "tokenizer_config.json"), '{"tokenizer_class": "GPT2Tokenizer"}');
  await assert.rejects(AutoTokenizer.from_pretrained(empty), (e: Error) => e instanceof TokenizerFileError && /merges\.txt/.test(e.message));
});

test("the pair can be the second argument, as in Python", async () => {
  const tok = await bert();
  const withOption = tok("How old are you?", { text_pair: "I'm 6 years old.", padding: "max_length", max_length: 20 });
  const positional = tok("How old are you?", "I'm 6 years old.", { padding: "max_length", max_length: 20 });
  assert.deepEqual({ ...positional }, { ...withOption });
  const batch = tok(["A first.", "B second."], ["pair one", "pair two"], { padding: true });
  assert.deepEqual(batch.token_type_ids, tok(["A first.", "B second."], { text_pair: ["pair one", "pair two"], padding: true }).token_type_ids);
  assert.deepEqual(tok.encode("a", "b"), [101, 1037, 102, 1038, 102]);
  assert.deepEqual(tok.encode("a", { add_special_tokens: false }), [1037]);
  assert.deepEqual(tok.batch_encode_plus([["a", "b"]]).input_ids, [[101, 1037, 102, 1038, 102]]);
  assert.throws(() => tok("a", "b", { text_pair: "c" }), TokenizerInputError);
  assert.throws(() => tok("a", 3 as any), TokenizerInputError);
});

test("the bundled vocabularies load by their transformers-lab ids, offline", async () => {
  const expected: Record<string, number[]> = {
    "bert-base-uncased": [101, 7592, 2045, 999, 102],
    "bert-base-cased": [101, 8667, 1175, 106, 102],
    gpt2: [15496, 612, 0],
  };
  for (const [name, ids] of Object.entries(expected)) {
    const tok = await AutoTokenizer.from_pretrained(`transformers-lab/${name}`);
    assert.deepEqual(tok("Hello there!").input_ids, ids, name);
    assert.equal(tok.name_or_path, `transformers-lab/${name}`);
  }
});

test("a BatchEncoding prints like Python's dict, and large batches print briefly", async () => {
  const tok = await bert();
  assert.equal(String(tok("Hi")), "{'input_ids': [101,7632,102], 'token_type_ids': [0,0,0], 'attention_mask': [1,1,1]}");
  const big = tok(Array.from({ length: 100 }, (_, i) => `sentence number ${i}`), { padding: true, return_tensors: "pt" });
  const text = String(big);
  assert.match(text, /\.\.\. 92 more rows \.\.\./);
  assert.match(text, /shape=\[100, 5\], dtype=int64/);
  const html = big._repr_mimebundle_()["text/html"] as string;
  assert.equal((html.match(/<table/g) ?? []).length, 4);
  assert.match(html, /96 more rows \(100 in all\)/);
});

test("tokenize takes an optional pair and add_special_tokens, as in Python", async () => {
  const tok = await bert();
  assert.deepEqual(tok.tokenize("Hi there", "you", { add_special_tokens: true }), ["[CLS]", "hi", "there", "[SEP]", "you", "[SEP]"]);
  assert.deepEqual(tok.tokenize("Hi there", { text_pair: "you" }), ["hi", "there", "you"]);
  assert.deepEqual(tok.tokenize("Hi there", { add_special_tokens: true }), ["[CLS]", "hi", "there", "[SEP]"]);
});

test("offsets can be counted in code points, as Python counts them", async () => {
  const text = "I 😀 naïve 🚀s!";
  const pair = "👍🏽 ok";
  for (const tok of [await bert(), await gpt2()]) {
    const utf16 = tok(text, { text_pair: pair, return_offsets_mapping: true });
    const points = tok(text, { text_pair: pair, return_offsets_mapping: "code_points" });
    const sequences = utf16.sequence_ids();
    (points.offset_mapping as [number, number][]).forEach(([start, end], t) => {
      const source = sequences[t] === 1 ? pair : text;
      const [s16, e16] = (utf16.offset_mapping as [number, number][])[t];
      // The same characters, counted in code points.
      assert.deepEqual([start, end], [[...source.slice(0, s16)].length, [...source.slice(0, e16)].length], `token ${t} of ${tok.tokenizer_class}`);
    });
    assert.deepEqual(toCodePointOffsets(text, [[2, 4], [4, 10]]), [[2, 3], [3, 9]]);
  }
  // With is_split_into_words, offsets index into each word.
  const words = (await bert())([["x😀😀", "a.b"]], { is_split_into_words: true, return_offsets_mapping: "code_points" });
  assert.deepEqual(words.offset_mapping, [[[0, 0], [0, 3], [0, 1], [1, 2], [2, 3], [0, 0]]]);
  await assert.rejects(async () => (await bert())(text, { return_offsets_mapping: "bytes" as any }), TokenizerOptionError);
});

test("pair truncation that cannot fit raises a typed error that says what to change", async () => {
  const tok = await bert();
  const short = "Who?";
  const long = "The novel was written by Mary Shelley in 1818 and published anonymously in London.";
  assert.throws(() => tok(short, { text_pair: long, truncation: "only_first", max_length: 8 }), (e: Error) => e instanceof TokenizerTruncationError && /only_second|longest_first/.test(e.message));
  assert.throws(() => tok(long, { text_pair: short, truncation: "only_second", max_length: 8 }), TokenizerTruncationError);
  assert.throws(() => tok(long, { truncation: "only_second", max_length: 8 }), /Second sequence not provided/);
  // longest_first always fits: both halves of the budget.
  assert.deepEqual(tok(long, { text_pair: long, truncation: true, max_length: 9 }).input_ids, [101, 1996, 3117, 2001, 102, 1996, 3117, 2001, 102]);
  // A single example with an empty text_pair is encoded alone, as transformers does.
  assert.deepEqual(tok(short, { text_pair: "" }).input_ids, tok(short).input_ids);
});
