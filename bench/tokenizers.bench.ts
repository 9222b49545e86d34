// Tokenizer benchmark: batch-encode Brown corpus sentences with padding and truncation to 128,
// ours against the Rust `tokenizers` package (built from the tokenizer.json we save, so both use
// the same vocabulary) and transformers.js (loaded from the same local files), for WordPiece
// (bert-base-uncased) and byte-level BPE (gpt2). Ids are compared row by row. Times are the best
// of a few rounds (word caches warm); the first round's times are printed too. transformers.js
// drops [SEP] when it truncates, so its truncated rows differ from the Hub's (and ours).
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, PreTrainedTokenizer } from "../src/tokenization";
import { brownSentences } from "../test/tokenization/brown_corpus";

const MAX_LENGTH = 128;
const SIZES = [10_000, 57_340];
const ROUNDS = 2;

const root = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist") dir = path.dirname(dir);
  return dir;
})();

function sameRows(a: number[][], b: number[][]): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.length === y.length && x.every((v, k) => v === y[k])) same++;
  }
  return same;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function benchOne(name: string, kind: string, sentences: string[], workDir: string): Promise<void> {
  const ours: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(path.join(root, "models", name));
  if (ours.pad_token === null) ours.pad_token = ours.eos_token;
  const saved = path.join(workDir, name);
  ours.save_pretrained(saved);

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const rustPackage = require("tokenizers") as typeof import("tokenizers");
  const rust = rustPackage.Tokenizer.fromFile(path.join(saved, "tokenizer.json"));
  rust.setTruncation(MAX_LENGTH);
  rust.setPadding({ padId: ours.pad_token_id!, padToken: ours.pad_token! });

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const transformersJs = require("@huggingface/transformers");
  transformersJs.env.allowRemoteModels = false;
  transformersJs.env.localModelPath = workDir;
  const tjs = await transformersJs.AutoTokenizer.from_pretrained(name, { local_files_only: true });

  for (const size of SIZES) {
    const batch = sentences.slice(0, size);
    const best = { ours: Infinity, rust: Infinity, tjs: Infinity };
    const first = { ours: 0, rust: 0 };
    let oursIds: number[][] = [];
    let rustIds: number[][] = [];
    let tjsIds: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const a = await timed(() => ours(batch, { padding: true, truncation: true, max_length: MAX_LENGTH }));
      best.ours = Math.min(best.ours, a.ms);
      if (round === 0) first.ours = a.ms;
      oursIds = a.value.input_ids as number[][];
      const b = await timed(async () => (await rust.encodeBatch(batch)).map((e) => e.getIds()));
      best.rust = Math.min(best.rust, b.ms);
      if (round === 0) first.rust = b.ms;
      rustIds = b.value;
      const c = await timed(() => tjs(batch, { padding: true, truncation: true, max_length: MAX_LENGTH }));
      best.tjs = Math.min(best.tjs, c.ms);
      tjsIds = c.value.input_ids.tolist().map((row: (number | bigint)[]) => row.map(Number));
    }
    console.log(
      `${kind} (${name}) batch-encode ${size} Brown sentences, pad+truncate ${MAX_LENGTH}: ` +
        `ours ${best.ours.toFixed(0)} ms | Rust tokenizers ${best.rust.toFixed(0)} ms | ratio ${(best.ours / best.rust).toFixed(2)}× | ` +
        `transformers.js ${best.tjs.toFixed(0)} ms (ratio ${(best.ours / best.tjs).toFixed(2)}×) | ` +
        `ids identical to Rust ${sameRows(oursIds, rustIds)}/${size}, to transformers.js ${sameRows(oursIds, tjsIds)}/${size} ` +
        `(best of ${ROUNDS}; first round: ours ${first.ours.toFixed(0)} ms, Rust ${first.rust.toFixed(0)} ms)`,
    );
  }
}

export async function main(): Promise<void> {
  const sentences = brownSentences();
  const workDir = path.join(root, "test-output", "bench-tokenizers");
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  await benchOne("bert-base-uncased", "WordPiece", sentences, workDir);
  await benchOne("gpt2", "byte-level BPE", sentences, workDir);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
