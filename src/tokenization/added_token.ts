/**
 * A token the tokenizer matches in raw text before any other step (special tokens such as `[CLS]`,
 * or tokens added with `add_tokens`). Fields follow tokenizer.json's `added_tokens` entries.
 */
export class AddedToken {
  content: string;
  single_word: boolean;
  /** Eat the whitespace on the token's left. */
  lstrip: boolean;
  /** Eat the whitespace on the token's right. */
  rstrip: boolean;
  normalized: boolean;
  special: boolean;

  constructor(
    content: string,
    options: { single_word?: boolean; lstrip?: boolean; rstrip?: boolean; normalized?: boolean; special?: boolean } = {},
  ) {
    this.content = content;
    this.single_word = options.single_word ?? false;
    this.lstrip = options.lstrip ?? false;
    this.rstrip = options.rstrip ?? false;
    this.normalized = options.normalized ?? !(options.special ?? false);
    this.special = options.special ?? false;
  }

  toString(): string {
    return this.content;
  }
}

export type TokenLike = string | AddedToken;
