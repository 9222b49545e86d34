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
 * becomes a single unknown token. The vocabulary is read by @huggingface/tokenizers' WordPiece
 * model; matching works on string slices at code-point boundaries (the library joins character
 * arrays for every candidate, which is several times slower on long words) and results are cached.
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
    const unknown = (): CachedSplit => ({ ids: [this.vocab.get(this.unkToken)!], tokens: [this.unkToken], from: [0], to: [text.length] });
    // Code-point boundaries, so a match never splits a surrogate pair.
    const boundaries: number[] = [0];
    for (let i = 0; i < text.length; ) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      boundaries.push(i);
    }
    if (boundaries.length - 1 > this.maxInputCharsPerWord) return unknown();
    const split: CachedSplit = { ids: [], tokens: [], from: [], to: [] };
    let startIndex = 0;
    while (startIndex < boundaries.length - 1) {
      const start = boundaries[startIndex];
      let endIndex = boundaries.length - 1;
      let found = -1;
      let token = "";
      while (endIndex > startIndex) {
        token = start > 0 ? this.prefix + text.slice(start, boundaries[endIndex]) : text.slice(start, boundaries[endIndex]);
        const id = this.vocab.get(token);
        if (id !== undefined) {
          found = id;
          break;
        }
        endIndex--;
      }
      if (found < 0) return unknown();
      split.ids.push(found);
      split.tokens.push(token);
      split.from.push(start);
      split.to.push(boundaries[endIndex]);
      startIndex = endIndex;
    }
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
