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
