// On generated texts, the SDK gives what the Rust tokenizers package (the library behind Python's
// fast tokenizers) gives when driven as transformers 5 drives it: pairs under every truncation
// strategy and side, overflowing windows with strides (as tokenizers <= 0.22 cut them), strides
// too large, sequences too short to truncate, padding, and decode / batch_decode spacing.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { AutoTokenizer, PreTrainedTokenizer, TokenizerOptionError, TokenizerTruncationError, tokenizerLogging } from "../../src/tokenization";
import { Generator } from "../../src/utils/random";
import { repoRoot } from "../helpers/paths";
import { CallOptions, RustCase, RustResult, isError, runRust } from "../helpers/rust_reference";
import { brownSentences } from "./brown_corpus";

tokenizerLogging.enabled = false;

/** Pieces that stress truncation and decoding: punctuation, contractions, astral characters, written special tokens. */
const PIECES = ["don't", "it's", "U.S.A.", "Café", "naïve", "😀", "👍🏽", "東京", "안녕", " ,", " .", "?", "!", "'", "  ", "\t", "[SEP]", "[CLS]", "<|endoftext|>", "do not", "...", "x" + "y".repeat(120)];

function textMaker(seed: number) {
  const g = new Generator(seed);
  const sentences = brownSentences().slice(0, 4000);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(g.uniform() * xs.length)];
  const int = (low: number, high: number) => low + Math.floor(g.uniform() * (high - low + 1));
  const text = (): string => {
    const words = pick(sentences).split(" ").slice(0, int(0, 45));
    for (let k = int(0, 3); k > 0; k--) words.splice(int(0, words.length), 0, pick(PIECES));
    return words.join(g.uniform() < 0.2 ? "  " : " ");
  };
  return { g, pick, int, text };
}

/** Calls with every truncation strategy, a range of max_length and stride values, both sides. */
function callCases(seed: number, count: number): { case: Extract<RustCase, { kind: "call" }>; side: "left" | "right" }[] {
  const { g, pick, int, text } = textMaker(seed);
  const cases: { case: Extract<RustCase, { kind: "call" }>; side: "left" | "right" }[] = [];
  for (let i = 0; i < count; i++) {
    const overflow = g.uniform() < 0.5;
    const options: CallOptions = {
      truncation: pick([true, "longest_first", "only_first", "only_second"] as const),
      max_length: pick([8, 12, 16, 64, int(1, 40)]),
      stride: pick([0, 2, 2, 2, int(0, 8)]),
      return_overflowing_tokens: overflow,
    };
    if (g.uniform() < 0.2) options.padding = pick([true, "max_length"] as const);
    if (g.uniform() < 0.1) options.add_special_tokens = false;
    const side = g.uniform() < 0.25 ? "left" : "right";
    const batch = g.uniform() < 0.15;
    const pair = g.uniform() < 0.8;
    const one = () => (batch ? [text(), text(), text()] : text());
    cases.push({ case: { kind: "call", text: one(), text_pair: pair ? one() : null, options: { ...options, truncation_side: side } }, side });
  }
  return cases;
}

function decodeCases(tok: PreTrainedTokenizer, seed: number, count: number): Extract<RustCase, { kind: "decode" }>[] {
  const { pick, text, int } = textMaker(seed);
  const special = tok.all_special_ids;
  return Array.from({ length: count }, () => {
    const ids = tok.encode(text(), { text_pair: text() }) as number[];
    for (let k = int(0, 2); k > 0; k--) ids.splice(int(0, ids.length), 0, pick(special));
    return { kind: "decode" as const, ids, options: { skip_special_tokens: pick([false, true]), clean_up_tokenization_spaces: pick([undefined, false, true]) } };
  });
}

function ours(tok: PreTrainedTokenizer, c: RustCase, side: "left" | "right" = "right"): unknown {
  try {
    if (c.kind === "decode") return tok.decode(c.ids, c.options);
    if (c.kind === "batch_decode") return tok.batch_decode(c.ids, c.options);
    tok.truncation_side = side;
    const { truncation_side: _side, ...options } = c.options;
    return { ...tok(c.text, { ...options, text_pair: c.text_pair } as Record<string, unknown>) };
  } catch (error) {
    return { thrown: error };
  }
}

function assertAgrees(got: unknown, expected: RustResult, where: string): void {
  const thrown = (got as { thrown?: unknown }).thrown;
  if (isError(expected)) {
    const expectedClass = expected.error.includes("Truncation error") ? TokenizerTruncationError : TokenizerOptionError;
    assert.ok(thrown instanceof expectedClass, `${where}: Rust failed with "${expected.error}", the SDK gave ${thrown ?? JSON.stringify(got).slice(0, 300)}`);
    return;
  }
  assert.equal(thrown, undefined, `${where}: the SDK threw ${thrown}, Rust gave ${JSON.stringify(expected).slice(0, 300)}`);
  assert.deepEqual(got, expected, where);
}

const TOKENIZERS = ["bert-base-uncased", "bert-base-cased", "gpt2"];

for (const [n, name] of TOKENIZERS.entries()) {
  const folder = path.join(repoRoot, "models", name);
  const padToken = name === "gpt2" ? "<|endoftext|>" : null;

  test(`${name}: truncation, overflowing windows, strides and padding agree with the Rust tokenizers on generated texts`, async (t) => {
    const tok = await AutoTokenizer.from_pretrained(folder);
    if (padToken) tok.pad_token = padToken;
    const cases = callCases(100 + n, 200);
    const expected = runRust(folder, cases.map((c) => c.case), padToken);
    let failures = 0;
    let panics = 0;
    let overflowRows = 0;
    cases.forEach((c, i) => {
      const where = `case ${i} ${JSON.stringify(c.case.options)} ${JSON.stringify([c.case.text, c.case.text_pair]).slice(0, 120)}`;
      const result = expected[i];
      if (isError(result)) (failures++, (panics += Number(result.error.startsWith("panic"))));
      else if (c.case.options.return_overflowing_tokens) overflowRows += (result as { input_ids: unknown[] }).input_ids.length;
      assertAgrees(ours(tok, c.case, c.side), expected[i], where);
    });
    t.diagnostic(`${cases.length} calls: ${failures} fail in Rust (${panics} panics), ${overflowRows} rows with overflowing tokens`);
    // The generated cases reach every outcome, and overflow into many windows.
    assert.ok(failures > 10 && failures < 150 && panics > 0, `${failures} failing cases, ${panics} panics`);
    assert.ok(overflowRows > 200, `${overflowRows} overflowing rows`);
  });

  test(`${name}: decode agrees with the Rust tokenizers and transformers 5's clean-up rule`, async () => {
    const tok = await AutoTokenizer.from_pretrained(folder);
    const cases = decodeCases(tok, 200 + n, 150);
    const batch: RustCase = { kind: "batch_decode", ids: cases.slice(0, 10).map((c) => c.ids), options: { skip_special_tokens: true } };
    const expected = runRust(folder, [...cases, batch]);
    [...cases, batch].forEach((c, i) => assertAgrees(ours(tok, c), expected[i], `case ${i} ${JSON.stringify(c.options)} ${JSON.stringify(c.ids).slice(0, 80)}`));
  });
}

test("a config that sets clean_up_tokenization_spaces makes it the decode default (bert-tiny-brown)", async () => {
  const folder = path.join(repoRoot, "models", "bert-tiny-brown");
  const tok = await AutoTokenizer.from_pretrained(folder);
  assert.equal(tok.clean_up_tokenization_spaces, true);
  const cases = decodeCases(tok, 300, 80);
  const expected = runRust(folder, cases);
  cases.forEach((c, i) => assertAgrees(ours(tok, c), expected[i], `case ${i} ${JSON.stringify(c.options)}`));
});
