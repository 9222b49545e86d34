// Trainer benchmark: training throughput (samples/s) fine-tuning BERT-tiny (L2 H128 A2 FF512,
// vocab 30522) on SpamAssassin e-mails at sequence length 128, against a plain PyTorch loop on the
// same model weights, token ids and labels (Debian python3-torch). The first step (compilation /
// warm-up) is excluded on both sides.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load_dataset, type Dataset } from "../src/datasets";
import { BertConfig, BertForSequenceClassification } from "../src/models";
import { AutoTokenizer } from "../src/tokenization";
import { Trainer, TrainerCallback, TrainingArguments } from "../src/trainer";
import { manual_seed } from "../src/utils/random";
import { threadsLabel } from "./threads";

const PYTHON = "/usr/bin/python3";
const SEQ = 128;
const BATCH = 32;
const EXAMPLES = 32 * 13;
const LR = 5e-5;

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist") dir = path.dirname(dir);
  return dir;
}

export async function main(): Promise<void> {
  const root = repoRoot();
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(root, "test", "fixtures", "hf-reference", "tokenizers", "assets", "bert-base-uncased"));
  const spam = load_dataset("spam_assassin", { split: "train" }) as Dataset;
  const rows = spam.select(Array.from({ length: EXAMPLES }, (_, i) => i * Math.floor(spam.num_rows / EXAMPLES)));
  const data = rows.map((b) => tokenizer(b.text, { truncation: true, max_length: SEQ, padding: "max_length" }), { batched: true, remove_columns: ["text", "subject", "group"] });

  manual_seed(0);
  const config = new BertConfig({ vocab_size: 30522, hidden_size: 128, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 512, num_labels: 2 });
  const model = new BertForSequenceClassification(config);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-trainer-bench-"));
  await model.save_pretrained(path.join(work, "init"));

  // Ours: the Trainer, timed from the end of step 1 to the end of the last step.
  const stamps: number[] = [];
  class Stamp extends TrainerCallback {
    override on_step_end = () => void stamps.push(performance.now());
  }
  const args = new TrainingArguments({ output_dir: path.join(work, "out"), per_device_train_batch_size: BATCH, num_train_epochs: 1, learning_rate: LR, weight_decay: 0.01, save_strategy: "no", logging_steps: 1000, train_sampling_strategy: "sequential", disable_tqdm: true });
  const trainer = new Trainer({ model, args, train_dataset: data, callbacks: [new Stamp()] });
  await trainer.train();
  const ours = (EXAMPLES - BATCH) / ((stamps[stamps.length - 1] - stamps[0]) / 1000);

  // PyTorch: the same initial weights and batches.
  fs.writeFileSync(
    path.join(work, "data.json"),
    JSON.stringify({ config: { ...config.to_dict(), num_labels: 2, hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1 }, input_ids: data.column("input_ids"), attention_mask: data.column("attention_mask"), labels: data.column("label"), batch_size: BATCH, learning_rate: LR }),
  );
  // Debian's PyTorch is slower on two threads than on one on a 2-core machine: run it both ways
  // and compare with its best.
  const threadCounts = [...new Set([os.cpus().length, 1])];
  const runs = threadCounts.map((threads) => ({
    threads,
    r: spawnSync(PYTHON, [path.join(root, "bench", "trainer_pytorch.py"), "bench", path.join(work, "init", "model.safetensors"), path.join(work, "data.json"), String(threads)], { encoding: "utf8" }),
  }));
  fs.rmSync(work, { recursive: true, force: true });
  const label = `bert-tiny fine-tuning (spam_assassin, seq ${SEQ}, batch ${BATCH})`;
  const failed = runs.find(({ r }) => r.status !== 0);
  if (failed) {
    console.log(`${label}: ours ${ours.toFixed(1)} samples/s | PyTorch skipped (${(failed.r.stderr || "").trim().split("\n").pop()})`);
    return;
  }
  const torch = runs.map(({ threads, r }) => ({ threads, rate: (JSON.parse(r.stdout.trim().split("\n").pop()!) as { samples_per_second: number }).samples_per_second }));
  const best = torch.reduce((a, b) => (b.rate > a.rate ? b : a));
  const each = torch.map((t) => `${t.rate.toFixed(1)} samples/s on ${threadsLabel(t.threads)}`).join(", ");
  console.log(`${label}: ours ${ours.toFixed(1)} samples/s | PyTorch ${each} | ratio ${(ours / best.rate).toFixed(2)}× its best`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
