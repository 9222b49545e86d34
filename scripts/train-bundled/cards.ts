// The `cards` step: measures each trained model on its held-out data, next to the obvious baseline,
// writes its README.md from the training record and the measurements, and refreshes the held-out
// slices in test/fixtures/bundled-quality that the tests measure again.
import * as fs from "node:fs";
import * as path from "node:path";
import { AutoTokenizer, BertForMaskedLM, BertForSequenceClassification, GPT2LMHeadModel, load_dataset, pipeline } from "../../src";
import { afinnGuess, afinnLexicon, brownSentences, holdOut, humanLabelledSplit, spamColumns } from "./data";
import { majorityBaseline } from "./metrics";
import { CardFacts, writeCard } from "./model-card";
import { LogitsModel, accuracy, causalPerplexity, classify, f1, fillMaskTopK, mostFrequent, tokenCounts } from "./quality";
import { RECIPES } from "./recipes";
import { loadRun } from "./runs";
import { StepContext } from "./train";

type Metric = CardFacts["metrics"][number];

/** Where the held-out slices go: small enough for a test to measure in seconds. */
export const SLICES_DIR = path.join(__dirname, "..", "..", "test", "fixtures", "bundled-quality");
export const SLICE_ROWS = { brown: 200, spam: 200, spamChars: 2000 };

function writeSlice(name: string, rows: unknown[]): void {
  fs.mkdirSync(SLICES_DIR, { recursive: true });
  const file = path.join(SLICES_DIR, `${name}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(rows, null, 0).replace(/\},\{/g, "},\n{") + "\n");
  fs.renameSync(`${file}.tmp`, file);
}

type Example = { input: string; output: string };

function card(ctx: StepContext, name: string, metrics: Metric[], examples: Example[]): void {
  writeCard(path.join(ctx.modelsDir, name), { ...loadRun(ctx.modelsDir, name), metrics, examples });
  ctx.log(`${name}: ${metrics.map((m) => `${m.name} ${m.value.toFixed(4)}`).join(", ")}`);
}

const FILL_MASK_EXAMPLES = ["The [MASK] of the United States.", "He opened the [MASK] and went in.", "She was born in [MASK]."];
const GENERATION_EXAMPLES = ["The committee said that", "In the morning the"];
const SPAM_EXAMPLES = ["Meeting moved\nCan we meet at 3pm tomorrow instead? The report is attached.", "FREE OFFER!!!\nClick here to claim your cash prize now, limited time only"];
const SENTIMENT_EXAMPLES = ["The meeting is on Tuesday.", "I love this phone, the battery lasts for days.", "The food was cold and the service was slow.", "The film was not good."];

function labelAndScore(out: unknown): string {
  const [best] = out as { label: string; score: number }[];
  return `${best.label} ${best.score.toFixed(2)}`;
}

/** The answers of the task's pipeline, with its default options, to a few inputs. */
async function examplesOf(task: string, dir: string, inputs: string[], show: (out: unknown) => string, options: Record<string, unknown> = {}): Promise<Example[]> {
  const run = await pipeline(task, { model: dir });
  const out: Example[] = [];
  for (const input of inputs) out.push({ input, output: show(await run(input, options)) });
  return out;
}

/** A saved model folder with its tokenizer and model loaded. */
async function saved(ctx: StepContext, name: string, cls: { from_pretrained(dir: string): Promise<unknown> }) {
  const dir = path.join(ctx.modelsDir, name);
  return { dir, tokenizer: await AutoTokenizer.from_pretrained(dir), model: (await cls.from_pretrained(dir)) as LogitsModel };
}

async function mlmCard(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].mlm;
  const { dir, tokenizer, model } = await saved(ctx, "bert-tiny-brown", BertForMaskedLM);
  const { train, heldOut } = holdOut(brownSentences(), 20);
  const guess = mostFrequent(tokenCounts(tokenizer, train), 5);
  const evalSentences = heldOut.slice(0, r.eval_sentences);
  const top5 = await fillMaskTopK(model, tokenizer, evalSentences, guess, 5, r.max_length);
  const data = `${evalSentences.length} held-out Brown sentences (every 20th sentence), every 7th token masked: ${top5.model.n} masks`;
  writeSlice("brown-heldout", evalSentences.slice(0, SLICE_ROWS.brown));
  card(ctx, "bert-tiny-brown", [
    { name: "top-5 accuracy", type: "accuracy", value: top5.model.value, split: data, note: "the hidden token is among the five highest-scoring tokens" },
    { name: "unigram top-5 baseline", type: "accuracy", value: top5.baseline.value, split: "same", note: `always guessing the five most frequent training tokens: ${tokenizer.convert_ids_to_tokens(guess).join(" ")}` },
  ], await examplesOf("fill-mask", dir, FILL_MASK_EXAMPLES, (out) => (out as { token_str: string }[]).map((c) => c.token_str).join(" · ")));
}

async function gpt2Card(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].gpt2;
  const { dir, tokenizer, model } = await saved(ctx, "gpt2-tiny-brown", GPT2LMHeadModel);
  const { train, heldOut } = holdOut(brownSentences(), 20);
  const evalSentences = heldOut.slice(0, r.eval_sentences);
  const ppl = await causalPerplexity(model, tokenizer, evalSentences, tokenCounts(tokenizer, train, true), r.max_length);
  writeSlice("brown-heldout", heldOut.slice(0, SLICE_ROWS.brown));
  card(ctx, "gpt2-tiny-brown", [
    { name: "perplexity", type: "perplexity", value: ppl.model.value, split: `${evalSentences.length} held-out Brown sentences (every 20th sentence), each followed by <|endoftext|>: ${ppl.model.tokens} predicted tokens`, note: `per token of the ${tokenizer.vocab_size}-token Brown BPE vocabulary` },
    { name: "unigram perplexity baseline", type: "perplexity", value: ppl.baseline.value, split: "same", note: "token frequencies of the training sentences, add-one smoothed" },
  ], await examplesOf("text-generation", dir, GENERATION_EXAMPLES, (out) => (out as { generated_text: string }[])[0].generated_text, { max_new_tokens: 20 }));
}

async function spamCard(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].spam;
  const { dir, tokenizer, model } = await saved(ctx, "bert-tiny-spam", BertForSequenceClassification);
  const test = spamColumns(load_dataset("spam_assassin").test);
  const predicted = await classify(model, tokenizer, test.text, r.max_length);
  const spamShare = test.label.filter((l) => l === 1).length / test.label.length;
  writeSlice("spam-test", test.text.slice(0, SLICE_ROWS.spam).map((text, i) => ({ text: text.slice(0, SLICE_ROWS.spamChars), label: test.label[i] })));
  card(ctx, "bert-tiny-spam", [
    { name: "spam F1", type: "f1", value: f1(predicted, test.label), split: `test split (${test.text.length} e-mails, every fifth message)` },
    { name: "always-spam F1 baseline", type: "f1", value: (2 * spamShare) / (1 + spamShare), split: "same", note: "the best F1 a constant answer reaches" },
    { name: "accuracy", type: "accuracy", value: accuracy(predicted, test.label).value, split: "same" },
    { name: "majority-class baseline", type: "accuracy", value: majorityBaseline(test.label), split: "same", note: "always answering ham" },
  ], await examplesOf("text-classification", dir, SPAM_EXAMPLES, labelAndScore));
}

async function sentimentCard(ctx: StepContext): Promise<void> {
  const r = RECIPES[ctx.preset].sentiment;
  const { dir, tokenizer, model } = await saved(ctx, "bert-tiny-sentiment", BertForSequenceClassification);
  const heldOut = humanLabelledSplit().heldOut;
  const labels = heldOut.map((s) => s.label);
  const predicted = await classify(model, tokenizer, heldOut.map((s) => s.text), r.max_length);
  const lexicon = await afinnLexicon();
  const data = `${heldOut.length} held-out human-labelled review sentences (every fifth of each source: Amazon, IMDb, Yelp)`;
  writeSlice("sentiment-heldout", heldOut);
  card(ctx, "bert-tiny-sentiment", [
    { name: "accuracy", type: "accuracy", value: accuracy(predicted, labels).value, split: data, note: "labels given by people" },
    { name: "majority-class baseline", type: "accuracy", value: majorityBaseline(labels), split: "same" },
    { name: "AFINN-165 word-sum baseline", type: "accuracy", value: accuracy(heldOut.map((s) => afinnGuess(s.text, lexicon)), labels).value, split: "same", note: "POSITIVE when the word valences sum above zero" },
  ], await examplesOf("sentiment-analysis", dir, SENTIMENT_EXAMPLES, labelAndScore));
}

const CARDS: Record<string, (ctx: StepContext) => Promise<void>> = {
  "bert-tiny-brown": mlmCard,
  "gpt2-tiny-brown": gpt2Card,
  "bert-tiny-spam": spamCard,
  "bert-tiny-sentiment": sentimentCard,
};

/** Writes the cards of `names` (default: all four bundled models). */
export async function writeCards(ctx: StepContext, names: string[] = Object.keys(CARDS)): Promise<void> {
  for (const name of names) {
    if (!(name in CARDS)) throw new Error(`No card step for "${name}". Models: ${Object.keys(CARDS).join(", ")}.`);
    await CARDS[name](ctx);
  }
}
