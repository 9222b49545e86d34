import * as fs from "node:fs";
import * as path from "node:path";
import { ByteLevelBPEModel } from "./bpe_model";
import { BpeTrainingResult } from "./bpe_trainer";
import { BYTE_TO_CHAR, toByteLevel } from "./byte_level";
import { decodeByteLevel } from "./decoders";
import { gpt2PreTokenize } from "./gpt2_pre_tokenizer";
import { TokenizerFileError } from "./errors";
import { readJSON, writeFileAtomic } from "./files";
import { PreTrainedTokenizer, TokenizerSettings } from "./tokenization_utils";
import { Word } from "./word";
import { checkVocab } from "./vocab_checks";

export interface GPT2TokenizerSettings extends TokenizerSettings {
  /** Put a space before the text, so its first word is encoded like any other word. */
  add_prefix_space?: boolean;
  /** Start every sequence with the bos token. */
  add_bos_token?: boolean;
  errors?: string;
}

export const GPT2_SPECIAL_TOKENS = { unk_token: "<|endoftext|>", bos_token: "<|endoftext|>", eos_token: "<|endoftext|>" };

/**
 * GPT-2's tokenizer: split with GPT-2's regular expression, spell each piece in bytes, merge with
 * byte-level BPE. No special tokens are added around the text (unless `add_bos_token`), and there
 * is no padding token until you set one (`tokenizer.pad_token = tokenizer.eos_token`).
 */
export class GPT2Tokenizer extends PreTrainedTokenizer {
  readonly tokenizer_class: string = "GPT2Tokenizer";
  override model_input_names = ["input_ids", "attention_mask"];
  add_prefix_space: boolean;
  add_bos_token: boolean;

  constructor(model: ByteLevelBPEModel, settings: GPT2TokenizerSettings = {}) {
    super(model, { ...GPT2_SPECIAL_TOKENS, ...settings });
    this.add_prefix_space = settings.add_prefix_space ?? false;
    this.add_bos_token = settings.add_bos_token ?? false;
    this.init_kwargs = { errors: "replace", add_prefix_space: this.add_prefix_space, add_bos_token: this.add_bos_token, ...this.init_kwargs };
  }

  /** A GPT-2 tokenizer from vocab.json (token → id) and merges.txt (one merge per line, by priority). */
  static fromVocabFiles(vocabFile: string, mergesFile: string, settings: GPT2TokenizerSettings = {}): GPT2Tokenizer {
    return new this(bpeFromVocabFiles(vocabFile, mergesFile), settings);
  }

  protected preTokenize(text: string, offset: number, out: Word[]): void {
    gpt2PreTokenize(text, offset, out);
  }

  protected override trainingWord(word: Word): string {
    return toByteLevel(word.text).text;
  }

  protected trainerOptions() {
    return { initial_alphabet: [...BYTE_TO_CHAR] };
  }

  protected withTrainedVocabulary(result: BpeTrainingResult): GPT2Tokenizer {
    const model = new ByteLevelBPEModel({ vocab: Object.fromEntries(result.vocab), merges: result.merges });
    const Class = this.constructor as typeof GPT2Tokenizer;
    return new Class(model, { ...this.init_kwargs, ...this.special_tokens_map, model_max_length: this.model_max_length, padding_side: this.padding_side, truncation_side: this.truncation_side });
  }

  protected override prepareForTokenization(text: string, isSplitIntoWords: boolean): { text: string; shift: number } {
    if (this.add_prefix_space || isSplitIntoWords) return { text: " " + text, shift: 1 };
    return { text, shift: 0 };
  }

  build_inputs_with_special_tokens(token_ids_0: number[], token_ids_1?: number[] | null): number[] {
    const bos = this.add_bos_token ? [this.bos_token_id!] : [];
    const output = [...bos, ...token_ids_0];
    if (!token_ids_1) return output;
    return [...output, ...bos, ...token_ids_1];
  }

  get_special_tokens_mask(token_ids_0: number[], token_ids_1?: number[] | null, already_has_special_tokens = false): number[] {
    if (already_has_special_tokens) {
      const special = new Set(this.all_special_ids);
      return token_ids_0.map((id) => (special.has(id) ? 1 : 0));
    }
    const zeros = (n: number) => new Array(n).fill(0);
    if (!this.add_bos_token) return zeros(token_ids_0.length + (token_ids_1?.length ?? 0));
    if (!token_ids_1) return [1, ...zeros(token_ids_0.length)];
    return [1, ...zeros(token_ids_0.length), 1, ...zeros(token_ids_1.length)];
  }

  convert_tokens_to_string(tokens: string[]): string {
    return decodeByteLevel(tokens);
  }

  save_vocabulary(save_directory: string, filename_prefix?: string): string[] {
    const prefix = filename_prefix ? `${filename_prefix}-` : "";
    const vocabFile = path.join(save_directory, `${prefix}vocab.json`);
    const mergesFile = path.join(save_directory, `${prefix}merges.txt`);
    const model = this.model as ByteLevelBPEModel;
    const entries = [...model.vocab.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    writeFileAtomic(vocabFile, JSON.stringify(Object.fromEntries(entries), null, 2) + "\n");
    writeFileAtomic(mergesFile, "#version: 0.2\n" + model.merges.map(([a, b]) => `${a} ${b}\n`).join(""));
    return [vocabFile, mergesFile];
  }

  protected pipelineJSON(): Record<string, unknown> {
    return {
      normalizer: null,
      pre_tokenizer: { type: "ByteLevel", add_prefix_space: this.add_prefix_space, trim_offsets: true, use_regex: true },
      post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    };
  }
}

export class GPT2TokenizerFast extends GPT2Tokenizer {}

export function readMergesTxt(file: string): [string, string][] {
  const merges: [string, string][] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("#version") || line.trim() === "") continue;
    const parts = line.replace(/\r$/, "").split(" ");
    if (parts.length !== 2) throw new TokenizerFileError(`${file}: each merge line must be two tokens separated by one space, found ${JSON.stringify(line)}.`);
    merges.push([parts[0], parts[1]]);
  }
  return merges;
}

/** A byte-level BPE model on vocab.json + merges.txt, refused at load when it could not encode anything. */
export function bpeFromVocabFiles(vocabFile: string, mergesFile: string): ByteLevelBPEModel {
  const vocab = readJSON(vocabFile);
  checkVocab(vocab, vocabFile, "a JSON object mapping tokens to ids");
  return new ByteLevelBPEModel({ vocab, merges: readMergesTxt(mergesFile) });
}
