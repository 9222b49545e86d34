import * as fs from "node:fs";
import * as path from "node:path";
import { BertNormalizerOptions, bertPreTokenize } from "./bert_pre_tokenizer";
import { BpeTrainingResult } from "./bpe_trainer";
import { decodeWordPiece } from "./decoders";
import { writeFileAtomic } from "./files";
import { PreTrainedTokenizer, TokenizerSettings } from "./tokenization_utils";
import { Word } from "./word";
import { WordPieceModel } from "./wordpiece_model";
import { checkUnknownToken, checkVocab } from "./vocab_checks";

export interface BertTokenizerSettings extends TokenizerSettings {
  do_lower_case?: boolean;
  /** null: strip accents exactly when lowercasing (Python's default). */
  strip_accents?: boolean | null;
  tokenize_chinese_chars?: boolean;
  /** Delete control characters and turn every whitespace character into a space. */
  clean_text?: boolean;
}

/** BERT's defaults for the special tokens. */
export const BERT_SPECIAL_TOKENS = { unk_token: "[UNK]", sep_token: "[SEP]", pad_token: "[PAD]", cls_token: "[CLS]", mask_token: "[MASK]" };

/**
 * BERT's tokenizer: basic tokenization (clean, split on whitespace and punctuation, CJK characters
 * apart, optional lowercasing and accent stripping), then WordPiece. Inputs look like
 * `[CLS] A [SEP]` or `[CLS] A [SEP] B [SEP]`, with token type 0 for A and 1 for B.
 */
export class BertTokenizer extends PreTrainedTokenizer {
  readonly tokenizer_class: string = "BertTokenizer";
  override model_input_names = ["input_ids", "token_type_ids", "attention_mask"];
  readonly do_lower_case: boolean;
  readonly normalizerOptions: BertNormalizerOptions;

  constructor(model: WordPieceModel, settings: BertTokenizerSettings = {}) {
    super(model, { ...BERT_SPECIAL_TOKENS, ...settings });
    this.do_lower_case = settings.do_lower_case ?? true;
    this.normalizerOptions = {
      lowercase: this.do_lower_case,
      strip_accents: settings.strip_accents ?? null,
      handle_chinese_chars: settings.tokenize_chinese_chars ?? true,
      clean_text: settings.clean_text ?? true,
    };
    this.init_kwargs = {
      do_lower_case: this.do_lower_case,
      strip_accents: this.normalizerOptions.strip_accents,
      tokenize_chinese_chars: this.normalizerOptions.handle_chinese_chars,
      ...this.init_kwargs,
    };
  }

  /** A BERT tokenizer from a vocab.txt file (one token per line, the line number is the id). */
  static fromVocabFile(vocabFile: string, settings: BertTokenizerSettings = {}): BertTokenizer {
    return new this(wordPieceFromVocabTxt(vocabFile, tokenString(settings.unk_token) ?? "[UNK]"), settings);
  }

  protected preTokenize(text: string, offset: number, out: Word[]): void {
    bertPreTokenize(text, this.normalizerOptions, offset, out);
  }

  protected trainerOptions() {
    return { continuing_subword_prefix: "##" };
  }

  protected withTrainedVocabulary(result: BpeTrainingResult): BertTokenizer {
    const model = new WordPieceModel({ vocab: Object.fromEntries(result.vocab), unk_token: this.unk_token ?? "[UNK]" });
    const Class = this.constructor as typeof BertTokenizer;
    return new Class(model, { ...this.init_kwargs, ...this.special_tokens_map, model_max_length: this.model_max_length, padding_side: this.padding_side, truncation_side: this.truncation_side, clean_text: this.normalizerOptions.clean_text });
  }

  protected override lowercasesInput(): boolean {
    return this.do_lower_case;
  }

  build_inputs_with_special_tokens(token_ids_0: number[], token_ids_1?: number[] | null): number[] {
    const cls = this.cls_token_id!;
    const sep = this.sep_token_id!;
    if (!token_ids_1) return [cls, ...token_ids_0, sep];
    return [cls, ...token_ids_0, sep, ...token_ids_1, sep];
  }

  get_special_tokens_mask(token_ids_0: number[], token_ids_1?: number[] | null, already_has_special_tokens = false): number[] {
    if (already_has_special_tokens) {
      const special = new Set(this.all_special_ids);
      return token_ids_0.map((id) => (special.has(id) ? 1 : 0));
    }
    const zeros = (n: number) => new Array(n).fill(0);
    if (!token_ids_1) return [1, ...zeros(token_ids_0.length), 1];
    return [1, ...zeros(token_ids_0.length), 1, ...zeros(token_ids_1.length), 1];
  }

  override create_token_type_ids_from_sequences(token_ids_0: number[], token_ids_1?: number[] | null): number[] {
    const first = new Array(token_ids_0.length + 2).fill(0);
    if (!token_ids_1) return first;
    return [...first, ...new Array(token_ids_1.length + 1).fill(1)];
  }

  convert_tokens_to_string(tokens: string[]): string {
    return decodeWordPiece(tokens);
  }

  save_vocabulary(save_directory: string, filename_prefix?: string): string[] {
    const file = path.join(save_directory, (filename_prefix ? `${filename_prefix}-` : "") + "vocab.txt");
    const tokens = [...this.model.vocab.entries()].sort((a, b) => a[1] - b[1]).map(([token]) => token);
    writeFileAtomic(file, tokens.join("\n") + "\n");
    return [file];
  }

  protected pipelineJSON(): Record<string, unknown> {
    const cls = this.cls_token!;
    const sep = this.sep_token!;
    return {
      normalizer: {
        type: "BertNormalizer",
        clean_text: this.normalizerOptions.clean_text,
        handle_chinese_chars: this.normalizerOptions.handle_chinese_chars,
        strip_accents: this.normalizerOptions.strip_accents,
        lowercase: this.normalizerOptions.lowercase,
      },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: cls, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: sep, type_id: 0 } }],
        pair: [
          { SpecialToken: { id: cls, type_id: 0 } },
          { Sequence: { id: "A", type_id: 0 } },
          { SpecialToken: { id: sep, type_id: 0 } },
          { Sequence: { id: "B", type_id: 1 } },
          { SpecialToken: { id: sep, type_id: 1 } },
        ],
        special_tokens: {
          [cls]: { id: cls, ids: [this.cls_token_id], tokens: [cls] },
          [sep]: { id: sep, ids: [this.sep_token_id], tokens: [sep] },
        },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    };
  }
}

/** The same tokenizer; Python has a separate Rust-backed class, here one class does both. */
export class BertTokenizerFast extends BertTokenizer {}

/** DistilBERT uses BERT's tokenizer, but its model takes no token_type_ids. */
export class DistilBertTokenizer extends BertTokenizer {
  override readonly tokenizer_class: string = "DistilBertTokenizer";
  override model_input_names = ["input_ids", "attention_mask"];
}

export class DistilBertTokenizerFast extends DistilBertTokenizer {}

export function readVocabTxt(file: string): Record<string, number> {
  const vocab: Record<string, number> = Object.create(null);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, index) => {
    const token = line.replace(/\r$/, "");
    vocab[token] = index; // a repeated line takes the later id, as in Python
  });
  return vocab;
}

/** A WordPiece model on a vocab.txt, refused at load when it could not encode anything. */
export function wordPieceFromVocabTxt(file: string, unkToken: string): WordPieceModel {
  const vocab = readVocabTxt(file);
  checkVocab(vocab, file, "one token per line");
  checkUnknownToken(vocab, unkToken, file);
  return new WordPieceModel({ vocab, unk_token: unkToken });
}

export function tokenString(token: unknown): string | null {
  if (typeof token === "string") return token;
  if (token && typeof token === "object" && typeof (token as { content?: unknown }).content === "string") return (token as { content: string }).content;
  return null;
}
