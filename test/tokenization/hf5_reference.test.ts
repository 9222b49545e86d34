// Every case of the transformers 5.18 (fast tokenizer) fixtures: pairs under every truncation
// strategy, overflowing windows with a stride, strides too large, padded pair batches, decode and
// batch_decode spacing. Overflowing windows follow tokenizers <= 0.22: a case marked
// `known_regression` is checked against its `expected_v022` windows, and a case whose 0.22 windows
// were not rebuilt (`v022_reconstructed: false`) against the Rust tokenizers package run the 0.22
// way (see rust_tokenizer_worker.ts), since its `expected` holds what 0.23.2 wrongly returned.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, PreTrainedTokenizer, TokenizerOptionError, TokenizerTruncationError, tokenizerLogging } from "../../src/tokenization";
import { hf5Reference, repoRoot } from "../helpers/paths";
import { RustCase, isError, runRust } from "../helpers/rust_reference";

const fixtureDir = path.join(hf5Reference, "tokenizers");
const FILES = fs.readdirSync(fixtureDir).filter((f) => f.endsWith(".json")).sort();

tokenizerLogging.enabled = false;

interface Fixture {
  meta: { tokenizer: string; vocab_size: number; len: number; model_max_length: number; special_tokens_map: Record<string, string>; all_special_ids: number[]; setup: Record<string, string> };
  records: FixtureRecord[];
}

interface FixtureRecord {
  id: string;
  feature: string;
  text?: string | string[];
  text_pair?: string | string[];
  ids?: number[] | number[][];
  options: Record<string, unknown>;
  expected: any;
  known_regression?: boolean;
  expected_v022?: any;
  v022_reconstructed?: boolean;
}

/** The bundled tokenizer folder a fixture file was generated from (`models/<name>`). */
function folderOf(fixture: Fixture): string {
  return path.join(repoRoot, "models", fixture.meta.tokenizer);
}

async function tokenizerFor(fixture: Fixture): Promise<PreTrainedTokenizer> {
  const tok = await AutoTokenizer.from_pretrained(folderOf(fixture));
  for (const [key, value] of Object.entries(fixture.meta.setup ?? {})) (tok as any)[key] = value;
  return tok;
}

function rustCaseOf(r: FixtureRecord): RustCase {
  if (r.feature === "decode") return { kind: "decode", ids: r.ids as number[], options: r.options };
  if (r.feature === "batch_decode") return { kind: "batch_decode", ids: r.ids as number[][], options: r.options };
  return { kind: "call", text: r.text!, text_pair: r.text_pair, options: r.options };
}

/** What the SDK gives for a record: the encoding's keys, the decoded text(s), or the error it threw. */
function run(tok: PreTrainedTokenizer, r: FixtureRecord): unknown {
  try {
    if (r.feature === "decode") return tok.decode(r.ids as number[], r.options);
    if (r.feature === "batch_decode") return tok.batch_decode(r.ids as number[][], r.options);
    const options = { ...r.options, ...(r.text_pair !== undefined ? { text_pair: r.text_pair } : {}) };
    return { ...tok(r.text!, options) };
  } catch (error) {
    return { thrown: error };
  }
}

/**
 * The error the SDK throws for a failure of the fast tokenizers: a truncation error ("Truncation
 * error: …", Python's Exception) or a bad stride (a Rust panic, or transformers' ValueError).
 */
function assertSameFailure(got: unknown, failure: string, where: string): void {
  const thrown = (got as { thrown?: unknown }).thrown;
  assert.ok(thrown instanceof Error, `${where}: the reference raised ${failure}, the SDK returned ${JSON.stringify(got).slice(0, 200)}`);
  const expectedClass = failure.includes("Truncation error") ? TokenizerTruncationError : TokenizerOptionError;
  assert.ok(thrown instanceof expectedClass, `${where}: ${failure} should be a ${expectedClass.name}, got ${thrown}`);
}

test("the hf5 reference set holds tokenizer fixtures", () => {
  assert.ok(FILES.length > 0, `no fixture files in ${fixtureDir}`);
});

for (const file of FILES) {
  const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(fixtureDir, file), "utf8"));
  const features = [...new Set(fixture.records.map((r) => r.feature))].sort();

  test(`${file}: tokenizer attributes match transformers 5`, async () => {
    const tok = await tokenizerFor(fixture);
    assert.equal(tok.vocab_size, fixture.meta.vocab_size);
    assert.equal(tok.__len__(), fixture.meta.len);
    assert.equal(tok.model_max_length, fixture.meta.model_max_length);
    assert.deepEqual(tok.special_tokens_map, fixture.meta.special_tokens_map);
    assert.deepEqual(tok.all_special_ids, fixture.meta.all_special_ids);
  });

  for (const feature of features) {
    const records = fixture.records.filter((r) => r.feature === feature);
    test(`${file}: ${records.length} ${feature} cases`, async () => {
      const tok = await tokenizerFor(fixture);
      // Cases whose 0.22 windows the fixture does not give are checked against the Rust package.
      const unreconstructed = records.filter((r) => r.v022_reconstructed === false);
      const rust = unreconstructed.length ? runRust(folderOf(fixture), unreconstructed.map(rustCaseOf), fixture.meta.setup?.pad_token ?? null) : [];
      for (const r of records) {
        const where = `${r.id} ${JSON.stringify(r.options)} ${JSON.stringify(r.text ?? r.ids).slice(0, 60)}`;
        const k = unreconstructed.indexOf(r);
        const expected = k >= 0 ? rust[k] : r.known_regression ? r.expected_v022 : r.expected;
        const got = run(tok, r);
        if (isError(expected)) {
          assertSameFailure(got, expected.error, where);
          continue;
        }
        assert.equal((got as { thrown?: unknown }).thrown, undefined, `${where}: threw ${(got as { thrown?: unknown }).thrown}`);
        if (typeof expected === "string" || Array.isArray(expected)) assert.deepEqual(got, expected, where);
        else {
          assert.deepEqual(Object.keys(got as object).sort(), Object.keys(expected).sort(), `keys of ${where}`);
          for (const key of Object.keys(expected)) assert.deepEqual((got as Record<string, unknown>)[key], expected[key], `${key} of ${where}`);
        }
      }
    });
  }
}
