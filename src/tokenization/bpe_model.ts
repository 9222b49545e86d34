import { BPE } from "@huggingface/tokenizers";
import { toByteLevel } from "./byte_level";
import { CachedSplit, SplitCache, SubwordModel, TokenSink, pushSplit } from "./subword_model";
import { Word } from "./word";

export interface BPEConfig {
  vocab: Record<string, number>;
  /** Merge rules in priority order, as "left right" strings or [left, right] pairs. */
  merges: (string | [string, string])[];
  unk_token?: string | null;
}

/** Words longer than this (in bytes) are merged with a priority queue rather than by rescanning. */
const LONG_WORD = 128;

/** Pair of token ids as one number key (ids stay below 2^21). */
const pairKey = (left: number, right: number) => left * 2097152 + right;

/**
 * Byte-level BPE: a word is spelled as byte characters, then the highest-priority merge is applied
 * (to every occurrence of that pair, left to right, as GPT-2's own code does) until none is left.
 * Merges are looked up by integer id pairs, which is several times faster than by strings; a
 * vocabulary whose merges make tokens it does not contain falls back to @huggingface/tokenizers'
 * BPE model. Results are kept in a word cache large enough for a whole corpus's vocabulary.
 */
export class ByteLevelBPEModel implements SubwordModel {
  readonly type = "BPE";
  readonly vocab: Map<string, number>;
  readonly idToToken: string[];
  readonly merges: [string, string][];
  readonly unkToken: string | null;
  private readonly model: BPE;
  private readonly cache = new SplitCache();
  /** (left id, right id) → merge rank, and rank → id of the merged token; null when some merge leaves the vocabulary. */
  private readonly ranks: Map<number, number> | null;
  private readonly mergedIds: Int32Array;

  constructor(config: BPEConfig) {
    this.unkToken = config.unk_token ?? null;
    this.model = new BPE({
      type: "BPE",
      vocab: config.vocab,
      merges: config.merges,
      unk_token: this.unkToken ?? undefined,
    } as unknown as ConstructorParameters<typeof BPE>[0]);
    // The library keeps only 10k words; ours keeps a corpus's worth (see SplitCache).
    this.model.max_length_to_cache = 0;
    this.vocab = this.model.tokens_to_ids;
    this.idToToken = this.model.vocab;
    this.merges = this.model.merges;
    const ranks = new Map<number, number>();
    this.mergedIds = new Int32Array(this.merges.length);
    let complete = true;
    this.merges.forEach(([a, b], rank) => {
      const left = this.vocab.get(a);
      const right = this.vocab.get(b);
      const merged = this.vocab.get(a + b);
      if (left === undefined || right === undefined || merged === undefined) {
        complete = false;
        return;
      }
      const key = pairKey(left, right);
      if (!ranks.has(key)) ranks.set(key, rank);
      this.mergedIds[rank] = merged;
    });
    this.ranks = complete ? ranks : null;
  }

  /** Applies merges to a word given as symbol ids (Python GPT-2's loop); null if a byte has no id. */
  mergeIds(text: string): number[] | null {
    const ranks = this.ranks!;
    let symbols: number[] = [];
    for (const ch of text) {
      const id = this.vocab.get(ch);
      if (id === undefined) return null;
      symbols.push(id);
    }
    while (symbols.length > 1) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = ranks.get(pairKey(symbols[i], symbols[i + 1]));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      if (bestRank === Infinity) break;
      const [a, b] = this.merges[bestRank];
      const left = this.vocab.get(a)!;
      const right = this.vocab.get(b)!;
      const merged = this.mergedIds[bestRank];
      const next: number[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
          next.push(merged);
          i++;
        } else next.push(symbols[i]);
      }
      symbols = next;
    }
    return symbols;
  }

  encodeWord(word: Word, wordIndex: number, sink: TokenSink): void {
    let split = this.cache.get(word.text);
    if (split === undefined) {
      split = this.split(word.text);
      if (word.text.length < 256) this.cache.set(word.text, split);
    }
    pushSplit(split, word, wordIndex, sink);
  }

  /** The library's priority-queue BPE on a byte-level word (used for long words). */
  mergeWithQueue(byteLevelWord: string): string[] {
    return this.model.bpe(byteLevelWord);
  }

  private split(text: string): CachedSplit {
    const spelled = toByteLevel(text);
    // Python's loop rescans the word after every merge (quadratic); long words go through the
    // library's priority-queue BPE instead, which gives the same merges in n log n.
    const ids = this.ranks && spelled.text.length <= LONG_WORD ? this.mergeIds(spelled.text) : null;
    const pieces = ids ? ids.map((id) => this.idToToken[id]) : this.model.bpe(spelled.text);
    const split: CachedSplit = { ids: [], tokens: [], from: [], to: [] };
    let byte = 0;
    for (const piece of pieces) {
      const id = this.vocab.get(piece);
      const first = byte;
      byte += piece.length; // every byte character is a single UTF-16 unit
      if (id === undefined) {
        if (this.unkToken === null || !this.vocab.has(this.unkToken)) continue;
        split.ids.push(this.vocab.get(this.unkToken)!);
        split.tokens.push(this.unkToken);
      } else {
        split.ids.push(id);
        split.tokens.push(piece);
      }
      split.from.push(spelled.byteStarts[first]);
      split.to.push(spelled.byteEnds[byte - 1]);
    }
    return split;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: "BPE",
      dropout: null,
      unk_token: this.unkToken,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(this.vocab),
      merges: this.merges.map(([a, b]) => `${a} ${b}`),
    };
  }
}
