// text-generation: `[{ generated_text }]` per prompt, continuing it with the model's `generate`,
// as transformers' TextGenerationPipeline.
import { Tensor } from "../tensor";
import type { GenerationStreamer } from "../modeling/generation";
import { throwIfInterrupted } from "../utils/cancellation";
import { Pipeline } from "./base";
import { encodeOne } from "./encoding";
import { PipelineException } from "./errors";

export interface TextGenerationResult {
  generated_text?: string;
  generated_token_ids?: number[];
}

export interface TextGenerationOptions {
  max_new_tokens?: number;
  max_length?: number;
  do_sample?: boolean;
  temperature?: number;
  top_k?: number;
  top_p?: number;
  num_return_sequences?: number;
  repetition_penalty?: number;
  no_repeat_ngram_size?: number;
  num_beams?: number;
  length_penalty?: number;
  early_stopping?: boolean | "never";
  /** Shows the text as it is generated, e.g. new TextStreamer(tokenizer). */
  streamer?: GenerationStreamer | null;
  /** Include the prompt in `generated_text` (default true). */
  return_full_text?: boolean;
  /** Return `generated_token_ids` instead of text. */
  return_tensors?: boolean;
  /** Remove special tokens such as <|endoftext|> from the text (default true). */
  skip_special_tokens?: boolean;
  clean_up_tokenization_spaces?: boolean;
  /** Any other generation option is passed on to `model.generate` (which refuses the ones it does not know). */
  [option: string]: unknown;
}

const PIPELINE_ONLY = new Set(["return_full_text", "return_tensors", "return_text", "skip_special_tokens", "clean_up_tokenization_spaces", "prefix"]);

function rowsOf(sequences: unknown): number[][] {
  const plain = sequences instanceof Tensor ? sequences.tolist() : sequences;
  if (!Array.isArray(plain)) throw new PipelineException("model.generate returned no token ids.");
  const rows = Array.isArray(plain[0]) ? (plain as unknown[][]) : [plain as unknown[]];
  return rows.map((r) => r.map(Number));
}

export class TextGenerationPipeline extends Pipeline<string, TextGenerationResult[], TextGenerationOptions> {
  protected async runOne(prompt: string, options: TextGenerationOptions) {
    if (typeof prompt !== "string") throw new PipelineException("text-generation takes a string or a list of strings.");
    if (typeof this.model.generate !== "function") {
      throw new PipelineException(`${this.model.constructor.name} cannot generate text; use a causal language model (AutoModelForCausalLM), e.g. GPT-2.`);
    }
    const encoding = encodeOne(this.tokenizer, prompt, {});
    if (encoding.input_ids.length === 0) throw new PipelineException("The prompt is empty; give text-generation a prompt to continue.");
    const inputIds = new Tensor(BigInt64Array.from(encoding.input_ids, (v) => BigInt(v)), [1, encoding.input_ids.length], "int64");
    const generateOptions: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (!PIPELINE_ONLY.has(key) && value !== undefined) generateOptions[key] = value;
    if (encoding.attention_mask) {
      generateOptions.attention_mask = new Tensor(BigInt64Array.from(encoding.attention_mask, (v) => BigInt(v)), [1, encoding.attention_mask.length], "int64");
    }
    // Beam search returns its num_return_sequences best beams from one call; otherwise one call per
    // returned sequence, so each sampled continuation is drawn independently.
    const beams = Number(options.num_beams ?? 1) > 1;
    const count = beams ? 1 : Math.max(1, Number(options.num_return_sequences ?? 1));
    if (!beams) delete generateOptions.num_return_sequences;
    const sequences: number[][] = [];
    for (let i = 0; i < count; i++) {
      throwIfInterrupted();
      sequences.push(...rowsOf(await this.model.generate(inputIds, generateOptions)));
    }

    const decodeOptions = {
      skip_special_tokens: options.skip_special_tokens ?? true,
      ...(options.clean_up_tokenization_spaces !== undefined ? { clean_up_tokenization_spaces: options.clean_up_tokenization_spaces } : {}),
    };
    const promptLength = this.tokenizer.decode(encoding.input_ids, decodeOptions).length;
    return sequences.map((sequence) => {
      if (options.return_tensors) return { generated_token_ids: sequence };
      const text = this.tokenizer.decode(sequence, decodeOptions);
      // As in Python: the prompt exactly as the user wrote it, then the newly generated text.
      const continuation = text.slice(promptLength);
      return { generated_text: (options.return_full_text ?? true) ? prompt + continuation : continuation };
    });
  }
}
