import { EncodedText } from "./encoded_row";
import { Word } from "./word";

/** Token ids, token strings, input spans (start/end) and word indices, filled in word by word. */
export type TokenSink = EncodedText;

/** The subword step (WordPiece or BPE): one pre-tokenized word in, its tokens out. */
export interface SubwordModel {
  readonly type: "WordPiece" | "BPE";
  /** token → id, for the model's own vocabulary (added tokens are kept by the tokenizer). */
  readonly vocab: Map<string, number>;
  /** id → token. */
  readonly idToToken: string[];
  encodeWord(word: Word, wordIndex: number, sink: TokenSink): void;
  /** The `model` entry of tokenizer.json. */
  toJSON(): Record<string, unknown>;
}

/** Cached subword split of one word: ids, tokens, and each token's [from, to) in the word's text. */
export interface CachedSplit {
  ids: number[];
  tokens: string[];
  from: number[];
  to: number[];
}

/**
 * A word → split cache. Real text reuses a small set of words, so after warm-up almost every word is
 * a hit; when the cache is full it starts over rather than tracking recency (cheaper, and good enough).
 */
export class SplitCache {
  private map = new Map<string, CachedSplit>();
  constructor(private readonly capacity = 200_000) {}
  get(word: string): CachedSplit | undefined {
    return this.map.get(word);
  }
  set(word: string, split: CachedSplit): void {
    if (this.map.size >= this.capacity) this.map.clear();
    this.map.set(word, split);
  }
}

export function pushSplit(split: CachedSplit, word: Word, wordIndex: number, sink: TokenSink): void {
  const { ids, tokens, from, to } = split;
  if (!word.starts) {
    for (let k = 0; k < ids.length; k++) {
      sink.ids.push(ids[k]);
      sink.tokens.push(tokens[k]);
      sink.starts.push(word.start + from[k]);
      sink.ends.push(word.start + to[k]);
      sink.words.push(wordIndex);
    }
    return;
  }
  const starts = word.starts;
  const ends = word.ends!;
  for (let k = 0; k < ids.length; k++) {
    sink.ids.push(ids[k]);
    sink.tokens.push(tokens[k]);
    sink.starts.push(starts[from[k]]);
    sink.ends.push(ends[to[k] - 1]);
    sink.words.push(wordIndex);
  }
}
