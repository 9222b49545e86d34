// Every case of the Hugging Face reference fixtures must agree exactly: tokens, ids, masks, decodes,
// pairs, batches and truncation strategies. The fixtures come from transformers 4's slow (Python)
// tokenizers; the SDK follows the fast ones, as transformers 5 does. Where the fast tokenizers give
// something else (decode spacing, and pair truncation that cannot fit, which slow tokenizers only
// logged), the case is slow-only: it is checked against the Rust tokenizers package instead, and
// slow_only_cases.json lists those cases for this repository's fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { AutoTokenizer, BatchEncoding, PreTrainedTokenizer, TokenizerTruncationError, tokenizerLogging } from "../../src/tokenization";
import { hfReference, repoRoot } from "../helpers/paths";
import { CallOptions, RustCase, RustResult, isError, runRust } from "../helpers/rust_reference";

const fixtureDir = path.join(hfReference, "tokenizers");
const ASSETS = fs.readdirSync(path.join(fixtureDir, "assets")).sort((a, b) => b.length - a.length);

/** The tokenizer folder of a fixture file: `gpt2.json` → assets/gpt2; `gpt2.more.json` too. */
function assetsOf(file: string): string {
  const stem = file.replace(/\.json$/, "");
  const found = ASSETS.find((a) => stem === a || stem.startsWith(`${a}.`) || stem.startsWith(`${a}-`) || stem.startsWith(`${a}_`));
  if (!found) throw new Error(`No tokenizer in ${path.join(fixtureDir, "assets")} for ${file}`);
  return found;
}

// Every fixture file, so that added cases run too.
const FILES = fs.readdirSync(fixtureDir).filter((f) => f.endsWith(".json")).sort();

interface Fixture {
  meta: any;
  single: any[];
  pairs: any[];
  batches: any[];
}

function load(file: string): Fixture {
  const f = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), "utf8"));
  return { ...f, single: f.single ?? [], pairs: f.pairs ?? [], batches: f.batches ?? [] };
}

function assetsDir(file: string): string {
  return path.join(fixtureDir, "assets", assetsOf(file));
}

async function tokenizerFor(file: string): Promise<PreTrainedTokenizer> {
  return AutoTokenizer.from_pretrained(assetsDir(file));
}

tokenizerLogging.enabled = false;

/** The slow-only fields found, by file then case id: they must be the ones slow_only_cases.json marks. */
const slowOnly: Record<string, Record<string, string[]>> = {};
const { "//": _about, ...MARKED }: Record<string, Record<string, string[]>> = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "tokenization", "slow_only_cases.json"), "utf8"));

/**
 * Collects the fast tokenizers' answers (from the Rust package) for the fields where slow and fast
 * tokenizers may differ, then gives per field the value to check against: the slow fixture's when
 * both agree, else the fast one, and the field is recorded as slow-only.
 */
class Reference {
  private cases: RustCase[] = [];
  private results: RustResult[] = [];
  constructor(private readonly file: string) {}

  /** Queues a case; returns its index. */
  add(c: RustCase): number {
    return this.cases.push(c) - 1;
  }
  run(folder: string, padToken: string | null): void {
    this.results = runRust(folder, this.cases, padToken);
  }
  expected(index: number, id: string, field: string, slow: unknown): unknown {
    const fast = this.results[index];
    if (isDeepStrictEqual(fast, slow)) return slow;
    ((slowOnly[this.file] ??= {})[id] ??= []).push(field);
    return fast;
  }
}

const decodeFields = [
  ["decode", {}],
  ["decode_skip_special", { skip_special_tokens: true }],
  ["decode_no_cleanup", { clean_up_tokenization_spaces: false }],
] as const;

test("the reference fixtures hold tokenizer cases, each with its tokenizer's files", () => {
  assert.ok(FILES.length > 0, `no fixture files in ${fixtureDir}`);
  for (const file of FILES) assetsOf(file);
});

for (const name of FILES) {
  const fixture = load(name);
  const isBert = assetsOf(name).startsWith("bert");

  test(`${name}: tokenizer attributes match the reference`, async () => {
    const tok = await tokenizerFor(name);
    assert.equal(tok.vocab_size, fixture.meta.vocab_size);
    assert.equal(tok.__len__(), fixture.meta.len);
    assert.equal(tok.model_max_length, fixture.meta.model_max_length);
    assert.equal(tok.padding_side, fixture.meta.padding_side);
    assert.deepEqual(tok.special_tokens_map, fixture.meta.special_tokens_map);
    assert.deepEqual(tok.all_special_ids, fixture.meta.all_special_ids);
  });

  test(`${name}: ${fixture.single.length} single texts`, async () => {
    const tok = await tokenizerFor(name);
    const reference = new Reference(name);
    const decodes = fixture.single.map((c) => decodeFields.map(([, options]) => reference.add({ kind: "decode", ids: c.input_ids, options })));
    reference.run(assetsDir(name), null);
    fixture.single.forEach((c, i) => {
      const where = `${c.id} ${JSON.stringify(c.text).slice(0, 60)}`;
      assert.deepEqual(tok.tokenize(c.text), c.tokens, `tokens of ${where}`);
      const enc = tok(c.text, { return_special_tokens_mask: true });
      assert.deepEqual(enc.input_ids, c.input_ids, `input_ids of ${where}`);
      if (isBert) assert.deepEqual(enc.token_type_ids, c.token_type_ids, `token_type_ids of ${where}`);
      else assert.equal(enc.token_type_ids, undefined);
      assert.deepEqual(enc.attention_mask, c.attention_mask, `attention_mask of ${where}`);
      assert.deepEqual(enc.special_tokens_mask, c.special_tokens_mask, `special_tokens_mask of ${where}`);
      assert.deepEqual(tok.encode(c.text, { add_special_tokens: false }), c.input_ids_no_special, `no-special ids of ${where}`);
      assert.deepEqual(tok.convert_ids_to_tokens(c.input_ids), c.convert_ids_to_tokens, `convert_ids_to_tokens of ${where}`);
      decodeFields.forEach(([field, options], k) => {
        assert.equal(tok.decode(c.input_ids, options), reference.expected(decodes[i][k], c.id, field, c[field]), `${field} of ${where}`);
      });
    });
  });

  test(`${name}: ${fixture.pairs.length} text pairs`, async () => {
    const tok = await tokenizerFor(name);
    const reference = new Reference(name);
    const decodes = fixture.pairs.map((c) => decodeFields.map(([, options]) => reference.add({ kind: "decode", ids: c.input_ids, options })));
    const calls = fixture.pairs.map((c) => reference.add({ kind: "call", text: c.text, text_pair: c.text_pair, options: { return_special_tokens_mask: true } }));
    reference.run(assetsDir(name), null);
    fixture.pairs.forEach((c, i) => {
      const where = `${c.id} ${JSON.stringify([c.text, c.text_pair]).slice(0, 80)}`;
      assert.deepEqual(tok.tokenize(c.text), c.tokens, `tokens of ${where}`);
      assert.deepEqual(tok.tokenize(c.text_pair), c.tokens_pair, `pair tokens of ${where}`);
      const enc = tok(c.text, { text_pair: c.text_pair, return_special_tokens_mask: true });
      // An empty text_pair: transformers 5 encodes the text alone, slow tokenizers added a second [SEP].
      const keys = ["input_ids", ...(isBert ? ["token_type_ids"] : []), "attention_mask", "special_tokens_mask"];
      const slow = Object.fromEntries(keys.map((key) => [key, c[key]]));
      assert.deepEqual({ ...enc }, reference.expected(calls[i], c.id, "encoding", slow), `encoding of ${where}`);
      assert.deepEqual(tok.encode(c.text, { text_pair: c.text_pair, add_special_tokens: false }), c.input_ids_no_special, `no-special ids of ${where}`);
      assert.deepEqual(tok.convert_ids_to_tokens(c.input_ids), c.convert_ids_to_tokens);
      decodeFields.forEach(([field, options], k) => {
        assert.equal(tok.decode(c.input_ids, options), reference.expected(decodes[i][k], c.id, field, c[field]), `${field} of ${where}`);
      });
    });
  });

  test(`${name}: ${fixture.batches.length} batch calls (padding, truncation strategies, expected failures)`, async () => {
    const tok = await tokenizerFor(name);
    const reference = new Reference(name);
    const padToken = fixture.batches.find((c) => c.call.tokenizer_overrides?.pad_token)?.call.tokenizer_overrides.pad_token ?? null;
    const queued = fixture.batches.map((c) => ({
      call: reference.add({ kind: "call", text: c.call.text, text_pair: c.call.text_pair, options: c.call.kwargs as CallOptions }),
      decode: reference.add({ kind: "batch_decode", ids: c.output.input_ids, options: {} }),
      decodeSkip: reference.add({ kind: "batch_decode", ids: c.output.input_ids, options: { skip_special_tokens: true } }),
    }));
    reference.run(assetsDir(name), padToken);
    fixture.batches.forEach((c, i) => {
      const saved = { ...tok.special_tokens_map };
      for (const [key, value] of Object.entries(c.call.tokenizer_overrides ?? {})) (tok as any)[key] = value;
      const where = `${c.id} ${JSON.stringify(c.call.kwargs)}`;
      const options: Record<string, unknown> = { ...c.call.kwargs };
      if (c.call.text_pair !== null) options.text_pair = c.call.text_pair;
      const output = reference.expected(queued[i].call, c.id, "output", c.output) as Record<string, unknown>;
      if (isError(output)) {
        // Slow tokenizers logged an error and returned the untruncated encoding; fast ones raise.
        assert.throws(() => tok(c.call.text, options), TokenizerTruncationError, where);
      } else {
        const enc: BatchEncoding = tok(c.call.text, options);
        for (const key of Object.keys(output)) assert.deepEqual(enc[key], output[key], `${key} of ${where}`);
        assert.deepEqual(Object.keys(enc).sort(), Object.keys(output).sort(), `keys of ${where}`);
      }
      assert.deepEqual(tok.batch_decode(c.output.input_ids), reference.expected(queued[i].decode, c.id, "decode", c.decode), `decode of ${where}`);
      assert.deepEqual(
        tok.batch_decode(c.output.input_ids, { skip_special_tokens: true }),
        reference.expected(queued[i].decodeSkip, c.id, "decode_skip_special", c.decode_skip_special),
        `decode_skip_special of ${where}`,
      );
      for (const key of Object.keys(c.call.tokenizer_overrides ?? {})) (tok as any)[key] = (saved as any)[key] ?? null;
    });
  });

  test(`${name}: offsets slice the input to each token's text`, async () => {
    const tok = await tokenizerFor(name);
    const texts: string[] = [...fixture.single.map((c) => c.text), ...fixture.pairs.flatMap((c) => [c.text, c.text_pair])];
    for (const text of texts) {
      const enc = tok(text, { return_offsets_mapping: true, add_special_tokens: false });
      const tokens = enc.tokens();
      (enc.offset_mapping as [number, number][]).forEach(([start, end], i) => {
        const where = `token ${i} ${JSON.stringify(tokens[i])} of ${JSON.stringify(text).slice(0, 60)}`;
        assert.ok(start >= 0 && start <= end && end <= text.length, `span [${start}, ${end}) in range for ${where}`);
        const slice = text.slice(start, end);
        if (isBert) {
          if (tokens[i] === "[UNK]" || tok.all_special_tokens.includes(tokens[i])) {
            assert.ok(slice.trim().length > 0, `non-empty span for ${where}`);
            return;
          }
          // The slice, normalized the way the tokenizer normalizes, holds the token's text (all of it,
          // unless normalization turned one character into several, as NFD does to Hangul).
          const piece = tokens[i].replace(/^##/, "");
          const normalized = tok.tokenize(slice).join("").replace(/##/g, "");
          assert.ok(normalized === piece || ([...slice].length === 1 && normalized.includes(piece)), `slice ${JSON.stringify(slice)} for ${where}`);
        } else {
          // A byte-level token's bytes lie inside the UTF-8 bytes of the characters it spans.
          const sliceBytes = Buffer.from(slice, "utf8");
          const bytes = byteLevelBytes(tokens[i]);
          if (tokens[i] === "<|endoftext|>") assert.equal(slice, tokens[i]);
          else assert.ok(sliceBytes.includes(Buffer.from(bytes)), `bytes of ${where} inside ${JSON.stringify(slice)}`);
        }
      });
    }
  });
}

test("the slow-only cases are the ones slow_only_cases.json marks", { skip: process.env.HF_REFERENCE_DIR ? "another fixture set: its slow-only cases were checked against the Rust tokenizers" : false }, () => {
  const sorted = (marks: Record<string, Record<string, string[]>>) =>
    Object.fromEntries(Object.entries(marks).map(([file, cases]) => [file, Object.fromEntries(Object.entries(cases).map(([id, fields]) => [id, [...fields].sort()]))]));
  assert.deepEqual(sorted(slowOnly), sorted(MARKED));
});

function byteLevelBytes(token: string): number[] {
  // GPT-2's byte ↔ character table, inverted.
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table = new Map<string, number>();
  for (const b of printable) table.set(String.fromCharCode(b), b);
  let extra = 0;
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) table.set(String.fromCharCode(256 + extra++), b);
  return [...token].map((ch) => table.get(ch)!);
}
