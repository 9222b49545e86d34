// Encoding time grows linearly with the input, and the fast paths agree with the reference
// algorithms they replace.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, PreTrainedTokenizer, tokenizerLogging } from "../../src/tokenization";
import { ByteLevelBPEModel } from "../../src/tokenization/bpe_model";
import { GPT2_SPLIT_PATTERN, toByteLevel } from "../../src/tokenization/byte_level";
import { gpt2PreTokenize } from "../../src/tokenization/gpt2_pre_tokenizer";
import { Word } from "../../src/tokenization/word";
import { repoRoot } from "../helpers/paths";
import { brownSentences } from "./brown_corpus";

tokenizerLogging.enabled = false;
const bundled = (name: string) => path.join(repoRoot, "models", name);

/** A small deterministic generator (mulberry32), so the texts are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vocabulary of 20,000 made-up words (some with accents), the same on every run. */
const WORDS = (() => {
  const next = random(7);
  const letters = "abcdefghijklmnopqrstuvwxyzéü";
  return Array.from({ length: 20_000 }, () => {
    let word = "";
    const n = 2 + Math.floor(next() * 9);
    for (let i = 0; i < n; i++) word += letters[Math.floor(next() * letters.length)];
    return word;
  });
})();

/** `size` characters of made-up words and punctuation, like running text. */
function madeUpText(size: number, seed: number): string {
  const next = random(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = WORDS[Math.floor(next() * WORDS.length)];
    const r = next();
    const part = r < 0.1 ? `${word}, ` : r < 0.15 ? `${word}.\n` : `${word} `;
    parts.push(part);
    length += part.length;
  }
  return parts.join("").slice(0, size);
}

/** CPU time of `fn` in ms (less disturbed than wall time by other processes on the machine). */
function cpuTime(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const MB = 1 << 20;

for (const name of ["bert-base-uncased", "gpt2"]) {
  test(`${name}: encoding 4 MB costs about 4× encoding 1 MB (linear, not quadratic)`, async () => {
    const tok: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(bundled(name));
    const small = madeUpText(MB, 1);
    const large = madeUpText(4 * MB, 2);
    tok(madeUpText(MB, 3)); // warm up the JIT and the word cache
    const smallTime = Math.min(cpuTime(() => tok(small)), cpuTime(() => tok(small)));
    let largeTokens = 0;
    const largeTime = cpuTime(() => (largeTokens = (tok(large).input_ids as number[]).length));
    const smallTokens = (tok(small).input_ids as number[]).length;
    assert.ok(largeTokens > 3.5 * smallTokens && largeTokens < 4.5 * smallTokens);
    // Linear growth gives a ratio near 4 and quadratic near 16; 8 leaves room for noise.
    assert.ok(largeTime / smallTime < 8, `1 MB: ${smallTime.toFixed(0)} ms, 4 MB: ${largeTime.toFixed(0)} ms`);
  });
}

test("a 10 MB string encodes, and one 100 KB word costs about 4× a 25 KB word", async () => {
  const tok = await AutoTokenizer.from_pretrained(bundled("gpt2"));
  const text = madeUpText(10 * MB, 5);
  const ids = tok(text).input_ids as number[];
  assert.ok(ids.length > 2_000_000);
  assert.equal(tok.decode(ids.slice(0, 50)), tok.decode((tok(text.slice(0, 400)).input_ids as number[]).slice(0, 50)));
  const word = (n: number, seed: number) => {
    const next = random(seed);
    let w = "";
    for (let i = 0; i < n; i++) w += "abcdefghij"[Math.floor(next() * 10)];
    return w;
  };
  tok(word(5_000, 6));
  const small = cpuTime(() => tok(word(25_000, 7)));
  const large = cpuTime(() => tok(word(100_000, 8)));
  assert.ok(large / small < 8, `25 KB word: ${small.toFixed(0)} ms, 100 KB word: ${large.toFixed(0)} ms`);
});

test("GPT-2's ASCII scanner splits exactly like GPT-2's regular expression", () => {
  const next = random(42);
  const alphabet = "ab Z09'sdtrevml \t\n\r\x0b\x0c\x1c.,!-";
  for (let trial = 0; trial < 50_000; trial++) {
    let text = "";
    const n = Math.floor(next() * 14);
    for (let i = 0; i < n; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    const words: Word[] = [];
    gpt2PreTokenize(text, 0, words);
    const expected = [...text.matchAll(GPT2_SPLIT_PATTERN)].map((m) => [m[0], m.index]);
    assert.deepEqual(words.map((w) => [w.text, w.start]), expected, JSON.stringify(text));
  }
});

test("BPE merges by integer ranks agree with the library's priority-queue BPE on Brown words", async () => {
  const tok = await AutoTokenizer.from_pretrained(bundled("gpt2"));
  const model = (tok as unknown as { model: ByteLevelBPEModel }).model;
  const words = new Set<string>();
  for (const sentence of brownSentences().slice(0, 3000)) for (const w of sentence.split(" ")) words.add(" " + w);
  for (const w of words) {
    const spelled = toByteLevel(w).text;
    const ours = model.mergeIds(spelled)!.map((id) => model.idToToken[id]);
    assert.deepEqual(ours, model.mergeWithQueue(spelled), w);
  }
});

test("GPT-2 pre-tokenization agrees with Python's regex module on 2,000 random strings", () => {
  // Recorded by fixtures/make_gpt2_split_cases.py with the `regex` module GPT-2 itself uses.
  const file = path.join(repoRoot, "test", "tokenization", "fixtures", "gpt2_split_cases.json");
  const cases: [string, string[]][] = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(cases.length, 2000);
  for (const [text, expected] of cases) {
    const words: Word[] = [];
    gpt2PreTokenize(text, 0, words);
    assert.deepEqual(words.map((w) => w.text), expected, JSON.stringify(text));
  }
});
