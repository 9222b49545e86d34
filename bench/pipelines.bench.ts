// Pipeline benchmark: sentiment analysis end to end (tokenize → model → softmax) on a BERT-tiny
// sized classifier with the real uncased vocabulary, ours against transformers.js running the
// same weights from our ONNX export, one sentence per call as a student's loop would.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BertConfig, BertForSequenceClassification } from "../src/models";
import { pipeline } from "../src/pipelines";
import { AutoTokenizer } from "../src/tokenization";

const SENTENCES = [
  "I love this wonderful little book.",
  "This was a terrible, painful mistake.",
  "The meeting is on Tuesday.",
  "We are very happy to include pipeline into this course.",
  "The weather in the valley turned cold and grey by the evening.",
  "Nobody expected the committee to approve the budget so quickly.",
  "She walked to the station, bought a ticket, and waited for the last train home.",
  "It is neither good nor bad, just ordinary.",
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeLoop(fn: (text: string) => Promise<unknown>, reps: number): Promise<number> {
  for (const s of SENTENCES) await fn(s); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (const s of SENTENCES) await fn(s);
    times.push((performance.now() - t0) / SENTENCES.length);
  }
  return median(times);
}

export async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-pipeline-bench-"));
  const name = "bert-tiny-clf";
  const dir = path.join(root, name);
  try {
    const config = new BertConfig({
      vocab_size: 30522, hidden_size: 128, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 512,
      id2label: { 0: "NEGATIVE", 1: "POSITIVE" },
    });
    await new BertForSequenceClassification(config).save_pretrained(dir, { onnx: true });
    const vocab = path.join(__dirname, "..", "..", "test", "fixtures", "hf-reference", "tokenizers", "assets", "bert-base-uncased");
    const tokenizer = await AutoTokenizer.from_pretrained(fs.existsSync(vocab) ? vocab : path.resolve("test/fixtures/hf-reference/tokenizers/assets/bert-base-uncased"));
    await tokenizer.save_pretrained(dir);

    const ours = await pipeline("text-classification", { model: dir });
    const oursMs = await timeLoop((s) => ours(s), 5);

    const tjs = await import("@huggingface/transformers");
    tjs.env.allowRemoteModels = false;
    tjs.env.localModelPath = root + path.sep;
    const theirs: any = await tjs.pipeline("text-classification", name, { dtype: "fp32" } as any);
    const theirsMs = await timeLoop((s) => theirs(s), 5);

    // A list of 64 texts at once: ours with batch_size 16, transformers.js with its own batching of a list.
    const many = Array.from({ length: 64 }, (_, i) => SENTENCES[i % SENTENCES.length]);
    const listTime = async (fn: () => Promise<unknown>) => {
      await fn();
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        await fn();
        times.push((performance.now() - t0) / many.length);
      }
      return median(times);
    };
    const oursBatched = await listTime(() => ours(many, { batch_size: 16 }));
    const theirsBatched = await listTime(() => theirs(many));

    // Same weights, same tokenizer: the scores should agree.
    let maxDiff = 0;
    for (const s of SENTENCES) {
      const [a] = await ours(s);
      const [b] = await theirs(s);
      maxDiff = Math.max(maxDiff, a.label === b.label ? Math.abs(a.score - b.score) : 1);
    }
    console.log(
      `text-classification pipeline, bert-tiny, per sentence: ours ${oursMs.toFixed(2)} ms | transformers.js ${theirsMs.toFixed(2)} ms | ratio ${(oursMs / theirsMs).toFixed(2)}× (max score difference ${maxDiff.toExponential(1)})`,
    );
    console.log(
      `text-classification pipeline, bert-tiny, 64 texts in one call: ours (batch_size 16) ${oursBatched.toFixed(2)} ms/text | transformers.js ${theirsBatched.toFixed(2)} ms/text | ratio ${(oursBatched / theirsBatched).toFixed(2)}×`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) main();
