// Learning a BPE vocabulary from word counts, the way the Hugging Face `tokenizers` trainers do:
// start from single characters, then repeatedly merge the most frequent adjacent pair into a new
// token until the vocabulary is full. WordPiece vocabularies are learned the same way, with "##"
// marking the symbols that continue a word.
import { throwIfInterrupted } from "../utils/cancellation";

export interface BpeTrainerOptions {
  vocab_size: number;
  /** Tokens that get the first ids, in this order. */
  special_tokens: string[];
  /** Characters always in the vocabulary, even if unseen (byte-level BPE: all 256 byte characters). */
  initial_alphabet?: string[];
  /** Pairs seen fewer times than this are never merged. */
  min_frequency?: number;
  /** Prefix of symbols that continue a word ("##" for WordPiece); none for byte-level BPE. */
  continuing_subword_prefix?: string;
}

export interface BpeTrainingResult {
  vocab: Map<string, number>;
  merges: [string, string][];
}

/**
 * A max-heap of candidate merges: the highest count first; equal counts go to the pair whose
 * (left id, right id) is smaller, which makes training deterministic.
 */
class MergeQueue {
  private items: { left: number; right: number; count: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i];
    const b = this.items[j];
    if (a.count !== b.count) return a.count > b.count;
    if (a.left !== b.left) return a.left < b.left;
    return a.right < b.right;
  }

  private swap(i: number, j: number): void {
    const t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
  }

  push(left: number, right: number, count: number): void {
    this.items.push({ left, right, count });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { left: number; right: number; count: number } | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.items.length && this.before(l, best)) best = l;
        if (r < this.items.length && this.before(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/** Pair (left id, right id) as one number key; ids stay below 2^21. */
const pairKey = (left: number, right: number) => left * 2097152 + right;

/**
 * Trains BPE on `wordCounts` (word → how often it occurs, words already normalized and
 * pre-tokenized). The result is deterministic: the same counts always give the same vocabulary.
 */
export function trainBpe(wordCounts: Map<string, number>, options: BpeTrainerOptions): BpeTrainingResult {
  const prefix = options.continuing_subword_prefix ?? "";
  const minFrequency = options.min_frequency ?? 0;
  const vocab = new Map<string, number>();
  const tokens: string[] = [];
  const addToken = (token: string): number => {
    let id = vocab.get(token);
    if (id === undefined) {
      id = tokens.length;
      vocab.set(token, id);
      tokens.push(token);
    }
    return id;
  };
  for (const token of options.special_tokens) addToken(token);

  // The alphabet: every character seen, plus the initial alphabet, in code point order.
  const alphabet = new Set<string>(options.initial_alphabet ?? []);
  for (const word of wordCounts.keys()) for (const ch of word) alphabet.add(ch);
  for (const ch of [...alphabet].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)) addToken(ch);

  // Each distinct word as a list of symbol ids; continuing symbols carry the prefix.
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [word, count] of wordCounts) {
    const symbols: number[] = [];
    let first = true;
    for (const ch of word) {
      symbols.push(addToken(first || !prefix ? ch : prefix + ch));
      first = false;
    }
    words.push(symbols);
    counts.push(count);
  }

  // How often each adjacent pair occurs, and in which words.
  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPair = (left: number, right: number, wordIndex: number, delta: number) => {
    const key = pairKey(left, right);
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + delta);
    if (delta > 0) {
      let where = pairWords.get(key);
      if (!where) pairWords.set(key, (where = new Set()));
      where.add(wordIndex);
    }
  };
  words.forEach((symbols, w) => {
    for (let i = 0; i + 1 < symbols.length; i++) addPair(symbols[i], symbols[i + 1], w, counts[w]);
  });
  const queue = new MergeQueue();
  for (const [key, count] of pairCounts) if (count > 0) queue.push(Math.floor(key / 2097152), key % 2097152, count);

  const merges: [string, string][] = [];
  let steps = 0;
  while (tokens.length < options.vocab_size && queue.size > 0) {
    if (++steps % 256 === 0) throwIfInterrupted();
    const top = queue.pop()!;
    const key = pairKey(top.left, top.right);
    const current = pairCounts.get(key) ?? 0;
    if (current !== top.count) {
      // Stale entry: the pair's count changed since it was queued. Re-queue with the real count.
      if (current > 0) queue.push(top.left, top.right, current);
      continue;
    }
    if (current <= 0 || current < minFrequency) break;

    const leftToken = tokens[top.left];
    const rightToken = tokens[top.right];
    const rightPart = prefix && rightToken.startsWith(prefix) ? rightToken.slice(prefix.length) : rightToken;
    const merged = addToken(leftToken + rightPart);
    merges.push([leftToken, rightToken]);

    const touched = new Set<number>();
    const where = [...(pairWords.get(key) ?? [])].sort((a, b) => a - b);
    for (const w of where) {
      const symbols = words[w];
      const count = counts[w];
      let i = 0;
      while (i + 1 < symbols.length) {
        if (symbols[i] !== top.left || symbols[i + 1] !== top.right) {
          i++;
          continue;
        }
        // Replace the pair at i by the merged token, moving the neighbouring pairs' counts.
        if (i > 0) {
          addPair(symbols[i - 1], top.left, w, -count);
          addPair(symbols[i - 1], merged, w, count);
          touched.add(pairKey(symbols[i - 1], merged));
        }
        if (i + 2 < symbols.length) {
          addPair(top.right, symbols[i + 2], w, -count);
          addPair(merged, symbols[i + 2], w, count);
          touched.add(pairKey(merged, symbols[i + 2]));
        }
        addPair(top.left, top.right, w, -count);
        symbols.splice(i, 2, merged);
        i++;
      }
    }
    pairCounts.delete(key);
    pairWords.delete(key);
    for (const k of [...touched].sort((a, b) => a - b)) {
      const count = pairCounts.get(k) ?? 0;
      if (count > 0) queue.push(Math.floor(k / 2097152), k % 2097152, count);
    }
  }
  return { vocab, merges };
}
