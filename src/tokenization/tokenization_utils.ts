import { Tensor } from "../tensor";
import { Callable } from "../utils/callable";
import { AddedToken, TokenLike } from "./added_token";
import { AddedTokenSplitter } from "./added_token_splitter";
import { BatchEncoding, EncodingInfo, TensorType } from "./batch_encoding";
import { EncodedRow, EncodedText, LazyEncoding, PaddingSide, emptyText, roundUp } from "./encoded_row";
import { BpeTrainerOptions, BpeTrainingResult, trainBpe } from "./bpe_trainer";
import { CodePointIndex } from "./code_point_offsets";
import { clean_up_tokenization } from "./decoders";
import { TokenizerInputError, TokenizerOptionError } from "./errors";
import { throwIfInterrupted } from "../utils/cancellation";
import { warnOnce } from "./logging";
import { SubwordModel, TokenSink } from "./subword_model";
import { hasLoneSurrogate } from "./unicode";
import { TruncationStrategyName, checkStrideFitsMaxLength, overflowingPairs, sequenceBudget, stopAtWordReaching, truncateSequences } from "./truncation";
import { Word } from "./word";
import { BackendEncoding, BackendTokenizer } from "./backend_tokenizer";
import { PushToHubUnavailableError } from "../hub/errors";
import { refuseAbove } from "../utils/size_limits";

export type TextInput = string | string[] | string[][];
export type PaddingOption = boolean | "longest" | "max_length" | "do_not_pad";
export type TruncationOption = boolean | "longest_first" | "only_first" | "only_second" | "do_not_truncate";

/** The keyword arguments of Python's `tokenizer(...)`. */
export interface TokenizerCallOptions {
  text_pair?: TextInput | null;
  add_special_tokens?: boolean;
  padding?: PaddingOption;
  truncation?: TruncationOption | null;
  max_length?: number | null;
  stride?: number;
  is_split_into_words?: boolean;
  pad_to_multiple_of?: number | null;
  padding_side?: PaddingSide;
  return_tensors?: TensorType;
  return_token_type_ids?: boolean | null;
  return_attention_mask?: boolean | null;
  return_overflowing_tokens?: boolean;
  return_special_tokens_mask?: boolean;
  /**
   * Each token's `[start, end)` span in its input: UTF-16 indices (`text.slice(start, end)`), or
   * with "code_points" counted in code points, as Python's offsets are.
   */
  return_offsets_mapping?: boolean | "code_points";
  return_length?: boolean;
  verbose?: boolean;
}

export interface DecodeOptions {
  skip_special_tokens?: boolean;
  clean_up_tokenization_spaces?: boolean | null;
  /** Accepted for compatibility; transformers 5 ignores it too. */
  spaces_between_special_tokens?: boolean;
}

export interface PadOptions {
  padding?: PaddingOption;
  max_length?: number | null;
  pad_to_multiple_of?: number | null;
  return_attention_mask?: boolean | null;
  return_tensors?: TensorType;
  padding_side?: PaddingSide;
  verbose?: boolean;
}

/** The special-token attributes, in Python's SPECIAL_TOKENS_ATTRIBUTES order. */
export const SPECIAL_TOKEN_NAMES = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"] as const;
export type SpecialTokenName = (typeof SPECIAL_TOKEN_NAMES)[number];

/** Settings every tokenizer shares, read from tokenizer_config.json and special_tokens_map.json. */
export interface TokenizerSettings {
  bos_token?: TokenLike | null;
  eos_token?: TokenLike | null;
  unk_token?: TokenLike | null;
  sep_token?: TokenLike | null;
  pad_token?: TokenLike | null;
  cls_token?: TokenLike | null;
  mask_token?: TokenLike | null;
  additional_special_tokens?: TokenLike[];
  model_max_length?: number;
  padding_side?: PaddingSide;
  truncation_side?: PaddingSide;
  clean_up_tokenization_spaces?: boolean;
  [key: string]: unknown;
}

/** One row to build: the (possibly truncated) sequence or pair, and the example it came from. */
interface RowPlan {
  a: EncodedText;
  b: EncodedText | null;
  sample: number;
  /** An overflowing window rather than the row that was kept (padding to "longest" ignores these, as Rust does). */
  overflowing: boolean;
}

interface WantedKeys {
  token_type_ids: boolean;
  attention_mask: boolean;
  special_tokens_mask: boolean;
}

/** The special tokens a tokenizer puts before, between and after the sequences, with their token types. */
class SpecialTokensLayout {
  constructor(
    readonly before: number[],
    readonly between: number[],
    readonly after: number[],
    readonly typeA: number,
    readonly typeB: number,
    readonly beforeTypes: number[],
    readonly betweenTypes: number[],
    readonly afterTypes: number[],
  ) {}

  /** Length of a planned row before padding. */
  length(plan: RowPlan): number {
    return this.before.length + plan.a.ids.length + (plan.b ? this.between.length + plan.b.ids.length : 0) + this.after.length;
  }
}

/** Python's VERY_LARGE_INTEGER: the model_max_length of a tokenizer that has none. */
export const VERY_LARGE_INTEGER = 1e30;
const LARGE_INTEGER = 1e20;

type PaddingStrategy = "longest" | "max_length" | "do_not_pad";
type TruncationStrategy = "longest_first" | "only_first" | "only_second" | "do_not_truncate";

interface Strategies {
  padding: PaddingStrategy;
  truncation: TruncationStrategy;
  maxLength: number | null;
}

/**
 * What every tokenizer has: special tokens, added tokens, calling with padding/truncation/batching,
 * decoding, and `pad`. A subclass supplies the pre-tokenization, the subword model and the way
 * special tokens are placed around one or two sequences.
 */
export abstract class PreTrainedTokenizer extends Callable<[TextInput, (TextInput | TokenizerCallOptions | null)?, TokenizerCallOptions?], BatchEncoding> {
  /** The Python class name this tokenizer corresponds to (written to tokenizer_config.json). */
  abstract readonly tokenizer_class: string;
  /** The keys a model takes, first the ids. */
  model_input_names: string[] = ["input_ids", "attention_mask"];
  model_max_length: number;
  padding_side: PaddingSide;
  truncation_side: PaddingSide;
  clean_up_tokenization_spaces: boolean;
  /** The settings the tokenizer was created with (saved back to tokenizer_config.json). */
  init_kwargs: Record<string, unknown>;
  /** Python tokenizers are "fast" when they can return offsets; this one always can. */
  readonly is_fast = true;
  /** Where the tokenizer was loaded from, if anywhere. */
  name_or_path = "";

  protected readonly model: SubwordModel;
  /** Tokens outside the model's vocabulary, by id (Python's `added_tokens_decoder`). */
  protected addedTokensDecoder = new Map<number, AddedToken>();
  protected addedTokensEncoder = new Map<string, number>();
  /** Every token matched in raw text before tokenization: special tokens and added tokens. */
  protected noSplitTokens = new Map<string, AddedToken>();
  private splitter: AddedTokenSplitter | null = null;
  private specialSplitter: AddedTokenSplitter | null = null;
  private specialTokens: Record<SpecialTokenName, AddedToken | null> = {
    bos_token: null,
    eos_token: null,
    unk_token: null,
    sep_token: null,
    pad_token: null,
    cls_token: null,
    mask_token: null,
  };
  private additionalSpecialTokens: AddedToken[] = [];

  constructor(model: SubwordModel, settings: TokenizerSettings) {
    super();
    this.model = model;
    this.init_kwargs = { ...settings };
    this.model_max_length = settings.model_max_length ?? VERY_LARGE_INTEGER;
    this.padding_side = settings.padding_side ?? "right";
    this.truncation_side = settings.truncation_side ?? "right";
    // settings usually come from tokenizer_config.json: wrong ones would fail much later, or never
    if (typeof this.model_max_length !== "number" || !(this.model_max_length >= 0))
      throw new TokenizerOptionError(`model_max_length must be a non-negative number, got ${JSON.stringify(settings.model_max_length)} (from tokenizer_config.json or the options).`);
    for (const [name, side] of [["padding_side", this.padding_side], ["truncation_side", this.truncation_side]] as const)
      if (side !== "left" && side !== "right") throw new TokenizerOptionError(`${name} must be "left" or "right", got ${JSON.stringify(side)}.`);
    // transformers 5's default when tokenizer_config.json does not say.
    this.clean_up_tokenization_spaces = settings.clean_up_tokenization_spaces ?? false;
    for (const name of SPECIAL_TOKEN_NAMES) {
      const value = settings[name];
      if (value !== undefined && value !== null) this.specialTokens[name] = toAddedToken(value, true);
    }
    this.additionalSpecialTokens = (settings.additional_special_tokens ?? []).map((t) => toAddedToken(t, true));
    this.registerSpecialTokens();
  }

  /**
   * Loads this tokenizer class from a folder or model id (tokenizer.json, or the slow vocabulary
   * files, plus tokenizer_config.json and special_tokens_map.json). `AutoTokenizer` picks the class.
   */
  static async from_pretrained<T extends PreTrainedTokenizer>(this: { prototype: T }, pretrained_model_name_or_path: string, options: Record<string, unknown> = {}): Promise<T> {
    // Required lazily: the loader needs the concrete classes, which need this module.
    const { loadTokenizer } = require("./tokenization_auto") as typeof import("./tokenization_auto");
    return (await loadTokenizer(this as unknown as Function, pretrained_model_name_or_path, options)) as T;
  }

  // ---- subclass hooks -------------------------------------------------------------------------

  /** Splits a segment of raw text (no added tokens in it) into words; spans are offset by `offset`. */
  protected abstract preTokenize(text: string, offset: number, out: Word[]): void;
  /** Adds the model's special tokens around one or two sequences of ids. */
  abstract build_inputs_with_special_tokens(token_ids_0: number[], token_ids_1?: number[] | null): number[];
  /** 1 where `build_inputs_with_special_tokens` put a special token, 0 for sequence tokens. */
  abstract get_special_tokens_mask(token_ids_0: number[], token_ids_1?: number[] | null, already_has_special_tokens?: boolean): number[];
  /** Joins tokens back into text: the tokenizer's decoder (WordPiece, byte-level), as in transformers 5. */
  abstract convert_tokens_to_string(tokens: string[]): string;
  /** Writes the model's own vocabulary files (vocab.txt, or vocab.json + merges.txt); returns their paths. */
  abstract save_vocabulary(save_directory: string, filename_prefix?: string): string[];
  /** tokenizer.json's normalizer, pre_tokenizer, post_processor and decoder entries. */
  protected abstract pipelineJSON(): Record<string, unknown>;
  /** Whether raw text is lowercased before matching added tokens (uncased BERT). */
  protected lowercasesInput(): boolean {
    return false;
  }
  /** A hook to change the text before tokenization (GPT-2's add_prefix_space). */
  protected prepareForTokenization(text: string, _isSplitIntoWords: boolean): { text: string; shift: number } {
    return { text, shift: 0 };
  }

  create_token_type_ids_from_sequences(token_ids_0: number[], token_ids_1?: number[] | null): number[] {
    if (!token_ids_1) return new Array(token_ids_0.length).fill(0);
    return [...new Array(token_ids_0.length).fill(0), ...new Array(token_ids_1.length).fill(1)];
  }

  num_special_tokens_to_add(pair = false): number {
    return this.build_inputs_with_special_tokens([], pair ? [] : null).length;
  }

  // ---- special tokens --------------------------------------------------------------------------

  private registerSpecialTokens(): void {
    for (const token of [...Object.values(this.specialTokens), ...this.additionalSpecialTokens]) {
      if (!token) continue;
      this.addTokenToVocabulary(token);
    }
    this.splitter = null;
  }

  /** Puts a token in the added-token tables unless the model's vocabulary already has it. */
  private addTokenToVocabulary(token: AddedToken, givenId?: number): boolean {
    this.noSplitTokens.set(token.content, token);
    this.splitter = null;
    this.specialSplitter = null;
    if (this.model.vocab.has(token.content) || this.addedTokensEncoder.has(token.content)) return false;
    const id = givenId ?? this.model.vocab.size + this.addedTokensEncoder.size;
    this.addedTokensEncoder.set(token.content, id);
    this.addedTokensDecoder.set(id, token);
    return true;
  }

  private getSpecial(name: SpecialTokenName): string | null {
    return this.specialTokens[name]?.content ?? null;
  }
  private setSpecial(name: SpecialTokenName, value: TokenLike | null): void {
    this.specialTokens[name] = value === null ? null : toAddedToken(value, true);
    this.registerSpecialTokens();
  }
  private specialId(name: SpecialTokenName): number | null {
    const token = this.getSpecial(name);
    return token === null ? null : this.tokenToId(token);
  }

  get bos_token(): string | null { return this.getSpecial("bos_token"); }
  set bos_token(value: TokenLike | null) { this.setSpecial("bos_token", value); }
  get eos_token(): string | null { return this.getSpecial("eos_token"); }
  set eos_token(value: TokenLike | null) { this.setSpecial("eos_token", value); }
  get unk_token(): string | null { return this.getSpecial("unk_token"); }
  set unk_token(value: TokenLike | null) { this.setSpecial("unk_token", value); }
  get sep_token(): string | null { return this.getSpecial("sep_token"); }
  set sep_token(value: TokenLike | null) { this.setSpecial("sep_token", value); }
  get pad_token(): string | null { return this.getSpecial("pad_token"); }
  set pad_token(value: TokenLike | null) { this.setSpecial("pad_token", value); }
  get cls_token(): string | null { return this.getSpecial("cls_token"); }
  set cls_token(value: TokenLike | null) { this.setSpecial("cls_token", value); }
  get mask_token(): string | null { return this.getSpecial("mask_token"); }
  set mask_token(value: TokenLike | null) { this.setSpecial("mask_token", value); }
  get additional_special_tokens(): string[] { return this.additionalSpecialTokens.map((t) => t.content); }
  set additional_special_tokens(value: TokenLike[]) {
    this.additionalSpecialTokens = value.map((t) => toAddedToken(t, true));
    this.registerSpecialTokens();
  }

  get bos_token_id(): number | null { return this.specialId("bos_token"); }
  get eos_token_id(): number | null { return this.specialId("eos_token"); }
  get unk_token_id(): number | null { return this.specialId("unk_token"); }
  get sep_token_id(): number | null { return this.specialId("sep_token"); }
  get pad_token_id(): number | null { return this.specialId("pad_token"); }
  get cls_token_id(): number | null { return this.specialId("cls_token"); }
  get mask_token_id(): number | null { return this.specialId("mask_token"); }
  get additional_special_tokens_ids(): number[] { return this.additional_special_tokens.map((t) => this.tokenToId(t)!); }
  /** The token type id used for padding. */
  get pad_token_type_id(): number { return 0; }

  /** `{ cls_token: "[CLS]", … }` for the special tokens that are set. */
  get special_tokens_map(): Record<string, string | string[]> {
    const map: Record<string, string | string[]> = {};
    for (const name of SPECIAL_TOKEN_NAMES) {
      const token = this.getSpecial(name);
      if (token !== null) map[name] = token;
    }
    if (this.additionalSpecialTokens.length) map.additional_special_tokens = this.additional_special_tokens;
    return map;
  }

  /** Every special token, without repeats, in Python's order. */
  get all_special_tokens(): string[] {
    const seen: string[] = [];
    for (const name of SPECIAL_TOKEN_NAMES) {
      const token = this.getSpecial(name);
      if (token !== null && !seen.includes(token)) seen.push(token);
    }
    for (const token of this.additional_special_tokens) if (!seen.includes(token)) seen.push(token);
    return seen;
  }

  get all_special_ids(): number[] {
    return this.all_special_tokens.map((t) => this.tokenToId(t)!);
  }

  // ---- vocabulary ---------------------------------------------------------------------------

  /** Size of the base vocabulary (without added tokens), like Python's `vocab_size`. */
  get vocab_size(): number {
    return this.model.vocab.size;
  }

  /** Full size with added tokens: Python's `len(tokenizer)`. */
  __len__(): number {
    return this.model.vocab.size + this.addedTokensEncoder.size;
  }

  /** Same as `__len__()`, readable as a property. */
  get len(): number {
    return this.__len__();
  }

  /** token → id for every token, added tokens included. */
  get_vocab(): Record<string, number> {
    const vocab: Record<string, number> = Object.fromEntries(this.model.vocab);
    for (const [token, id] of this.addedTokensEncoder) vocab[token] = id;
    return vocab;
  }

  get_added_vocab(): Record<string, number> {
    return Object.fromEntries(this.addedTokensEncoder);
  }

  protected tokenToId(token: string): number | null {
    const added = this.addedTokensEncoder.get(token);
    if (added !== undefined) return added;
    const id = this.model.vocab.get(token);
    if (id !== undefined) return id;
    const unk = this.getSpecial("unk_token");
    if (unk === null) return null;
    return this.addedTokensEncoder.get(unk) ?? this.model.vocab.get(unk) ?? null;
  }

  protected idToToken(id: number): string | null {
    const added = this.addedTokensDecoder.get(id);
    if (added) return added.content;
    return this.model.idToToken[id] ?? null;
  }

  /** Token(s) → id(s); unknown tokens give the unknown token's id. */
  convert_tokens_to_ids(tokens: string): number | null;
  convert_tokens_to_ids(tokens: string[]): (number | null)[];
  convert_tokens_to_ids(tokens: string | string[]): number | null | (number | null)[] {
    if (typeof tokens === "string") return this.tokenToId(tokens);
    if (!Array.isArray(tokens)) throw new TokenizerInputError("convert_tokens_to_ids takes a token string or an array of token strings.");
    return tokens.map((t) => this.tokenToId(t));
  }

  /** Id(s) → token(s); `skip_special_tokens` drops special tokens from a list. */
  convert_ids_to_tokens(ids: number, options?: { skip_special_tokens?: boolean }): string | null;
  convert_ids_to_tokens(ids: number[] | Tensor, options?: { skip_special_tokens?: boolean }): (string | null)[];
  convert_ids_to_tokens(ids: number | number[] | Tensor, options: { skip_special_tokens?: boolean } = {}): string | null | (string | null)[] {
    if (typeof ids === "number" || typeof ids === "bigint") return this.idToToken(Number(ids));
    const list = toIdList(ids, "convert_ids_to_tokens");
    const special = options.skip_special_tokens ? new Set(this.all_special_ids) : null;
    const out: (string | null)[] = [];
    for (const id of list) {
      if (special && special.has(id)) continue;
      out.push(this.idToToken(id));
    }
    return out;
  }

  /**
   * Adds tokens to the vocabulary (new ids after the existing ones); returns how many were new.
   * With `special_tokens` true they are also skipped by `decode(..., { skip_special_tokens: true })`.
   */
  add_tokens(new_tokens: TokenLike | TokenLike[], special_tokens = false): number {
    const list = Array.isArray(new_tokens) ? new_tokens : [new_tokens];
    let added = 0;
    for (const item of list) {
      if (typeof item !== "string" && !(item instanceof AddedToken)) {
        throw new TokenizerInputError(`add_tokens takes strings or AddedToken objects, got ${describe(item)}.`);
      }
      let token = toAddedToken(item, special_tokens);
      if (!special_tokens && this.lowercasesInput() && typeof item === "string") token = new AddedToken(item.toLowerCase(), { special: false });
      if (token.content.length === 0) continue;
      if (special_tokens && !this.additionalSpecialTokens.some((t) => t.content === token.content) && !this.all_special_tokens.includes(token.content)) {
        this.additionalSpecialTokens.push(token);
      }
      if (this.addTokenToVocabulary(token)) added++;
    }
    return added;
  }

  /**
   * Restores an added token with the id it was saved with (tokenizer.json's added_tokens), for the
   * loader; special ones also become additional special tokens unless they already have a role.
   * @internal
   */
  _restoreAddedToken(token: AddedToken, id: number): void {
    if (token.special && !this.all_special_tokens.includes(token.content)) this.additionalSpecialTokens.push(token);
    if (token.special) this.noSplitTokens.set(token.content, token);
    this.addTokenToVocabulary(token, id);
  }

  /**
   * Sets special tokens (`{ pad_token: "[PAD]", additional_special_tokens: [...] }`), adding the
   * ones that are new to the vocabulary; returns how many were new.
   */
  add_special_tokens(special_tokens_dict: Partial<Record<SpecialTokenName | "additional_special_tokens", TokenLike | TokenLike[]>>): number {
    const before = this.__len__();
    for (const [key, value] of Object.entries(special_tokens_dict)) {
      if (key === "additional_special_tokens") {
        if (!Array.isArray(value)) throw new TokenizerInputError("additional_special_tokens must be an array of tokens.");
        this.additionalSpecialTokens = value.map((t) => toAddedToken(t, true));
      } else if ((SPECIAL_TOKEN_NAMES as readonly string[]).includes(key)) {
        if (typeof value !== "string" && !(value instanceof AddedToken)) {
          throw new TokenizerInputError(`${key} must be a string or an AddedToken, got ${describe(value)}.`);
        }
        this.specialTokens[key as SpecialTokenName] = toAddedToken(value, true);
      } else {
        throw new TokenizerOptionError(`${key} is not a special token name; use one of ${[...SPECIAL_TOKEN_NAMES, "additional_special_tokens"].join(", ")}.`);
      }
    }
    this.registerSpecialTokens();
    return this.__len__() - before;
  }

  // ---- tokenizing one text ------------------------------------------------------------------

  private getSplitter(): AddedTokenSplitter {
    if (!this.splitter) this.splitter = new AddedTokenSplitter([...this.noSplitTokens.values()]);
    return this.splitter;
  }

  /** Encodes one text into tokens with spans and word indices (no special tokens added). */
  protected encodeText(text: string, isSplitIntoWords = false, firstWord = 0, sink?: TokenSink): EncodedText {
    const out: TokenSink = sink ?? emptyText();
    const prepared = this.prepareForTokenization(text, isSplitIntoWords);
    const source = prepared.text;
    const shift = prepared.shift;
    const matchText = this.lowercasesInput() ? this.lowerOutsideSpecialTokens(source) : source;
    const words: Word[] = [];
    let wordIndex = firstWord;
    for (const segment of this.getSplitter().split(source, matchText)) {
      if (segment.token) {
        out.ids.push(this.tokenToId(segment.token.content)!);
        out.tokens.push(segment.token.content);
        out.starts.push(Math.max(0, segment.start - shift));
        out.ends.push(segment.end - shift);
        const word = isSplitIntoWords ? firstWord : wordIndex++;
        out.words.push(word);
        (out.addedWords ??= new Set()).add(word);
        continue;
      }
      words.length = 0;
      this.preTokenize(source.slice(segment.start, segment.end), segment.start - shift, words);
      for (const word of words) {
        if (word.start < 0) word.start = 0;
        this.model.encodeWord(word, isSplitIntoWords ? firstWord : wordIndex++, out);
      }
    }
    if (shift) for (let k = 0; k < out.starts.length; k++) if (out.starts[k] < 0) out.starts[k] = 0;
    return out;
  }

  /**
   * Uncased models lowercase the text before looking for added tokens, except where a special token
   * is written (so "[CLS]" stays special but "[cls]" is plain text). Only length-preserving
   * lowercasing is used here, so positions stay the same.
   */
  private lowerOutsideSpecialTokens(text: string): string {
    if (!this.specialSplitter) {
      this.specialSplitter = new AddedTokenSplitter([...this.noSplitTokens.values()].filter((t) => t.special || this.all_special_tokens.includes(t.content)));
    }
    let out = "";
    for (const segment of this.specialSplitter.split(text)) {
      const piece = text.slice(segment.start, segment.end);
      const lowered = segment.token ? piece : piece.toLowerCase();
      out += lowered.length === piece.length ? lowered : piece;
    }
    // Stripped whitespace around special tokens is not part of any segment; keep the length anyway.
    return out.length === text.length ? out : text;
  }

  /** Encodes a text, or a list of words with `is_split_into_words`. */
  protected encodeInput(input: string | string[], isSplitIntoWords: boolean, what: string): EncodedText {
    if (!isSplitIntoWords) {
      checkText(input, what);
      return this.encodeText(input as string);
    }
    if (!Array.isArray(input)) throw new TokenizerInputError(`${what} must be an array of words when is_split_into_words is true, got ${describe(input)}.`);
    const sink: TokenSink = emptyText();
    input.forEach((word, i) => {
      checkText(word, `${what}[${i}]`);
      this.encodeText(word, true, i, sink);
    });
    return sink;
  }

  /**
   * The tokens of a text (Python's `tokenize`), without special tokens unless
   * `add_special_tokens: true`; a pair may be the second argument, as in Python.
   */
  tokenize(
    text: string,
    pair_or_options?: string | null | { text_pair?: string | null; add_special_tokens?: boolean; is_split_into_words?: boolean },
    more_options: { add_special_tokens?: boolean; is_split_into_words?: boolean } = {},
  ): string[] {
    const options: { text_pair?: string | null; add_special_tokens?: boolean; is_split_into_words?: boolean } =
      typeof pair_or_options === "string" ? { ...more_options, text_pair: pair_or_options } : { ...(pair_or_options ?? {}), ...more_options };
    const first = this.encodeInput(text as string | string[], options.is_split_into_words ?? false, "text");
    if (options.text_pair === undefined || options.text_pair === null) {
      if (!options.add_special_tokens) return first.tokens;
    }
    const second = options.text_pair !== undefined && options.text_pair !== null ? this.encodeInput(options.text_pair, false, "text_pair") : null;
    if (!options.add_special_tokens) return [...first.tokens, ...(second?.tokens ?? [])];
    return this.buildRow(first, second, true, 0).encoding.tokens;
  }

  /**
   * The ids of a text (or pair), with special tokens unless `add_special_tokens: false`. Like
   * Python, the pair may be the second argument: `encode(text, text_pair, options)`.
   */
  encode(text: string | string[], text_pair_or_options?: string | string[] | TokenizerCallOptions | null, options: TokenizerCallOptions = {}): number[] {
    const merged = mergeCallArguments(text_pair_or_options, options);
    const encoding = this._call(text, { ...merged, return_tensors: null });
    return encoding.input_ids as number[];
  }

  /** Python's older name for calling the tokenizer on one example. */
  encode_plus(text: string | string[], text_pair_or_options?: string | string[] | TokenizerCallOptions | null, options: TokenizerCallOptions = {}): BatchEncoding {
    return this._call(text, text_pair_or_options, options);
  }

  /** Python's older name for calling the tokenizer on a batch. */
  batch_encode_plus(batch_text_or_text_pairs: string[] | [string, string][], options: TokenizerCallOptions = {}): BatchEncoding {
    if (!Array.isArray(batch_text_or_text_pairs)) throw new TokenizerInputError(`batch_encode_plus takes an array of texts or of [text, text_pair] pairs, got ${describe(batch_text_or_text_pairs)}.`);
    const items = batch_text_or_text_pairs as unknown[];
    if (items.length > 0 && items.every((item) => Array.isArray(item) && item.length === 2 && !options.is_split_into_words)) {
      const pairs = batch_text_or_text_pairs as [string, string][];
      return this._call(pairs.map((p) => p[0]), { ...options, text_pair: pairs.map((p) => p[1]) });
    }
    return this._call(batch_text_or_text_pairs as string[], options);
  }

  /** token → id for every token (added tokens included), like Python's `tokenizer.vocab`. */
  get vocab(): Record<string, number> {
    return this.get_vocab();
  }

  // ---- calling the tokenizer ------------------------------------------------------------------

  /**
   * `tokenizer(text, options)` or, as in Python, `tokenizer(text, text_pair, options)`: encodes a
   * text, a pair, or a batch of either.
   */
  protected _call(text: TextInput, text_pair_or_options?: TextInput | TokenizerCallOptions | null, more_options?: TokenizerCallOptions): BatchEncoding {
    const options = mergeCallArguments(text_pair_or_options, more_options ?? {});
    const isSplit = options.is_split_into_words ?? false;
    const batched = isBatchedInput(text, isSplit, "text");
    // Like transformers' fast tokenizers, a single example with an empty text_pair ("" or []) is encoded alone.
    const textPair = !batched && isEmptyInput(options.text_pair) ? null : (options.text_pair ?? null);
    if (textPair !== null) {
      const pairBatched = isBatchedInput(textPair, isSplit, "text_pair");
      if (pairBatched !== batched) {
        throw new TokenizerInputError(
          batched
            ? "text is a batch but text_pair is a single example: give text_pair as an array with one entry per text."
            : "text is a single example but text_pair is a batch: give both as arrays of the same length.",
        );
      }
      if (batched && (text as unknown[]).length !== (textPair as unknown[]).length) {
        throw new TokenizerInputError(
          `batch length of \`text\`: ${(text as unknown[]).length} does not match batch length of \`text_pair\`: ${(textPair as unknown[]).length}.`,
        );
      }
    }
    const firsts = (batched ? text : [text]) as (string | string[])[];
    const seconds = textPair === null ? null : ((batched ? textPair : [textPair]) as (string | string[])[]);

    const addSpecial = options.add_special_tokens ?? true;
    const strategies = this.resolveStrategies(options.padding ?? false, options.truncation ?? null, options.max_length ?? null, options.pad_to_multiple_of ?? null, options.verbose ?? true);
    if (options.return_token_type_ids && !addSpecial) {
      throw new TokenizerOptionError(
        "Asking to return token_type_ids while setting add_special_tokens to false results in an undefined behavior. " +
          "Set add_special_tokens to true or leave return_token_type_ids unset.",
      );
    }
    const overflow = options.return_overflowing_tokens ?? false;
    if (options.stride !== undefined && (!Number.isSafeInteger(options.stride) || options.stride < 0))
      throw new TokenizerOptionError(`stride must be a non-negative integer, got ${JSON.stringify(options.stride)}.`);
    const stride = options.stride ?? 0;
    if (strategies.truncation !== "do_not_truncate" && strategies.maxLength !== null) {
      checkStrideFitsMaxLength(strategies.maxLength, stride, this.num_special_tokens_to_add(false));
    }
    const plans: RowPlan[] = [];
    firsts.forEach((first, i) => {
      if ((i & 1023) === 1023) throwIfInterrupted();
      const what = batched ? `text[${i}]` : "text";
      const a = this.encodeInput(first, isSplit, what);
      const b = seconds ? this.encodeInput(seconds[i], isSplit, batched ? `text_pair[${i}]` : "text_pair") : null;
      for (const plan of this.prepareRows(a, b, addSpecial, strategies, stride, overflow, isSplit, i, options.verbose ?? true)) plans.push(plan);
    });

    const asBatch = batched || overflow;
    const layout = this.specialTokensLayout(addSpecial, seconds !== null);
    let target = 0;
    if (strategies.padding === "longest") {
      for (const plan of plans) if (!plan.overflowing) target = Math.max(target, layout.length(plan));
    } else if (strategies.padding === "max_length") target = strategies.maxLength ?? 0;
    const unrounded = target;
    target = roundUp(target, options.pad_to_multiple_of ?? null);
    this.checkPaddedSize(plans.length, unrounded, target, strategies.padding, options);
    const wanted: WantedKeys = {
      token_type_ids: options.return_token_type_ids ?? this.model_input_names.includes("token_type_ids"),
      attention_mask: options.return_attention_mask ?? this.model_input_names.includes("attention_mask"),
      special_tokens_mask: options.return_special_tokens_mask ?? false,
    };
    const rows = plans.map((plan) => this.materializeRow(plan, layout, target, options.padding_side ?? this.padding_side, wanted));
    // The string a token's offsets index into: its text, or its word with is_split_into_words.
    const sourceOf = (sample: number, sequence: number, word: number | null): string => {
      const input = (sequence === 0 ? firsts : seconds!)[sample];
      return typeof input === "string" ? input : (input[word ?? 0] ?? "");
    };
    return this.assemble(rows, asBatch, seconds ? 2 : 1, options, !asBatch, sourceOf);
  }

  /**
   * Refuses a padded batch that would not fit in memory, before a single row is built: rows × target
   * length × (ids, types, masks), 8 bytes a value. `max_length: 1e9` would otherwise abort the process.
   */
  private checkPaddedSize(rows: number, unrounded: number, target: number, strategy: PaddingStrategy, options: { max_length?: number | null; pad_to_multiple_of?: number | null }): void {
    if (strategy === "do_not_pad" || target === 0) return;
    // name what made the rows this long: the rounding, the requested length, or the longest text
    const [field, value]: [string, unknown] =
      target > unrounded ? ["pad_to_multiple_of", options.pad_to_multiple_of]
      : strategy === "max_length" ? (options.max_length != null ? ["max_length", options.max_length] : ["model_max_length", this.model_max_length])
      : ["padding", true];
    refuseAbove(rows * target * 4 * 8, "batch", field, value, `to pad ${rows} row${rows === 1 ? "" : "s"} to ${target} tokens`);
  }

  private resolveStrategies(padding: PaddingOption, truncation: TruncationOption | null, maxLength: number | null, padToMultipleOf: number | null, verbose = true): Strategies {
    // Python's rule: a max_length without padding or truncation turns on truncation.
    if (maxLength !== null && padding === false && truncation === null) {
      if (verbose) warnOnce(
        "Truncation was not explicitly activated but `max_length` is provided a specific value, please use `truncation: true` to explicitly truncate examples to max length. Defaulting to 'longest_first' truncation strategy.",
      );
      truncation = "longest_first";
    }
    let paddingStrategy: PaddingStrategy;
    if (padding === true || padding === "longest") paddingStrategy = "longest";
    else if (padding === false || padding === "do_not_pad" || padding === undefined || padding === null) paddingStrategy = "do_not_pad";
    else if (padding === "max_length") paddingStrategy = "max_length";
    else throw new TokenizerOptionError(`padding must be true, false, "longest", "max_length" or "do_not_pad", got ${JSON.stringify(padding)}.`);

    let truncationStrategy: TruncationStrategy;
    if (truncation === true) truncationStrategy = "longest_first";
    else if (truncation === false || truncation === null || truncation === undefined || truncation === "do_not_truncate") truncationStrategy = "do_not_truncate";
    else if (truncation === "longest_first" || truncation === "only_first" || truncation === "only_second") truncationStrategy = truncation;
    else throw new TokenizerOptionError(`truncation must be true, false, "longest_first", "only_first" or "only_second", got ${JSON.stringify(truncation)}.`);

    if (maxLength !== null && (!Number.isSafeInteger(maxLength) || maxLength < 0)) {
      throw new TokenizerOptionError(`max_length must be a non-negative integer, got ${JSON.stringify(maxLength)}.`);
    }
    if (padToMultipleOf !== null && (!Number.isSafeInteger(padToMultipleOf) || padToMultipleOf < 0)) {
      throw new TokenizerOptionError(`pad_to_multiple_of must be a positive integer or null, got ${JSON.stringify(padToMultipleOf)}.`);
    }
    if (maxLength === null) {
      if (paddingStrategy === "max_length") {
        if (this.model_max_length > LARGE_INTEGER) {
          warnOnce("Asking to pad to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no padding.");
          paddingStrategy = "do_not_pad";
        } else maxLength = this.model_max_length;
      }
      if (truncationStrategy !== "do_not_truncate") {
        if (this.model_max_length > LARGE_INTEGER) {
          warnOnce("Asking to truncate to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no truncation.");
          truncationStrategy = "do_not_truncate";
        } else maxLength = this.model_max_length;
      }
    }
    if (paddingStrategy !== "do_not_pad" && (this.pad_token === null || this.pad_token_id === null || this.pad_token_id < 0)) {
      throw new TokenizerOptionError(
        "Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` " +
          "(tokenizer.pad_token = tokenizer.eos_token e.g.) or add a new pad token via tokenizer.add_special_tokens({ pad_token: '[PAD]' }).",
      );
    }
    if (truncationStrategy !== "do_not_truncate" && paddingStrategy !== "do_not_pad" && padToMultipleOf && maxLength !== null && maxLength % padToMultipleOf !== 0) {
      throw new TokenizerOptionError(
        `Truncation and padding are both activated but truncation length (${maxLength}) is not a multiple of pad_to_multiple_of (${padToMultipleOf}).`,
      );
    }
    return { padding: paddingStrategy, truncation: truncationStrategy, maxLength };
  }

  /**
   * One example → its row(s), truncated as the fast tokenizers do it (see truncation.ts): the kept
   * row, then with `return_overflowing_tokens` one row per overflowing window.
   */
  private prepareRows(
    a: EncodedText,
    b: EncodedText | null,
    addSpecial: boolean,
    strategies: Strategies,
    stride: number,
    overflow: boolean,
    isSplitIntoWords: boolean,
    sample: number,
    verbose: boolean,
  ): RowPlan[] {
    const { truncation, maxLength } = strategies;
    const numSpecial = this.num_special_tokens_to_add(b !== null);
    if (truncation === "do_not_truncate" || maxLength === null) {
      const total = a.ids.length + (b?.ids.length ?? 0) + (addSpecial ? numSpecial : 0);
      if (verbose && maxLength === null && total > this.model_max_length) {
        warnOnce(
          `Token indices sequence length is longer than the specified maximum sequence length for this model (${total} > ${this.model_max_length}). Running this sequence through the model will result in indexing errors`,
        );
      }
      return [{ a, b, sample, overflowing: false }];
    }
    if (!overflow && !isSplitIntoWords && maxLength > 0) {
      // Without overflowing tokens, follow tokenizers 0.23 (see stopAtWordReaching); overflowing
      // windows follow tokenizers <= 0.22, since 0.23.1-0.23.2 cut them short (huggingface/tokenizers#2091).
      if (truncation !== "only_second") a = stopAtWordReaching(a, maxLength, this.truncation_side);
      if (b) b = stopAtWordReaching(b, maxLength, this.truncation_side);
    }
    if (maxLength === 0 && verbose) {
      // As the fast tokenizers treat it; rarely what was meant, so this says so once.
      warnOnce(addSpecial && numSpecial > 0
        ? `max_length=0 leaves no room for the ${numSpecial} special tokens, so nothing is truncated (as in transformers). Pass max_length ≥ ${numSpecial + 1} to truncate, or no max_length.`
        : "max_length=0 with truncation removes every token, so each row is empty (as in transformers). Pass a positive max_length, or no max_length.");
    }
    const budget = sequenceBudget(maxLength, numSpecial, addSpecial);
    if (budget === null) return [{ a, b, sample, overflowing: false }];
    const windows = truncateSequences(a, b, budget, truncation as TruncationStrategyName, stride, this.truncation_side);
    const pairs = overflow ? overflowingPairs(windows.a, windows.b) : [[windows.a[0], windows.b?.[0] ?? null] as const];
    return pairs.map(([wa, wb], k) => ({ a: wa, b: wb, sample, overflowing: k > 0 }));
  }

  /**
   * Where this tokenizer puts special tokens, read off its own `build_inputs_with_special_tokens`,
   * `create_token_type_ids_from_sequences` (on one-token placeholder sequences) so that rows can be
   * written straight into arrays of their final, padded length.
   */
  private specialTokensLayout(addSpecial: boolean, pair: boolean): SpecialTokensLayout {
    // Without special tokens the sequences keep their types, as the fast tokenizers' templates give them.
    if (!addSpecial) {
      const types = this.create_token_type_ids_from_sequences([-1], pair ? [-2] : null);
      const typeB = pair ? types[types.length - 1] : 0;
      return new SpecialTokensLayout([], [], [], types[0], typeB, [], [], []);
    }
    const A = -1;
    const B = -2;
    const ids = this.build_inputs_with_special_tokens([A], pair ? [B] : null);
    const types = this.create_token_type_ids_from_sequences([A], pair ? [B] : null);
    const posA = ids.indexOf(A);
    const posB = pair ? ids.indexOf(B) : ids.length;
    if (posA < 0 || (pair && posB < posA) || types.length !== ids.length) {
      throw new TokenizerOptionError(`${this.tokenizer_class} places special tokens in a way this tokenizer base class cannot lay out.`);
    }
    return new SpecialTokensLayout(
      ids.slice(0, posA),
      pair ? ids.slice(posA + 1, posB) : [],
      ids.slice(pair ? posB + 1 : posA + 1),
      types[posA],
      pair ? types[posB] : 0,
      types.slice(0, posA),
      pair ? types.slice(posA + 1, posB) : [],
      types.slice(pair ? posB + 1 : posA + 1),
    );
  }

  /** One row, written once at its final length: ids, the requested masks, and lazy per-token details. */
  private materializeRow(plan: RowPlan, layout: SpecialTokensLayout, target: number, side: PaddingSide, wanted: WantedKeys): EncodedRow {
    const { a, b } = plan;
    const length = layout.length(plan);
    const total = Math.max(length, target);
    const padLeft = side === "left" ? total - length : 0;
    const ids: number[] = new Array(total);
    const types: number[] | null = wanted.token_type_ids ? new Array(total) : null;
    const special: number[] | null = wanted.special_tokens_mask ? new Array(total) : null;
    const attention: number[] | null = wanted.attention_mask ? new Array(total) : null;
    const padId = total > length ? this.pad_token_id! : 0;
    const padType = this.pad_token_type_id;
    let p = 0;
    const put = (id: number, type: number, isSpecial: number, attend: number) => {
      ids[p] = id;
      if (types) types[p] = type;
      if (special) special[p] = isSpecial;
      if (attention) attention[p] = attend;
      p++;
    };
    for (let k = 0; k < padLeft; k++) put(padId, padType, 1, 0);
    for (let k = 0; k < layout.before.length; k++) put(layout.before[k], layout.beforeTypes[k], 1, 1);
    for (let k = 0; k < a.ids.length; k++) put(a.ids[k], layout.typeA, 0, 1);
    if (b) {
      for (let k = 0; k < layout.between.length; k++) put(layout.between[k], layout.betweenTypes[k], 1, 1);
      for (let k = 0; k < b.ids.length; k++) put(b.ids[k], layout.typeB, 0, 1);
    }
    for (let k = 0; k < layout.after.length; k++) put(layout.after[k], layout.afterTypes[k], 1, 1);
    while (p < total) put(padId, padType, 1, 0);
    const encoding = new LazyEncoding(() => this.describeRow(plan, layout), this.pad_token ?? "");
    encoding.addPadding(padLeft, total - length - padLeft);
    return {
      input_ids: ids,
      token_type_ids: types ?? [],
      special_tokens_mask: special ?? [],
      attention_mask: attention ?? [],
      encoding,
      sample: plan.sample,
      length,
    };
  }

  /** Tokens, word ids, sequence ids and offsets of a row (before padding); special tokens get null words and (0, 0) spans. */
  private describeRow(plan: RowPlan, layout: SpecialTokensLayout): EncodingInfo {
    const info: EncodingInfo = { tokens: [], word_ids: [], sequence_ids: [], offsets: [] };
    const specials = (ids: number[]) => {
      for (const id of ids) {
        info.tokens.push(this.idToToken(id) ?? "");
        info.word_ids.push(null);
        info.sequence_ids.push(null);
        info.offsets.push([0, 0]);
      }
    };
    const sequence = (seq: EncodedText, index: number) => {
      for (let k = 0; k < seq.ids.length; k++) {
        info.tokens.push(seq.tokens[k]);
        info.word_ids.push(seq.words[k]);
        info.sequence_ids.push(index);
        info.offsets.push([seq.starts[k], seq.ends[k]]);
      }
    };
    specials(layout.before);
    sequence(plan.a, 0);
    if (plan.b) {
      specials(layout.between);
      sequence(plan.b, 1);
    }
    specials(layout.after);
    return info;
  }

  /** A row with special tokens and no padding (for `tokenize(..., { add_special_tokens: true })`). */
  protected buildRow(a: EncodedText, b: EncodedText | null, addSpecial: boolean, sample: number): EncodedRow {
    const layout = this.specialTokensLayout(addSpecial, b !== null);
    return this.materializeRow({ a, b, sample, overflowing: false }, layout, 0, this.padding_side, { token_type_ids: true, attention_mask: true, special_tokens_mask: true });
  }

  private assemble(
    rows: EncodedRow[],
    asBatch: boolean,
    nSequences: number,
    options: TokenizerCallOptions,
    lengthAfterPadding: boolean,
    sourceOf: (sample: number, sequence: number, word: number | null) => string,
  ): BatchEncoding {
    const pick = <T>(f: (row: EncodedRow) => T): T | T[] => (asBatch ? rows.map(f) : f(rows[0]));
    const data: Record<string, unknown> = { input_ids: pick((r) => r.input_ids) };
    const wantTypes = options.return_token_type_ids ?? this.model_input_names.includes("token_type_ids");
    const wantAttention = options.return_attention_mask ?? this.model_input_names.includes("attention_mask");
    if (wantTypes) data.token_type_ids = pick((r) => r.token_type_ids);
    if (wantAttention) data.attention_mask = pick((r) => r.attention_mask);
    if (options.return_special_tokens_mask) data.special_tokens_mask = pick((r) => r.special_tokens_mask);
    const offsetsIn = options.return_offsets_mapping;
    if (offsetsIn !== undefined && offsetsIn !== null && typeof offsetsIn !== "boolean" && offsetsIn !== "code_points") {
      throw new TokenizerOptionError(`return_offsets_mapping must be true, false or "code_points", got ${JSON.stringify(offsetsIn)}.`);
    }
    if (offsetsIn === "code_points") data.offset_mapping = pick((r) => codePointOffsetsOfRow(r, sourceOf));
    else if (offsetsIn) data.offset_mapping = pick((r) => r.encoding.offsets);
    if (options.return_length) data.length = pick((r) => (lengthAfterPadding ? r.input_ids.length : r.length));
    if (options.return_overflowing_tokens) data.overflow_to_sample_mapping = rows.map((r) => r.sample);
    const tensorType = options.return_tensors ?? null;
    if (tensorType && !asBatch) {
      // Python prepends a batch axis for a single example returned as tensors.
      for (const key of Object.keys(data)) data[key] = [data[key]];
    }
    return new BatchEncoding(data, rows.map((r) => r.encoding), tensorType, nSequences);
  }

  // ---- padding features (DataCollatorWithPadding calls this) ---------------------------------

  /**
   * Pads already-encoded examples: a list of `{ input_ids, attention_mask, … }` objects (each
   * example a dict, as a data collator receives them) or one BatchEncoding/dict of lists.
   * Keys other than the tokenizer's are passed through unchanged.
   */
  pad(encoded_inputs: BatchEncoding | Record<string, unknown> | Record<string, unknown>[], options: PadOptions = {}): BatchEncoding {
    let encodings: EncodingInfo[] | null = null;
    let columns: Record<string, unknown>;
    if (Array.isArray(encoded_inputs)) {
      if (encoded_inputs.length === 0) return new BatchEncoding({}, null, options.return_tensors);
      const keys = Object.keys(encoded_inputs[0] instanceof BatchEncoding ? { ...encoded_inputs[0] } : encoded_inputs[0]);
      columns = {};
      for (const key of keys) columns[key] = encoded_inputs.map((example, i) => {
        if (example === null || typeof example !== "object") throw new TokenizerInputError(`pad() expects an array of objects; item ${i} is ${describe(example)}.`);
        return toPlain((example as Record<string, unknown>)[key]);
      });
      if (encoded_inputs.every((e) => e instanceof BatchEncoding && e.encodings)) {
        encodings = encoded_inputs.map((e) => (e as BatchEncoding).encodings![0]);
      }
    } else if (encoded_inputs !== null && typeof encoded_inputs === "object") {
      columns = {};
      for (const [key, value] of Object.entries(encoded_inputs)) columns[key] = toPlain(value);
      if (encoded_inputs instanceof BatchEncoding) encodings = encoded_inputs.encodings;
    } else {
      throw new TokenizerInputError(`pad() expects a BatchEncoding, a dict of lists, or an array of dicts; got ${describe(encoded_inputs)}.`);
    }
    const mainKey = this.model_input_names[0];
    const required = columns[mainKey];
    if (!Array.isArray(required)) {
      throw new TokenizerInputError(`You should supply an encoding or a list of encodings to this method that includes ${mainKey}, but you provided ${JSON.stringify(Object.keys(columns))}.`);
    }
    const batched = required.length > 0 && Array.isArray(required[0]);
    const { padding: strategy, maxLength } = this.resolveStrategies(options.padding ?? true, null, options.max_length ?? null, options.pad_to_multiple_of ?? null, options.verbose ?? true);
    const wantAttention = options.return_attention_mask ?? this.model_input_names.includes("attention_mask");
    const side = options.padding_side ?? this.padding_side;
    const rowsOf = (key: string): unknown[][] | null => {
      const value = columns[key];
      if (value === undefined) return null;
      return batched ? (value as unknown[][]) : [value as unknown[]];
    };
    const ids = rowsOf(mainKey) as number[][];
    let target = strategy === "longest" ? ids.reduce((longest, r) => Math.max(longest, r.length), 0) : (maxLength ?? 0);
    const unrounded = target;
    target = roundUp(target, options.pad_to_multiple_of ?? null);
    this.checkPaddedSize(ids.length, unrounded, target, strategy, options);
    const padded: Record<string, unknown[][]> = {};
    const padValues: Record<string, unknown> = {
      [mainKey]: this.pad_token_id,
      attention_mask: 0,
      token_type_ids: this.pad_token_type_id,
      special_tokens_mask: 1,
      offset_mapping: [0, 0],
    };
    const newEncodings: LazyEncoding[] = [];
    const attention: number[][] = ids.map((row, i) => ((rowsOf("attention_mask")?.[i] as number[] | undefined) ?? new Array(row.length).fill(1)).slice());
    ids.forEach((row, i) => {
      const difference = strategy === "do_not_pad" ? 0 : Math.max(0, target - row.length);
      const [left, right] = side === "left" ? [difference, 0] : [0, difference];
      for (const key of Object.keys(padValues)) {
        const values = key === "attention_mask" ? attention[i] : (rowsOf(key)?.[i] as unknown[] | undefined);
        if (!values) continue;
        const fill = () => (key === "offset_mapping" ? [0, 0] : padValues[key]);
        (padded[key] ??= []).push([...Array.from({ length: left }, fill), ...values, ...Array.from({ length: right }, fill)]);
      }
      const base = encodings?.[i];
      if (base) {
        const encoding = new LazyEncoding(() => ({ tokens: base.tokens, word_ids: base.word_ids, sequence_ids: base.sequence_ids, offsets: base.offsets }), this.pad_token ?? "");
        encoding.addPadding(left, right);
        newEncodings.push(encoding);
      }
    });
    const out: Record<string, unknown> = {};
    const shape = (values: unknown[][] | undefined) => (values === undefined ? undefined : batched ? values : values[0]);
    for (const key of Object.keys(columns)) out[key] = key in padded ? shape(padded[key]) : columns[key];
    if (wantAttention && !("attention_mask" in out)) out.attention_mask = shape(padded.attention_mask);
    return new BatchEncoding(out, encodings ? newEncodings : null, options.return_tensors ?? null);
  }

  // ---- training ------------------------------------------------------------------------------

  /** The word as the trainer sees it (byte-level tokenizers spell it in bytes). */
  protected trainingWord(word: Word): string {
    return word.text;
  }
  /** Trainer settings specific to the model type (alphabet, continuing-subword prefix). */
  protected abstract trainerOptions(): Pick<BpeTrainerOptions, "initial_alphabet" | "continuing_subword_prefix">;
  /** A tokenizer like this one (same normalization, special tokens, settings) on a freshly trained vocabulary. */
  protected abstract withTrainedVocabulary(result: BpeTrainingResult): PreTrainedTokenizer;

  /**
   * Trains a new tokenizer of the same kind (same normalization, pre-tokenization and special
   * tokens) on a corpus: `text_iterator` yields texts or batches (arrays) of texts. WordPiece and
   * byte-level BPE vocabularies are learned by merging the most frequent pairs; the result is
   * deterministic, so training twice on the same corpus gives identical files.
   */
  train_new_from_iterator(
    text_iterator: Iterable<string | string[]>,
    vocab_size: number,
    options: { new_special_tokens?: string[]; min_frequency?: number; length?: number } = {},
  ): this {
    if (!Number.isInteger(vocab_size) || vocab_size <= 0) throw new TokenizerOptionError(`vocab_size must be a positive integer, got ${vocab_size}.`);
    if (text_iterator === null || typeof (text_iterator as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw new TokenizerInputError(`train_new_from_iterator needs an iterable of texts (or of arrays of texts), got ${describe(text_iterator)}.`);
    }
    const counts = new Map<string, number>();
    const words: Word[] = [];
    let seen = 0;
    const countText = (text: unknown) => {
      checkText(text, `text ${seen}`);
      seen++;
      if (seen % 1024 === 0) throwIfInterrupted();
      const source = this.prepareForTokenization(text, false).text;
      for (const segment of this.getSplitter().split(source)) {
        if (segment.token) continue;
        words.length = 0;
        this.preTokenize(source.slice(segment.start, segment.end), 0, words);
        for (const word of words) {
          const key = this.trainingWord(word);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    };
    for (const item of text_iterator) {
      if (Array.isArray(item)) item.forEach(countText);
      else countText(item);
    }
    const special = this.all_special_tokens
      .map((t) => [t, this.tokenToId(t) ?? Infinity] as [string, number])
      .sort((a, b) => a[1] - b[1])
      .map(([t]) => t);
    for (const t of options.new_special_tokens ?? []) if (!special.includes(t)) special.push(t);
    const result = trainBpe(counts, {
      vocab_size,
      special_tokens: special,
      min_frequency: options.min_frequency,
      ...this.trainerOptions(),
    });
    const trained = this.withTrainedVocabulary(result);
    if (options.new_special_tokens?.length) trained.add_special_tokens({ additional_special_tokens: [...trained.additional_special_tokens, ...options.new_special_tokens] });
    trained.name_or_path = "";
    return trained as this;
  }

  // ---- decoding ------------------------------------------------------------------------------

  /**
   * Ids back to text as transformers 5 does it: the tokens (special ones dropped with
   * `skip_special_tokens`) go through the tokenizer's decoder (`convert_tokens_to_string`), then
   * `clean_up_tokenization` runs if asked for, except on BPE tokenizers such as GPT-2, which
   * ignore it because it would remove real spaces. `spaces_between_special_tokens` has no effect,
   * as in transformers 5.
   */
  decode(token_ids: number | number[] | Tensor, options: DecodeOptions = {}): string {
    const ids = typeof token_ids === "number" || typeof token_ids === "bigint" ? [Number(token_ids)] : toIdList(token_ids, "decode");
    const special = options.skip_special_tokens ? new Set(this.all_special_ids) : null;
    const tokens: string[] = [];
    for (const id of ids) {
      if (special && special.has(id)) continue;
      const token = this.idToToken(id);
      if (token !== null) tokens.push(token);
    }
    const text = this.convert_tokens_to_string(tokens);
    const cleanUp = options.clean_up_tokenization_spaces ?? this.clean_up_tokenization_spaces;
    return cleanUp && this.model.type !== "BPE" ? clean_up_tokenization(text) : text;
  }

  /** `decode` for each row of a batch (a list of id lists or a 2-D Tensor). */
  batch_decode(sequences: number[][] | Tensor, options: DecodeOptions = {}): string[] {
    const rows = sequences instanceof Tensor ? (sequences.tolist() as number[][]) : sequences;
    if (!Array.isArray(rows)) throw new TokenizerInputError(`batch_decode expects a list of id lists or a 2-D Tensor, got ${describe(sequences)}.`);
    return rows.map((row) => this.decode(row, options));
  }

  // ---- description ---------------------------------------------------------------------------

  toString(): string {
    const special = Object.entries(this.special_tokens_map)
      .map(([k, v]) => `'${k}': ${JSON.stringify(v)}`)
      .join(", ");
    return (
      `${this.tokenizer_class}(name_or_path='${this.name_or_path}', vocab_size=${this.vocab_size}, ` +
      `model_max_length=${this.model_max_length}, is_fast=true, padding_side='${this.padding_side}', ` +
      `truncation_side='${this.truncation_side}', special_tokens={${special}})`
    );
  }

  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.toString() };
  }

  /**
   * The pipeline in pieces, as transformers' fast tokenizers expose it:
   * `backend_tokenizer.normalizer.normalize_str(text)`, `.pre_tokenizer.pre_tokenize_str(text)`,
   * `.model.tokenize(word)`, `.post_processor.process(tokens)`, `.decoder.decode(tokens)`.
   * Built from this tokenizer's tokenizer.json, again after tokens are added.
   */
  get backend_tokenizer(): BackendTokenizer {
    const key = `${this.len} ${JSON.stringify(this.special_tokens_map)}`;
    if (this.backend?.key !== key) this.backend = { key, tokenizer: new BackendTokenizer(this) };
    return this.backend.tokenizer;
  }

  private backend: { key: string; tokenizer: BackendTokenizer } | null = null;

  /** `backend_tokenizer.encode`: one text or pair, no truncation or padding, with offsets and word ids. */
  encodeForBackend(sequence: string, pair: string | null, add_special_tokens: boolean): BackendEncoding {
    const enc = this._call(sequence, pair, { add_special_tokens, return_offsets_mapping: true, return_special_tokens_mask: true });
    const row = (name: string) => enc[name] as number[];
    return {
      ids: row("input_ids"),
      tokens: enc.tokens(),
      type_ids: (enc.token_type_ids as number[] | undefined) ?? row("input_ids").map(() => 0),
      attention_mask: row("attention_mask"),
      special_tokens_mask: row("special_tokens_mask"),
      offsets: enc.offset_mapping as [number, number][],
      word_ids: enc.word_ids(),
    };
  }

  /** Uploads the tokenizer files as Python's `tokenizer.push_to_hub(repo_id)` does; not available yet (raises PushToHubUnavailableError). */
  async push_to_hub(_repo_id: string, _options: Record<string, unknown> = {}): Promise<never> {
    throw new PushToHubUnavailableError(`${this.constructor.name}.push_to_hub`);
  }

  /** The whole tokenizer as a tokenizer.json object (the format the Rust and JS tokenizers load). */
  toTokenizerJSON(): Record<string, unknown> {
    const addedTokens: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    const entries: [number, AddedToken][] = [];
    for (const token of this.noSplitTokens.values()) {
      const id = this.tokenToId(token.content);
      if (id === null || seen.has(token.content)) continue;
      if (!this.model.vocab.has(token.content) || token.content === this.unk_token || this.all_special_tokens.includes(token.content)) {
        seen.add(token.content);
        entries.push([id, token]);
      }
    }
    entries.sort((x, y) => x[0] - y[0]);
    for (const [id, token] of entries) {
      addedTokens.push({
        id,
        content: token.content,
        single_word: token.single_word,
        lstrip: token.lstrip,
        rstrip: token.rstrip,
        normalized: token.normalized,
        special: token.special || this.all_special_tokens.includes(token.content),
      });
    }
    return { version: "1.0", truncation: null, padding: null, added_tokens: addedTokens, ...this.pipelineJSON(), model: this.model.toJSON() };
  }

  /** Subclasses' tokenizer_config.json entries beyond the shared ones. */
  protected configJSON(): Record<string, unknown> {
    return {};
  }

  /** tokenizer_config.json's content. */
  toTokenizerConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.init_kwargs)) {
      if (key === "name_or_path" || key === "tokenizer_file" || key === "special_tokens_map_file") continue;
      config[key] = value instanceof AddedToken ? value.content : value;
    }
    Object.assign(config, this.configJSON(), this.special_tokens_map);
    if (!this.additionalSpecialTokens.length) delete config.additional_special_tokens;
    config.model_max_length = this.model_max_length;
    config.padding_side = this.padding_side;
    config.truncation_side = this.truncation_side;
    config.clean_up_tokenization_spaces = this.clean_up_tokenization_spaces;
    config.tokenizer_class = this.tokenizer_class;
    return config;
  }

  /** Writes tokenizer.json, tokenizer_config.json, special_tokens_map.json, added_tokens.json (if any) and the vocabulary files. */
  save_pretrained(save_directory: string): string[] {
    // Imported lazily so that the browser-free core above never touches the file system.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { saveTokenizer } = require("./save") as typeof import("./save");
    return saveTokenizer(this, save_directory);
  }
}

function toAddedToken(token: TokenLike, special: boolean): AddedToken {
  if (token instanceof AddedToken) {
    if (special && !token.special) return new AddedToken(token.content, { ...token, special: true });
    return token;
  }
  if (typeof token !== "string") throw new TokenizerInputError(`A token must be a string or an AddedToken, got ${describe(token)}.`);
  return new AddedToken(token, { special, normalized: !special });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Tensor) return `a Tensor of shape [${value.shape.join(", ")}]`;
  if (typeof value === "object") return `an object (${(value as object).constructor?.name ?? "Object"})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function checkText(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string") {
    throw new TokenizerInputError(
      `${what} must be a string, got ${describe(value)}. A tokenizer takes a string, an array of strings (a batch), ` +
        "or with is_split_into_words: true an array of words (or a batch of such arrays).",
    );
  }
  if (hasLoneSurrogate(value)) {
    const index = [...value].findIndex((ch) => ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff);
    throw new TokenizerInputError(
      `${what} contains a lone UTF-16 surrogate (at code point ${index}), which is not valid Unicode text and has no UTF-8 form. ` +
        "Fix the string, e.g. with text.toWellFormed().",
    );
  }
}

/** A row's offsets counted in code points of the string each token came from. */
function codePointOffsetsOfRow(row: EncodedRow, sourceOf: (sample: number, sequence: number, word: number | null) => string): [number, number][] {
  const { offsets, sequence_ids, word_ids } = row.encoding;
  const indexes = new Map<string, CodePointIndex>();
  return offsets.map(([start, end], t) => {
    const sequence = sequence_ids[t];
    if (sequence === null) return [start, end];
    const source = sourceOf(row.sample, sequence, word_ids[t]);
    let index = indexes.get(source);
    if (!index) indexes.set(source, (index = new CodePointIndex(source)));
    return [index.at(start), index.at(end)];
  });
}

function isEmptyInput(input: unknown): boolean {
  return input === "" || (Array.isArray(input) && input.length === 0);
}

/** Decides whether the input is a batch, checking its shape on the way. */
function isBatchedInput(input: unknown, isSplit: boolean, what: string): boolean {
  if (typeof input === "string") {
    if (isSplit) throw new TokenizerInputError(`${what} must be an array of words when is_split_into_words is true, got a string.`);
    return false;
  }
  if (!Array.isArray(input)) {
    throw new TokenizerInputError(
      `${what} input must be of type string (single example), string[] (batch or single pretokenized example) or string[][] (batch of pretokenized examples); got ${describe(input)}.`,
    );
  }
  if (!isSplit) return true;
  return input.length > 0 && Array.isArray(input[0]);
}

function toIdList(ids: unknown, what: string): number[] {
  if (ids instanceof Tensor) {
    if (ids.ndim > 1 && !(ids.ndim === 2 && ids.shape[0] === 1)) throw new TokenizerInputError(`${what} takes one sequence of ids; use batch_decode for a Tensor of shape [${ids.shape.join(", ")}].`);
    return (ids.tolist() as unknown[]).flat(2) as number[];
  }
  if (!Array.isArray(ids)) throw new TokenizerInputError(`${what} takes a list of token ids, got ${describe(ids)}.`);
  return ids.map((id, i) => {
    if (typeof id === "bigint") return Number(id);
    if (typeof id !== "number" || !Number.isInteger(id)) {
      throw new TokenizerInputError(`${what} takes integer token ids; item ${i} is ${describe(id)}${Array.isArray(id) ? " (use batch_decode for a batch)" : ""}.`);
    }
    return id;
  });
}

/** Python lets the pair be the second positional argument; here it may also be, before the options object. */
function mergeCallArguments(second: unknown, options: TokenizerCallOptions): TokenizerCallOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TokenizerInputError("The last argument of a tokenizer call is an options object, e.g. tokenizer(text, { text_pair, padding: true }).");
  }
  if (second === undefined) return options;
  if (second === null) return { ...options, text_pair: null };
  if (typeof second === "string" || Array.isArray(second)) {
    if (options.text_pair !== undefined && options.text_pair !== null) {
      throw new TokenizerInputError("text_pair was given twice: as the second argument and in the options.");
    }
    return { ...options, text_pair: second as TextInput };
  }
  if (typeof second === "object" && !(second instanceof Tensor)) return { ...(second as TokenizerCallOptions), ...options };
  throw new TokenizerInputError(`The second argument of a tokenizer call is the text pair or the options object, got ${describe(second)}.`);
}

function toPlain(value: unknown): unknown {
  return value instanceof Tensor ? value.tolist() : value;
}
