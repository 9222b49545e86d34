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

/**
 * Byte-level BPE: a word is spelled as byte characters, then the highest-priority merge is applied
 * until none is left. The merging is @huggingface/tokenizers' BPE model; this class adds offsets and
 * a word cache large enough for a whole corpus's vocabulary.
 */
export class ByteLevelBPEModel implements SubwordModel {
  readonly type = "BPE";
  readonly vocab: Map<string, number>;
  readonly idToToken: string[];
  readonly merges: [string, string][];
  readonly unkToken: string | null;
  private readonly model: BPE;
  private readonly cache = new SplitCache();

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
  }

  encodeWord(word: Word, wordIndex: number, sink: TokenSink): void {
    let split = this.cache.get(word.text);
    if (split === undefined) {
      split = this.split(word.text);
      if (word.text.length < 256) this.cache.set(word.text, split);
    }
    pushSplit(split, word, wordIndex, sink);
  }

  private split(text: string): CachedSplit {
    const spelled = toByteLevel(text);
    const pieces = this.model.bpe(spelled.text);
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
