// Runs tokenizer calls through the Rust `tokenizers` package the way transformers 5's fast
// tokenizers drive it, one JSON result per line on stdout. It runs in its own process because a
// Rust panic (e.g. a stride too large for the window) aborts the whole process; rust_reference.ts
// notices that and records the case as an error.
//
// Input on stdin: { folder, pad_token?, cases: RustCase[] }. The tokenizer is built from the
// folder's slow files (vocab.txt, or vocab.json + merges.txt) as transformers 5 converts them.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Encoding, Tokenizer as RustTokenizer, TruncationStrategy } from "tokenizers";
import { clean_up_tokenization } from "../../src/tokenization";
import type { RustCase, RustResult } from "./rust_reference";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Tokenizer } = require("tokenizers") as typeof import("tokenizers");

interface Built {
  rust: RustTokenizer;
  bpe: boolean;
  hasTypeIds: boolean;
  padId: number | null;
  padToken: string | null;
  modelMaxLength: number;
  cleanUp: boolean;
}

function build(folder: string, padToken: string | null): Built {
  const config = JSON.parse(fs.readFileSync(path.join(folder, "tokenizer_config.json"), "utf8"));
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  if (fs.existsSync(path.join(folder, "vocab.txt"))) {
    const vocab: Record<string, number> = {};
    fs.readFileSync(path.join(folder, "vocab.txt"), "utf8").split("\n").forEach((line, i, all) => {
      if (i < all.length - 1 || line !== "") vocab[line.replace(/\r$/, "")] = i;
    });
    const names = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
    const json = {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: names.map((t) => special(t, vocab[t])).sort((a, b) => a.id - b.id),
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: config.do_lower_case ?? true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [
          { SpecialToken: { id: "[CLS]", type_id: 0 } },
          { Sequence: { id: "A", type_id: 0 } },
          { SpecialToken: { id: "[SEP]", type_id: 0 } },
          { Sequence: { id: "B", type_id: 1 } },
          { SpecialToken: { id: "[SEP]", type_id: 1 } },
        ],
        special_tokens: {
          "[CLS]": { id: "[CLS]", ids: [vocab["[CLS]"]], tokens: ["[CLS]"] },
          "[SEP]": { id: "[SEP]", ids: [vocab["[SEP]"]], tokens: ["[SEP]"] },
        },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
    };
    return {
      rust: Tokenizer.fromString(JSON.stringify(json)),
      bpe: false,
      hasTypeIds: true,
      padId: vocab["[PAD]"],
      padToken: "[PAD]",
      modelMaxLength: config.model_max_length,
      cleanUp: config.clean_up_tokenization_spaces ?? false,
    };
  }
  const vocab = JSON.parse(fs.readFileSync(path.join(folder, "vocab.json"), "utf8"));
  const merges = fs
    .readFileSync(path.join(folder, "merges.txt"), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#version"));
  const byteLevel = { type: "ByteLevel", add_prefix_space: config.add_prefix_space ?? false, trim_offsets: true, use_regex: true };
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [special("<|endoftext|>", vocab["<|endoftext|>"])],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { ...byteLevel, trim_offsets: false },
    decoder: byteLevel,
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, byte_fallback: false, vocab, merges },
  };
  return {
    rust: Tokenizer.fromString(JSON.stringify(json)),
    bpe: true,
    hasTypeIds: false,
    padId: padToken === null ? null : vocab[padToken],
    padToken,
    modelMaxLength: config.model_max_length,
    cleanUp: config.clean_up_tokenization_spaces ?? false,
  };
}

// The package's TruncationStrategy is a const enum of these strings.
const STRATEGY = { longest_first: "LongestFirst", only_first: "OnlyFirst", only_second: "OnlySecond" } as unknown as Record<string, TruncationStrategy>;

/** transformers 5's `__call__`: strategies, then the Rust encoder, then the rows (overflowing ones too). */
async function call(t: Built, c: Extract<RustCase, { kind: "call" }>): Promise<RustResult> {
  const o = c.options;
  const batched = Array.isArray(c.text);
  const texts = (batched ? c.text : [c.text]) as string[];
  // transformers: `[(text, text_pair)] if text_pair else [text]` for a single example.
  const pairs = c.text_pair === undefined || c.text_pair === null || (!batched && c.text_pair === "") ? null : ((batched ? c.text_pair : [c.text_pair]) as string[]);
  let truncation: string | null = o.truncation === true ? "longest_first" : o.truncation === false || o.truncation === undefined ? null : (o.truncation as string);
  const padding: string | null = o.padding === true ? "longest" : o.padding === false || o.padding === undefined ? null : (o.padding as string);
  let maxLength = o.max_length ?? null;
  if (maxLength !== null && truncation === null && padding === null) truncation = "longest_first";
  if (maxLength === null && (truncation !== null || padding === "max_length")) maxLength = t.modelMaxLength;
  const addSpecial = o.add_special_tokens ?? true;
  const overflow = o.return_overflowing_tokens ?? false;
  const rust = t.rust;
  rust.disableTruncation();
  rust.disablePadding();
  const truncate = () => rust.setTruncation(maxLength!, { strategy: STRATEGY[truncation!], stride: o.stride ?? 0, direction: o.truncation_side ?? "right" });
  const encodings: Encoding[] = [];
  if (truncation !== null && overflow) {
    // tokenizers 0.23.1-0.23.2 tokenizes only about max_length tokens before truncating, which cuts
    // the overflowing windows short (huggingface/tokenizers#2091). Truncating whole encodings with
    // postProcess runs the truncation and merge code that is unchanged since 0.22.
    const whole: [Encoding, Encoding | null][] = [];
    for (let i = 0; i < texts.length; i++) {
      const a = await rust.encode(texts[i], null, { addSpecialTokens: false });
      whole.push([a, pairs ? await rust.encode(pairs[i], null, { addSpecialTokens: false }) : null]);
    }
    truncate();
    for (const [a, b] of whole) encodings.push(rust.postProcess(a, b, addSpecial));
  } else {
    if (truncation !== null) truncate();
    for (let i = 0; i < texts.length; i++) encodings.push(await rust.encode(texts[i], pairs ? pairs[i] : null, { addSpecialTokens: addSpecial }));
  }
  if (padding !== null) {
    // Rust's pad_encodings: the longest kept row of the batch (or max_length); overflowing rows get the same length.
    const length = padding === "max_length" ? maxLength! : Math.max(...encodings.map((e) => e.getLength()));
    for (const e of encodings) e.pad(length, { padId: t.padId!, padToken: t.padToken!, padTypeId: 0, direction: o.padding_side ?? "right" });
  }
  const rows: Encoding[] = [];
  const sample: number[] = [];
  encodings.forEach((e, i) => {
    for (const row of overflow ? [e, ...e.getOverflowing()] : [e]) (rows.push(row), sample.push(i));
  });
  const out: Record<string, unknown> = { input_ids: rows.map((r) => r.getIds()) };
  // Encoded alone, the second text's tokens carry type id 0; in a pair encoding they carry 1, and
  // its overflowing windows (which the template does not retype) keep that 1.
  const typeIds = (r: Encoding) => {
    const sequences = r.getSequenceIds();
    return r.getTypeIds().map((type, k) => (overflow && pairs && sequences[k] === 1 ? 1 : type));
  };
  if (t.hasTypeIds) out.token_type_ids = rows.map(typeIds);
  out.attention_mask = rows.map((r) => r.getAttentionMask());
  if (o.return_special_tokens_mask) out.special_tokens_mask = rows.map((r) => r.getSpecialTokensMask());
  if (overflow) out.overflow_to_sample_mapping = sample;
  if (!batched && !overflow) for (const key of Object.keys(out)) out[key] = (out[key] as unknown[])[0];
  return out;
}

async function decode(t: Built, ids: number[], options: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean | null }): Promise<string> {
  const text = await t.rust.decode(ids, options.skip_special_tokens ?? false);
  const cleanUp = options.clean_up_tokenization_spaces ?? t.cleanUp;
  // transformers 5 skips the clean-up for BPE models.
  return cleanUp && !t.bpe ? clean_up_tokenization(text) : text;
}

async function main(): Promise<void> {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const t = build(input.folder, input.pad_token ?? null);
  for (const c of input.cases as RustCase[]) {
    let result: RustResult;
    try {
      if (c.kind === "call") result = await call(t, c);
      else if (c.kind === "decode") result = await decode(t, c.ids as number[], c.options);
      else result = await Promise.all((c.ids as number[][]).map((row) => decode(t, row, c.options)));
    } catch (error) {
      result = { error: String((error as Error).message ?? error) };
    }
    fs.writeSync(1, JSON.stringify(result) + "\n");
  }
}

void main();
