import { HubOptions, cached_file } from "../hub";
import { AddedToken } from "./added_token";
import { ByteLevelBPEModel } from "./bpe_model";
import { TokenizerFileError, TokenizerOptionError } from "./errors";
import { readJSON } from "./files";
import { BertTokenizer, BertTokenizerFast, DistilBertTokenizer, DistilBertTokenizerFast, tokenString, wordPieceFromVocabTxt } from "./tokenization_bert";
import { checkUnknownToken, checkVocab } from "./vocab_checks";
import { bpeFromVocabFiles, GPT2Tokenizer, GPT2TokenizerFast } from "./tokenization_gpt2";
import { PreTrainedTokenizer, SPECIAL_TOKEN_NAMES, TokenizerSettings } from "./tokenization_utils";
import { WordPieceModel } from "./wordpiece_model";

export interface TokenizerLoadOptions extends HubOptions {
  /** Settings that override tokenizer_config.json (e.g. `{ model_max_length: 128, pad_token: "<pad>" }`). */
  [key: string]: unknown;
}

export type TokenizerClass = typeof BertTokenizer | typeof GPT2Tokenizer;

/** Python class names (slow and fast) → our classes. */
const CLASSES: Record<string, TokenizerClass> = {
  BertTokenizer,
  BertTokenizerFast,
  DistilBertTokenizer,
  DistilBertTokenizerFast,
  GPT2Tokenizer,
  GPT2TokenizerFast,
};

/** config.json model_type → tokenizer class. */
const MODEL_TYPES: Record<string, TokenizerClass> = {
  bert: BertTokenizer,
  distilbert: DistilBertTokenizer,
  gpt2: GPT2Tokenizer,
};

/** The maximum input length of the original checkpoints, used when tokenizer_config.json has none. */
const KNOWN_MAX_LENGTHS: Record<string, number> = {
  "bert-base-uncased": 512,
  "bert-base-cased": 512,
  "bert-large-uncased": 512,
  "bert-large-cased": 512,
  "distilbert-base-uncased": 512,
  "distilbert-base-cased": 512,
  gpt2: 1024,
  "gpt2-medium": 1024,
  "distilgpt2": 1024,
};

const HUB_KEYS = ["revision", "cache_dir", "local_files_only", "token"];

interface TokenizerFiles {
  tokenizerJson: any | null;
  config: Record<string, unknown>;
  settings: TokenizerSettings;
  vocabTxt: string | null;
  vocabJson: string | null;
  mergesTxt: string | null;
  modelType: string | null;
  addedTokens: Record<string, number>;
}

/**
 * A JSON file that must hold an object (tokenizer_config.json, special_tokens_map.json, config.json),
 * or {} when absent. A "__proto__" key is refused: copied into the settings it would replace their prototype.
 */
function jsonObject(file: string | null): Record<string, any> {
  if (!file) return {};
  const value = readJSON(file);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TokenizerFileError(`${file} must hold a JSON object, not ${Array.isArray(value) ? "an array" : JSON.stringify(value)}.`);
  if (Object.prototype.hasOwnProperty.call(value, "__proto__")) throw new TokenizerFileError(`${file} has a "__proto__" key, which cannot be a tokenizer setting. Remove it.`);
  return value;
}

/** added_tokens.json: token → id, every id a non-negative integer. */
function addedTokenIds(file: string | null): Record<string, number> {
  const ids = jsonObject(file);
  for (const [token, id] of Object.entries(ids))
    if (!Number.isSafeInteger(id) || id < 0) throw new TokenizerFileError(`${file} gives the added token ${JSON.stringify(token)} the id ${JSON.stringify(id)}; ids must be non-negative integers.`);
  return ids;
}

async function readTokenizerFiles(pathOrId: string, options: TokenizerLoadOptions): Promise<TokenizerFiles> {
  if (typeof pathOrId !== "string" || pathOrId.length === 0) {
    throw new TokenizerFileError(`from_pretrained takes a folder or a model id (a non-empty string), got ${JSON.stringify(pathOrId)}.`);
  }
  const hub: HubOptions = {};
  for (const key of HUB_KEYS) if (options[key] !== undefined) (hub as Record<string, unknown>)[key] = options[key];
  const find = (name: string) => cached_file(pathOrId, name, { ...hub, optional: true });
  const [tokenizerJsonFile, configFile, specialFile, addedFile, modelConfigFile, vocabTxt, vocabJson, mergesTxt] = await Promise.all(
    ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "config.json", "vocab.txt", "vocab.json", "merges.txt"].map(find),
  );
  const config = jsonObject(configFile);
  const special = jsonObject(specialFile);
  const modelConfig = jsonObject(modelConfigFile);
  const settings: TokenizerSettings = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === "tokenizer_class" || key === "name_or_path" || key === "auto_map" || key === "tokenizer_file" || key === "special_tokens_map_file") continue;
    settings[key] = value;
  }
  for (const [key, value] of Object.entries(special)) settings[key] = value;
  for (const [key, value] of Object.entries(options)) if (!HUB_KEYS.includes(key)) settings[key] = value;
  for (const name of [...SPECIAL_TOKEN_NAMES]) {
    const value = settings[name];
    if (value !== undefined && value !== null) settings[name] = toToken(value);
  }
  if (Array.isArray(settings.additional_special_tokens)) settings.additional_special_tokens = settings.additional_special_tokens.map(toToken);
  if (settings.model_max_length === undefined || (typeof settings.model_max_length === "number" && settings.model_max_length > 1e20)) {
    const known = KNOWN_MAX_LENGTHS[pathOrId.replace(/^transformers-lab\//, "")];
    if (known) settings.model_max_length = known;
    else delete settings.model_max_length;
  }
  return {
    tokenizerJson: tokenizerJsonFile ? readJSON(tokenizerJsonFile) : null,
    config,
    settings,
    vocabTxt,
    vocabJson,
    mergesTxt,
    modelType: typeof modelConfig.model_type === "string" ? modelConfig.model_type : null,
    addedTokens: addedTokenIds(addedFile),
  };
}

function toToken(value: unknown): string | AddedToken {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as any).content === "string") {
    const v = value as any;
    return new AddedToken(v.content, { lstrip: v.lstrip, rstrip: v.rstrip, single_word: v.single_word, normalized: v.normalized, special: true });
  }
  throw new TokenizerFileError(`A special token must be a string or an object with "content", got ${JSON.stringify(value)}.`);
}

/** Decides the class: tokenizer_config.json's tokenizer_class, then config.json's model_type, then the files present. */
function chooseClass(files: TokenizerFiles, pathOrId: string): TokenizerClass {
  const named = files.config.tokenizer_class;
  if (typeof named === "string") {
    const cls = CLASSES[named];
    if (cls) return cls;
    throw new TokenizerOptionError(`${pathOrId} asks for tokenizer class ${named}, which is not available; supported: ${Object.keys(CLASSES).join(", ")}.`);
  }
  if (files.modelType && MODEL_TYPES[files.modelType]) return MODEL_TYPES[files.modelType];
  const modelType = files.tokenizerJson?.model?.type;
  if (modelType === "WordPiece" || files.vocabTxt) return BertTokenizer;
  if (modelType === "BPE" || (files.vocabJson && files.mergesTxt)) return GPT2Tokenizer;
  throw new TokenizerFileError(
    `Cannot find tokenizer files in ${pathOrId}: expected tokenizer.json, vocab.txt (WordPiece, BERT) or vocab.json + merges.txt (byte-level BPE, GPT-2).`,
  );
}

/** Builds a tokenizer of class `cls` from the files, preferring tokenizer.json over the slow vocabulary files. */
function build(cls: TokenizerClass, files: TokenizerFiles, pathOrId: string): PreTrainedTokenizer {
  const settings = files.settings;
  const json = files.tokenizerJson;
  const isBert = cls === BertTokenizer || cls.prototype instanceof BertTokenizer;
  let tokenizer: PreTrainedTokenizer;
  if (isBert) {
    let model: WordPieceModel;
    if (json?.model?.type === "WordPiece") {
      checkVocab(json.model.vocab, `${pathOrId}/tokenizer.json (model.vocab)`, "an object mapping tokens to ids");
      checkUnknownToken(json.model.vocab, json.model.unk_token ?? "[UNK]", `${pathOrId}/tokenizer.json (model.vocab)`);
      model = new WordPieceModel(json.model);
      const normalizer = json.normalizer;
      if (normalizer?.type === "BertNormalizer") {
        settings.do_lower_case ??= normalizer.lowercase;
        if (settings.strip_accents === undefined) settings.strip_accents = normalizer.strip_accents;
        settings.tokenize_chinese_chars ??= normalizer.handle_chinese_chars;
        settings.clean_text ??= normalizer.clean_text;
      }
    } else if (files.vocabTxt) {
      model = wordPieceFromVocabTxt(files.vocabTxt, tokenString(settings.unk_token) ?? "[UNK]");
    } else {
      throw new TokenizerFileError(`${pathOrId} has no vocab.txt and no WordPiece tokenizer.json, which ${cls.name} needs.`);
    }
    tokenizer = new (cls as typeof BertTokenizer)(model, settings);
  } else {
    let model: ByteLevelBPEModel;
    if (json?.model?.type === "BPE") {
      checkVocab(json.model.vocab, `${pathOrId}/tokenizer.json (model.vocab)`, "an object mapping tokens to ids");
      model = new ByteLevelBPEModel(json.model);
      if (json.pre_tokenizer?.type === "ByteLevel") settings.add_prefix_space ??= json.pre_tokenizer.add_prefix_space;
    } else if (files.vocabJson && files.mergesTxt) {
      model = bpeFromVocabFiles(files.vocabJson, files.mergesTxt);
    } else {
      throw new TokenizerFileError(`${pathOrId} has no vocab.json + merges.txt and no BPE tokenizer.json, which ${cls.name} needs.`);
    }
    tokenizer = new (cls as typeof GPT2Tokenizer)(model, settings);
  }
  // Tokens added after training: tokenizer.json's added_tokens (ids past the vocabulary), or added_tokens.json.
  const added: [number, AddedToken][] = [];
  if (json && Array.isArray(json.added_tokens)) {
    for (const t of json.added_tokens) {
      if (typeof t?.content !== "string" || t.content === "" || !Number.isSafeInteger(t.id) || t.id < 0)
        throw new TokenizerFileError(`${pathOrId}/tokenizer.json has an added token without a non-empty "content" and a non-negative integer "id": ${JSON.stringify(t)}.`);
      added.push([t.id, new AddedToken(t.content, { lstrip: t.lstrip, rstrip: t.rstrip, single_word: t.single_word, normalized: t.normalized, special: t.special })]);
    }
  }
  for (const [content, id] of Object.entries(files.addedTokens)) if (!added.some(([, t]) => t.content === content)) added.push([id, new AddedToken(content)]);
  added.sort((a, b) => a[0] - b[0]);
  for (const [id, token] of added) tokenizer._restoreAddedToken(token, id);
  tokenizer.name_or_path = pathOrId;
  return tokenizer;
}

/** Loads a tokenizer of a given class. */
export async function loadTokenizer(cls: Function | null, pathOrId: string, options: TokenizerLoadOptions = {}): Promise<PreTrainedTokenizer> {
  const files = await readTokenizerFiles(pathOrId, options);
  if (cls !== null && !Object.values(CLASSES).includes(cls as TokenizerClass)) {
    throw new TokenizerOptionError(`from_pretrained is available on ${Object.keys(CLASSES).join(", ")} and AutoTokenizer.`);
  }
  return build((cls as TokenizerClass | null) ?? chooseClass(files, pathOrId), files, pathOrId);
}

/**
 * `AutoTokenizer.from_pretrained(dirOrId)`: picks the tokenizer class from tokenizer_config.json's
 * `tokenizer_class`, else config.json's `model_type`, else the files present (vocab.txt → BERT,
 * vocab.json + merges.txt → GPT-2), and loads it.
 */
export class AutoTokenizer {
  static async from_pretrained(pretrained_model_name_or_path: string, options: TokenizerLoadOptions = {}): Promise<PreTrainedTokenizer> {
    return loadTokenizer(null, pretrained_model_name_or_path, options);
  }
}
