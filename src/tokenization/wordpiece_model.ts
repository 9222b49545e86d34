import { WordPiece } from "@huggingface/tokenizers";
import { CachedSplit, SplitCache, SubwordModel, TokenSink, pushSplit } from "./subword_model";
import { Word } from "./word";

export interface WordPieceConfig {
  vocab: Record<string, number>;
  unk_token: string;
  continuing_subword_prefix?: string;
  max_input_chars_per_word?: number;
}

/**
 * WordPiece: greedy longest-match-first against the vocabulary; a word with any unmatched part
 * becomes a single unknown token. The matching itself is @huggingface/tokenizers' WordPiece model.
 */
export class WordPieceModel implements SubwordModel {
  readonly type = "WordPiece";
  readonly vocab: Map<string, number>;
  readonly idToToken: string[];
  readonly unkToken: string;
  readonly prefix: string;
  readonly maxInputCharsPerWord: number;
  private readonly model: WordPiece;
  private readonly cache = new SplitCache();

  constructor(config: WordPieceConfig) {
    this.unkToken = config.unk_token;
    this.prefix = config.continuing_subword_prefix ?? "##";
    this.maxInputCharsPerWord = config.max_input_chars_per_word ?? 100;
    this.model = new WordPiece({
      type: "WordPiece",
      vocab: config.vocab,
      unk_token: this.unkToken,
      continuing_subword_prefix: this.prefix,
      max_input_chars_per_word: this.maxInputCharsPerWord,
    } as unknown as ConstructorParameters<typeof WordPiece>[0]);
    this.vocab = this.model.tokens_to_ids;
    this.idToToken = this.model.vocab;
  }

  encodeWord(word: Word, wordIndex: number, sink: TokenSink): void {
    let split = this.cache.get(word.text);
    if (split === undefined) {
      split = this.split(word.text);
      this.cache.set(word.text, split);
    }
    pushSplit(split, word, wordIndex, sink);
  }

  private split(text: string): CachedSplit {
    const tokens = this.model.encode([text]);
    const unkId = this.vocab.get(this.unkToken);
    if (tokens.length === 1 && tokens[0] === this.unkToken && !this.vocab.has(text)) {
      return { ids: [unkId!], tokens: [this.unkToken], from: [0], to: [text.length] };
    }
    const split: CachedSplit = { ids: [], tokens, from: [], to: [] };
    let position = 0;
    tokens.forEach((token, k) => {
      const pieceLength = k === 0 ? token.length : token.length - this.prefix.length;
      split.ids.push(this.vocab.get(token)!);
      split.from.push(position);
      position += pieceLength;
      split.to.push(position);
    });
    return split;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: "WordPiece",
      unk_token: this.unkToken,
      continuing_subword_prefix: this.prefix,
      max_input_chars_per_word: this.maxInputCharsPerWord,
      vocab: Object.fromEntries(this.vocab),
    };
  }
}
