// `tokenizer.backend_tokenizer` piece by piece, as the Hugging Face course (chapter 6) uses it, for
// the bundled BERT (WordPiece) and GPT-2 (byte-level BPE) tokenizers: the course's own examples,
// then the Rust `tokenizers` package (the library behind Python's fast tokenizers) on the Brown
// corpus and on awkward strings.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { AutoTokenizer, PreTrainedTokenizer } from "../../src/tokenization";
import { scratchDir } from "../helpers/paths";
import { brownSentences } from "./brown_corpus";

const { Tokenizer: RustTokenizer } = require("tokenizers") as typeof import("tokenizers");

const load = (name: string) => AutoTokenizer.from_pretrained(`transformers-lab/${name}`);

/** The same tokenizer in the Rust library, from the tokenizer.json ours saves. */
function rustTwin(tokenizer: PreTrainedTokenizer, name: string) {
  const dir = scratchDir(`backend-tokenizer-${name}`);
  tokenizer.save_pretrained(dir);
  return RustTokenizer.fromFile(path.join(dir, "tokenizer.json"));
}

const AWKWARD = [
  "Hello, how are  you?",
  "Héllò hôw are ü?",
  "  leading and trailing spaces  ",
  "tabs\tand\nnewlines\r\nmixed",
  "don't you'll we've I'm she'd they're",
  "price: $3.50 (approx.) — 20% off!!!",
  "中文字符和English混合",
  "naïve café résumé Ångström",
  "control\u0007chars\u0000here",
  "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ",
  "",
];

test("bert-base-uncased: the course's normalize_str and pre_tokenize_str examples", async () => {
  const backend = (await load("bert-base-uncased")).backend_tokenizer;
  assert.equal(backend.normalizer!.normalize_str("Héllò hôw are ü?"), "hello how are u?");
  assert.deepEqual(backend.pre_tokenizer!.pre_tokenize_str("Hello, how are  you?"), [
    ["Hello", [0, 5]], [",", [5, 6]], ["how", [7, 10]], ["are", [11, 14]], ["you", [16, 19]], ["?", [19, 20]],
  ]);
  assert.equal(String(backend.normalizer), "BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)");
});

test("gpt2: the course's pre_tokenize_str example, and no normalizer", async () => {
  const backend = (await load("gpt2")).backend_tokenizer;
  assert.equal(backend.normalizer, null);
  assert.deepEqual(backend.pre_tokenizer!.pre_tokenize_str("Hello, how are  you?"), [
    ["Hello", [0, 5]], [",", [5, 6]], ["Ġhow", [6, 10]], ["Ġare", [10, 14]], ["Ġ", [14, 15]], ["Ġyou", [15, 19]], ["?", [19, 20]],
  ]);
});

test("bert-base-uncased: model, post_processor and decoder one by one", async () => {
  const tokenizer = await load("bert-base-uncased");
  const backend = tokenizer.backend_tokenizer;
  const words = backend.pre_tokenizer!.pre_tokenize_str(backend.normalizer!.normalize_str("Let's test this tokenizer.")).map(([w]) => w);
  assert.deepEqual(words, ["let", "'", "s", "test", "this", "tokenizer", "."]);
  const pieces = backend.model.tokenize("tokenizer");
  assert.deepEqual(pieces.map((t) => t.value), ["token", "##izer"]);
  assert.deepEqual(pieces.map((t) => t.offsets), [[0, 5], [5, 9]]);
  assert.deepEqual(pieces.map((t) => t.id), [tokenizer.convert_tokens_to_ids("token"), tokenizer.convert_tokens_to_ids("##izer")]);
  const tokens = words.flatMap((w) => backend.model.tokenize(w).map((t) => t.value));
  assert.deepEqual(tokens, tokenizer.tokenize("Let's test this tokenizer."));
  assert.equal(backend.post_processor!.num_special_tokens_to_add(false), 2);
  assert.equal(backend.post_processor!.num_special_tokens_to_add(true), 3);
  assert.deepEqual(backend.post_processor!.process(["a"], ["b"]), { tokens: ["[CLS]", "a", "[SEP]", "b", "[SEP]"], type_ids: [0, 0, 0, 1, 1] });
  assert.equal(backend.decoder!.decode(tokens), "let ' s test this tokenizer.");
  const encoding = backend.encode("Let's test this tokenizer.", "on a pair of sentences.");
  assert.deepEqual(encoding.tokens, ["[CLS]", "let", "'", "s", "test", "this", "token", "##izer", ".", "[SEP]", "on", "a", "pair", "of", "sentences", ".", "[SEP]"]);
  assert.deepEqual(encoding.type_ids, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(encoding.offsets.slice(0, 4), [[0, 0], [0, 3], [3, 4], [4, 5]]);
  assert.equal(backend.decode(encoding.ids), "let's test this tokenizer. on a pair of sentences.");
});

test("gpt2: model, post_processor and decoder one by one", async () => {
  const tokenizer = await load("gpt2");
  const backend = tokenizer.backend_tokenizer;
  const words = backend.pre_tokenizer!.pre_tokenize_str("Let's test this tokenizer.").map(([w]) => w);
  assert.deepEqual(words, ["Let", "'s", "Ġtest", "Ġthis", "Ġtokenizer", "."]);
  const tokens = words.flatMap((w) => backend.model.tokenize(w).map((t) => t.value));
  assert.deepEqual(tokens, tokenizer.tokenize("Let's test this tokenizer."));
  assert.deepEqual(tokens, ["Let", "'s", "Ġtest", "Ġthis", "Ġtoken", "izer", "."]);
  assert.deepEqual(backend.model.tokenize("Ġtokenizer").map((t) => t.offsets), [[0, 6], [6, 10]]);
  assert.equal(backend.post_processor!.num_special_tokens_to_add(false), 0);
  assert.equal(backend.decoder!.decode(tokens), "Let's test this tokenizer.");
  assert.deepEqual(backend.encode("Hello world").ids, tokenizer.encode("Hello world"));
});

for (const name of ["bert-base-uncased", "bert-base-cased", "gpt2"]) {
  test(`${name}: normalize_str, pre_tokenize_str and decoder.decode agree with the Rust tokenizers library`, async () => {
    const tokenizer = await load(name);
    const backend = tokenizer.backend_tokenizer;
    const rust = rustTwin(tokenizer, name);
    const texts = [...AWKWARD, ...brownSentences().slice(0, 400)];
    let compared = 0;
    for (const text of texts) {
      const rustNormalizer = rust.getNormalizer();
      assert.equal(backend.normalizer === null, rustNormalizer === null);
      const normalized = backend.normalizer ? backend.normalizer.normalize_str(text) : text;
      if (rustNormalizer) assert.equal(normalized, rustNormalizer.normalizeString(text), `normalize_str(${JSON.stringify(text)})`);
      // Offsets are UTF-16 indices here and code points in Rust: they agree on these texts (no characters beyond U+FFFF).
      assert.deepEqual(backend.pre_tokenizer!.pre_tokenize_str(normalized), rust.getPreTokenizer()!.preTokenizeString(normalized), `pre_tokenize_str(${JSON.stringify(normalized)})`);
      const tokens = tokenizer.tokenize(text);
      assert.equal(backend.decoder!.decode(tokens), rust.getDecoder()!.decode(tokens), `decoder.decode of ${JSON.stringify(text)}`);
      compared++;
    }
    assert.equal(compared, texts.length);
  });
}

test("backend_tokenizer follows added tokens", async () => {
  const tokenizer = await load("bert-base-uncased");
  const before = tokenizer.backend_tokenizer;
  tokenizer.add_tokens(["transformerslab"]);
  const after = tokenizer.backend_tokenizer;
  assert.notEqual(after, before);
  assert.equal(after.token_to_id("transformerslab"), tokenizer.convert_tokens_to_ids("transformerslab"));
  assert.equal(before.token_to_id("transformerslab"), null);
});
