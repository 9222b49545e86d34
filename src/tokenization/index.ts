export { AddedToken } from "./added_token";
export { BatchEncoding } from "./batch_encoding";
export type { EncodingInfo, TensorType } from "./batch_encoding";
export { TokenizerInputError, TokenizerFileError, TokenizerOptionError, TokenizerTruncationError } from "./errors";
export { tokenizerLogging } from "./logging";
export { PreTrainedTokenizer } from "./tokenization_utils";
export { clean_up_tokenization } from "./decoders";
export { toCodePointOffsets } from "./code_point_offsets";
// Python has a slow and a fast (Rust) base class; this one base class does both jobs.
export { PreTrainedTokenizer as PreTrainedTokenizerFast, PreTrainedTokenizer as PreTrainedTokenizerBase } from "./tokenization_utils";
export type { TokenizerCallOptions, DecodeOptions, PadOptions, TextInput, TokenizerSettings } from "./tokenization_utils";
export { BertTokenizer, BertTokenizerFast, DistilBertTokenizer, DistilBertTokenizerFast } from "./tokenization_bert";
export type { BertTokenizerSettings } from "./tokenization_bert";
export { GPT2Tokenizer, GPT2TokenizerFast } from "./tokenization_gpt2";
export type { GPT2TokenizerSettings } from "./tokenization_gpt2";
export { AutoTokenizer } from "./tokenization_auto";
export type { TokenizerLoadOptions } from "./tokenization_auto";
export { BackendTokenizer, BackendNormalizer, BackendPreTokenizer, BackendModel, BackendPostProcessor, BackendDecoder } from "./backend_tokenizer";
export type { BackendEncoding, PreTokenizedWord, Token } from "./backend_tokenizer";
