/** Thrown for input a tokenizer cannot encode: wrong types, a pair list of the wrong length, lone surrogates. */
export class TokenizerInputError extends TypeError {
  override name = "TokenizerInputError";
}

/** Thrown when the files a tokenizer needs are missing or unreadable. */
export class TokenizerFileError extends Error {
  override name = "TokenizerFileError";
}

/** Thrown for option combinations that cannot work, with a message saying what to change. */
export class TokenizerOptionError extends Error {
  override name = "TokenizerOptionError";
}

/**
 * Thrown when truncation cannot give the requested length, as the fast (Rust) tokenizers raise it:
 * the sequence a strategy may cut is too short, or a pair strategy was used on a single text.
 */
export class TokenizerTruncationError extends Error {
  override name = "TokenizerTruncationError";
}
