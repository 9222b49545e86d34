// Checks on a vocabulary read from a file, before a tokenizer is built on it: a file that loads but
// cannot encode anything (an empty vocab.txt, a vocab.json holding an array, a WordPiece vocabulary
// without its unknown token) is refused at load, naming the file, instead of giving null or no ids.
import { TokenizerFileError } from "./errors";

/** Throws unless `vocab` is a non-empty object mapping tokens to non-negative integer ids. */
export function checkVocab(vocab: unknown, source: string, expected: string): asserts vocab is Record<string, number> {
  if (vocab === null || typeof vocab !== "object" || Array.isArray(vocab))
    throw new TokenizerFileError(`${source} must hold ${expected}, but it holds ${Array.isArray(vocab) ? "an array" : vocab === null ? "null" : `a ${typeof vocab}`}. Use the vocabulary file the tokenizer was saved with.`);
  const entries = Object.entries(vocab);
  if (entries.length === 0)
    throw new TokenizerFileError(`${source} holds no tokens, so nothing could be encoded. Use the vocabulary file the tokenizer was saved with.`);
  const bad = entries.find(([, id]) => !Number.isSafeInteger(id) || (id as number) < 0);
  if (bad) throw new TokenizerFileError(`${source} maps the token ${JSON.stringify(bad[0])} to ${JSON.stringify(bad[1])}; every id must be a non-negative integer.`);
}

/** WordPiece turns every word it cannot split into the unknown token, so that token must have an id. */
export function checkUnknownToken(vocab: Record<string, number>, unkToken: string, source: string): void {
  if (!Object.prototype.hasOwnProperty.call(vocab, unkToken))
    throw new TokenizerFileError(
      `${source} has no entry for the unknown token ${JSON.stringify(unkToken)}, so words outside the vocabulary would get no id. ` +
        `Add it to the vocabulary, or set unk_token in tokenizer_config.json to a token the vocabulary has.`,
    );
}
