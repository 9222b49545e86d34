// Saving and reloading, compatibility of the saved tokenizer.json with the Rust `tokenizers`
// package, and training new vocabularies on the Brown corpus.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, BertTokenizer, GPT2Tokenizer, PreTrainedTokenizer, tokenizerLogging } from "../../src/tokenization";
import { repoRoot, scratchDir } from "../helpers/paths";
import { brownSentences } from "./brown_corpus";

tokenizerLogging.enabled = false;
const bundled = (name: string) => path.join(repoRoot, "models", name);

const SAMPLE = [
  "Hello, world! It's 2024 and the café's crème brûlée costs €5.",
  "Unbelievably, the tokenizer's offsets agree — even for 東京 and 🤗 emoji.",
  "  Leading spaces,\ttabs\nand newlines.  ",
  "[CLS] literal special tokens [SEP] and <|endoftext|> in text",
];

function filesOf(dir: string): Record<string, Buffer> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

function encodeAll(tok: PreTrainedTokenizer, texts: string[]) {
  const enc = tok(texts, { return_offsets_mapping: true, return_special_tokens_mask: true });
  return { ...enc, tokens: texts.map((_, i) => enc.tokens(i)), words: texts.map((_, i) => enc.word_ids(i)) };
}

for (const name of ["bert-base-uncased", "bert-base-cased", "gpt2"]) {
  test(`${name}: save_pretrained writes the Hub's files and reloads to identical encodings`, async () => {
    const tok = await AutoTokenizer.from_pretrained(bundled(name));
    const dir = scratchDir(`tokenizer-save-${name}`);
    const written = tok.save_pretrained(dir).map((f) => path.basename(f)).sort();
    const expected = name === "gpt2" ? ["merges.txt", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.json"] : ["special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt"];
    assert.deepEqual(written, expected);
    assert.deepEqual(fs.readdirSync(dir).sort(), expected); // no temporary files left behind
    const config = JSON.parse(fs.readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"));
    assert.equal(config.tokenizer_class, name === "gpt2" ? "GPT2Tokenizer" : "BertTokenizer");
    assert.equal(config.model_max_length, tok.model_max_length);
    if (name !== "gpt2") {
      assert.equal(config.do_lower_case, name === "bert-base-uncased");
      assert.deepEqual(fs.readFileSync(path.join(dir, "vocab.txt")), fs.readFileSync(path.join(bundled(name), "vocab.txt")));
    } else {
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf8")), JSON.parse(fs.readFileSync(path.join(bundled(name), "vocab.json"), "utf8")));
      assert.deepEqual(fs.readFileSync(path.join(dir, "merges.txt"), "utf8"), fs.readFileSync(path.join(bundled(name), "merges.txt"), "utf8"));
    }
    const reloaded = await AutoTokenizer.from_pretrained(dir);
    assert.deepEqual(encodeAll(reloaded, SAMPLE), encodeAll(tok, SAMPLE));
    // tokenizer.json alone is enough.
    const onlyJson = scratchDir(`tokenizer-json-only-${name}`);
    for (const f of ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]) fs.copyFileSync(path.join(dir, f), path.join(onlyJson, f));
    assert.deepEqual(encodeAll(await AutoTokenizer.from_pretrained(onlyJson), SAMPLE), encodeAll(tok, SAMPLE));
  });

  test(`${name}: the saved tokenizer.json gives the same ids in the Rust tokenizers package`, async () => {
    const tok = await AutoTokenizer.from_pretrained(bundled(name));
    const dir = scratchDir(`tokenizer-rust-${name}`);
    tok.save_pretrained(dir);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Tokenizer } = require("tokenizers") as typeof import("tokenizers");
    const rust = Tokenizer.fromFile(path.join(dir, "tokenizer.json"));
    const sentences = brownSentences().slice(0, 2000).concat(SAMPLE.slice(0, 2));
    const encodings = await rust.encodeBatch(sentences);
    const ours = tok(sentences).input_ids as number[][];
    sentences.forEach((s, i) => assert.deepEqual(ours[i], encodings[i].getIds(), s));
  });
}

test("train_new_from_iterator: WordPiece on the Brown corpus is deterministic and saves/reloads identically", async () => {
  const base = await BertTokenizer.from_pretrained(bundled("bert-base-uncased"));
  const corpus = brownSentences();
  // Batches of 1,000 texts, the way the Hugging Face course feeds a corpus.
  const batches = function* () {
    for (let i = 0; i < corpus.length; i += 1000) yield corpus.slice(i, i + 1000);
  };
  const trained = base.train_new_from_iterator(batches(), 3000);
  assert.ok(trained instanceof BertTokenizer);
  assert.equal(trained.vocab_size, 3000);
  assert.deepEqual(trained.convert_ids_to_tokens([0, 1, 2, 3, 4]), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
  const tokens = trained.tokenize("The jury said it did find that many of Georgia's registration laws are outmoded.");
  assert.ok(tokens.includes("the") && tokens.includes("said") && tokens.includes("##ry"), tokens.join(" "));
  assert.ok(tokens.length < 30);
  const dirA = scratchDir("tokenizer-trained-wordpiece-a");
  const dirB = scratchDir("tokenizer-trained-wordpiece-b");
  trained.save_pretrained(dirA);
  base.train_new_from_iterator(batches(), 3000).save_pretrained(dirB);
  assert.deepEqual(filesOf(dirA), filesOf(dirB));
  const reloaded = await AutoTokenizer.from_pretrained(dirA);
  const check = corpus.slice(0, 3000);
  assert.deepEqual(reloaded(check).input_ids, trained(check).input_ids);
});

test("train_new_from_iterator: byte-level BPE on the Brown corpus is deterministic and saves/reloads identically", async () => {
  const base = await GPT2Tokenizer.from_pretrained(bundled("gpt2"));
  const corpus = brownSentences();
  const trained = base.train_new_from_iterator(corpus, 2000);
  assert.equal(trained.vocab_size, 2000);
  assert.equal(trained.convert_ids_to_tokens(0), "<|endoftext|>");
  assert.equal(trained.eos_token_id, 0);
  const text = "The jury praised the administration and operation of the Atlanta Police Department.";
  const ids = trained.encode(text);
  assert.equal(trained.decode(ids), text);
  // Any text, even one with unseen characters, round-trips: every byte is in the alphabet.
  assert.equal(trained.decode(trained.encode("naïve 東京 🤗")), "naïve 東京 🤗");
  const dirA = scratchDir("tokenizer-trained-bpe-a");
  const dirB = scratchDir("tokenizer-trained-bpe-b");
  trained.save_pretrained(dirA);
  base.train_new_from_iterator(corpus, 2000).save_pretrained(dirB);
  assert.deepEqual(filesOf(dirA), filesOf(dirB));
  const reloaded = await AutoTokenizer.from_pretrained(dirA);
  const check = corpus.slice(0, 3000);
  assert.deepEqual(reloaded(check).input_ids, trained(check).input_ids);
  // The Rust package reads the trained tokenizer.json and agrees.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Tokenizer } = require("tokenizers") as typeof import("tokenizers");
  const rust = Tokenizer.fromFile(path.join(dirA, "tokenizer.json"));
  const rustIds = (await rust.encodeBatch(check.slice(0, 500))).map((e) => e.getIds());
  assert.deepEqual(trained(check.slice(0, 500)).input_ids, rustIds);
});

test("added tokens keep their ids and roles through save_pretrained", async () => {
  const tok = await AutoTokenizer.from_pretrained(bundled("bert-base-uncased"));
  // Special first: the Rust package re-adds special tokens before the others when it loads.
  tok.add_special_tokens({ additional_special_tokens: ["<ent>"] });
  tok.add_tokens(["newword", "anotherone"]);
  const dir = scratchDir("tokenizer-added-tokens");
  tok.save_pretrained(dir);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "added_tokens.json"), "utf8")), { "<ent>": 30522, newword: 30523, anotherone: 30524 });
  const reloaded = await AutoTokenizer.from_pretrained(dir);
  assert.equal(reloaded.__len__(), 30525);
  assert.deepEqual(reloaded.additional_special_tokens, ["<ent>"]);
  const text = "a newword and <ent> anotherone";
  assert.deepEqual(reloaded(text).input_ids, tok(text).input_ids);
  assert.equal(reloaded.decode(reloaded(text).input_ids as number[], { skip_special_tokens: true }), "a newword and anotherone");
  // The Rust package reads the same added tokens.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Tokenizer } = require("tokenizers") as typeof import("tokenizers");
  const rust = Tokenizer.fromFile(path.join(dir, "tokenizer.json"));
  assert.deepEqual((await rust.encode(text)).getIds(), tok(text).input_ids);
});
