// Truncation as the fast (Rust) tokenizers do it, which transformers 5 uses for every tokenizer:
// the length budget of a pair is split between the two sequences, a sequence that cannot be cut
// enough is an error, and every cut sequence also yields its overflowing windows (consecutive
// windows overlap by `stride` tokens, as in tokenizers <= 0.22).
import { EncodedText, PaddingSide, sliceText } from "./encoded_row";
import { TokenizerOptionError, TokenizerTruncationError } from "./errors";

export type TruncationStrategyName = "longest_first" | "only_first" | "only_second";

/** A sequence after truncation: the window that is kept first, then the overflowing windows. */
export type Windows = EncodedText[];

/**
 * The check the fast tokenizers make when truncation is switched on, before any text is seen: the
 * stride must fit in `max_length` minus the special tokens of a single sequence.
 */
export function checkStrideFitsMaxLength(maxLength: number, stride: number, numSpecialTokens: number): void {
  if (!Number.isInteger(stride) || stride < 0) throw new TokenizerOptionError(`stride must be a non-negative integer, got ${stride}.`);
  const effective = maxLength - numSpecialTokens;
  // The Rust subtraction is unsigned and wraps around when max_length is smaller: no check then.
  if (effective < 0 || stride <= effective) return;
  throw new TokenizerOptionError(
    `tokenizer stride set to ${stride}, which is greater than or equal to its effective max length of ${effective} ` +
      `(= ${maxLength} original max length - ${numSpecialTokens} added special tokens). Use a stride below ${effective} or a larger max_length.`,
  );
}

/**
 * The length left for the sequences once the special tokens are placed, or null when truncation
 * cannot apply (max_length below the number of special tokens: the Rust subtraction wraps around,
 * so the fast tokenizers leave such an encoding whole).
 */
export function sequenceBudget(maxLength: number, numSpecialTokens: number, addSpecialTokens: boolean): number | null {
  if (!addSpecialTokens || numSpecialTokens === 0) return maxLength;
  return maxLength >= numSpecialTokens ? maxLength - numSpecialTokens : null;
}

/**
 * Cuts one sequence to `maxLength` tokens: the kept window, then windows of the same length that
 * each start `maxLength - stride` tokens after the previous one (from the end with left truncation),
 * the last one running to the end of the sequence.
 */
export function cutIntoWindows(seq: EncodedText, maxLength: number, stride: number, side: PaddingSide): Windows {
  const n = seq.ids.length;
  if (maxLength >= n) return [seq];
  if (maxLength === 0) return [sliceText(seq, 0, 0), seq];
  if (stride >= maxLength) {
    throw new TokenizerOptionError(
      `\`stride\` must be strictly less than \`max_len=${maxLength}\` (note that \`max_len\` may be shorter than the max length of the original model, ` +
        `as it subtracts the number of special characters and the tokens kept for the other sequence of a pair). ` +
        `Use a stride below ${maxLength} or a larger max_length.`,
    );
  }
  const step = maxLength - stride;
  const windows: Windows = [];
  if (side === "left") {
    for (let end = n; ; end -= step) {
      const start = Math.max(0, end - maxLength);
      windows.push(sliceText(seq, start, end));
      if (start === 0) break;
    }
  } else {
    for (let start = 0; ; start += step) {
      const end = Math.min(start + maxLength, n);
      windows.push(sliceText(seq, start, end));
      if (end === n) break;
    }
  }
  return windows;
}

/**
 * The fast tokenizers' `truncate_encodings`: fits one sequence or a pair into `budget` tokens.
 * `longest_first` on a pair keeps the shorter sequence whole when the longer one can take the
 * rest, and otherwise gives each half of the budget (the odd token to the longer one).
 */
export function truncateSequences(
  a: EncodedText,
  b: EncodedText | null,
  budget: number,
  strategy: TruncationStrategyName,
  stride: number,
  side: PaddingSide,
): { a: Windows; b: Windows | null } {
  const cut = (seq: EncodedText, length: number) => cutIntoWindows(seq, length, stride, side);
  if (budget === 0) return { a: cut(a, 0), b: b && cut(b, 0) };
  const total = a.ids.length + (b?.ids.length ?? 0);
  if (total <= budget) return { a: [a], b: b && [b] };
  const toRemove = total - budget;

  if (strategy === "longest_first") {
    if (!b) return { a: cut(a, budget), b: null };
    const swap = a.ids.length > b.ids.length;
    let short = Math.min(a.ids.length, b.ids.length);
    let long = short > budget ? short : Math.max(short, budget - short);
    if (short + long > budget) {
      short = Math.floor(budget / 2);
      long = short + (budget % 2);
    }
    const [lengthA, lengthB] = swap ? [long, short] : [short, long];
    return { a: cut(a, lengthA), b: cut(b, lengthB) };
  }

  const onFirst = strategy === "only_first";
  const target = onFirst ? a : b;
  if (!target) {
    throw new TokenizerTruncationError(
      "Truncation error: Second sequence not provided. truncation 'only_second' needs a text_pair; use 'longest_first' or 'only_first' for a single text.",
    );
  }
  if (target.ids.length <= toRemove) {
    const which = onFirst ? "first" : "second";
    throw new TokenizerTruncationError(
      "Truncation error: Sequence to truncate too short to respect the provided max_length. " +
        `The ${which} sequence has ${target.ids.length} tokens but ${toRemove} must go; ` +
        `use truncation '${onFirst ? "only_second" : "only_first"}' or 'longest_first', or a larger max_length.`,
    );
  }
  const windows = cut(target, target.ids.length - toRemove);
  return onFirst ? { a: windows, b: b && [b] } : { a: [a], b: windows };
}

/**
 * The rows a truncated example becomes with `return_overflowing_tokens`, in the order the fast
 * tokenizers merge a pair: the kept windows first; then each overflowing window of the first
 * sequence with every window of the second; then the kept first window with each overflowing
 * window of the second.
 */
export function overflowingPairs(a: Windows, b: Windows | null): [EncodedText, EncodedText | null][] {
  if (!b) return a.map((w) => [w, null]);
  const rows: [EncodedText, EncodedText | null][] = [[a[0], b[0]]];
  for (let i = 1; i < a.length; i++) for (const w of b) rows.push([a[i], w]);
  for (let j = 1; j < b.length; j++) rows.push([a[0], b[j]]);
  return rows;
}

/**
 * What tokenizers 0.23 (the version transformers 5.18 ships with) does before truncating without
 * overflowing tokens: it stops tokenizing a sequence after the word that reaches `maxTokens` tokens
 * (counting from the end with left truncation; an added token never ends the count). This changes
 * how `longest_first` splits the budget of a long pair (both sequences then look equally long, so
 * the first one gets the smaller half) and whether a stride still fits.
 */
export function stopAtWordReaching(seq: EncodedText, maxTokens: number, side: PaddingSide): EncodedText {
  const n = seq.ids.length;
  if (n <= maxTokens) return seq;
  const wordEnd = (k: number, dir: 1 | -1) => {
    while (k + dir >= 0 && k + dir < n && seq.words[k + dir] === seq.words[k]) k += dir;
    return k;
  };
  const dir = side === "left" ? -1 : 1;
  let total = 0;
  let k = side === "left" ? n - 1 : 0;
  while (k >= 0 && k < n) {
    const last = wordEnd(k, dir);
    const count = Math.abs(last - k) + 1;
    total += count;
    const added = seq.addedWords?.has(seq.words[k]) ?? false;
    k = last + dir;
    if (!added && total >= maxTokens) break;
  }
  return side === "left" ? sliceText(seq, k + 1) : sliceText(seq, 0, k);
}
