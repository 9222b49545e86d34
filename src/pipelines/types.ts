// What a pipeline needs from a tokenizer and a model, written as the Python-shaped APIs the SDK's
// AutoTokenizer and AutoModelFor… classes provide. Pipelines rely only on these members.
import { Tensor } from "../tensor";

/** The fields of one encoded text (a `BatchEncoding` for a single input, without return_tensors). */
export interface Encoding {
  input_ids: number[];
  attention_mask?: number[];
  token_type_ids?: number[];
  offset_mapping?: [number, number][];
  special_tokens_mask?: number[];
  /** word index of each token, null for special tokens (fast tokenizers' `word_ids()`). */
  word_ids?: (number | null)[];
  /** 0 for the first text, 1 for the pair, null for special tokens (`sequence_ids()`). */
  sequence_ids?: (number | null)[];
}

export interface PipelineTokenizer {
  (text: any, options?: any): any;
  decode(ids: number[], options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean }): string;
  convert_ids_to_tokens(ids: any): any;
  convert_tokens_to_string(tokens: string[]): string;
  mask_token?: string | null;
  mask_token_id?: number | null;
  pad_token_id?: number | null;
  unk_token_id?: number | null;
  cls_token_id?: number | null;
  eos_token_id?: number | null;
  padding_side?: string;
  model_max_length?: number;
}

export interface PipelineModelConfig {
  id2label?: Record<number, string>;
  problem_type?: string | null;
  num_labels?: number;
  model_type?: string;
  max_position_embeddings?: number;
  n_positions?: number;
  [key: string]: unknown;
}

export interface PipelineModel {
  (inputs: any): Promise<any>;
  config: PipelineModelConfig;
  generate?(input_ids: any, options?: any): Promise<any>;
}

/** The model inputs a pipeline sends: int64 tensors of shape [1, sequence length]. */
export type ModelInputs = Record<string, Tensor>;
