// fill-mask: the most likely tokens for each mask token, as transformers' FillMaskPipeline.
import { Pipeline } from "./base";
import { encodeOne, floats, modelInputs } from "./encoding";
import { PipelineException } from "./errors";
import { softmax, topk } from "./math";

export interface FillMaskResult {
  score: number;
  token: number;
  token_str: string;
  sequence: string;
}

export interface FillMaskOptions {
  /** How many candidates per mask (default 5). */
  top_k?: number;
  /** Only score these words (each must be one token of the vocabulary). */
  targets?: string | string[];
}

export class FillMaskPipeline extends Pipeline<string, FillMaskResult[] | FillMaskResult[][], FillMaskOptions> {
  private targetIds(targets: string | string[]): number[] {
    const words = Array.isArray(targets) ? targets : [targets];
    const ids: number[] = [];
    for (const word of words) {
      const encoded = encodeOne(this.tokenizer, word, { add_special_tokens: false }).input_ids;
      if (encoded.length === 0) throw new PipelineException(`The target "${word}" is not a token the model knows.`);
      // Python uses the first token of a target that splits into several, with a warning.
      ids.push(encoded[0]);
    }
    return [...new Set(ids)];
  }

  protected async runOne(text: string, options: FillMaskOptions) {
    const maskId = this.tokenizer.mask_token_id;
    const maskToken = this.tokenizer.mask_token;
    if (maskId === null || maskId === undefined) throw new PipelineException("This tokenizer has no mask token, so it cannot be used for fill-mask.");
    if (typeof text !== "string") throw new PipelineException("fill-mask takes a string or a list of strings.");
    const encoding = encodeOne(this.tokenizer, text, { truncation: true });
    const maskPositions = encoding.input_ids.flatMap((id, i) => (id === maskId ? [i] : []));
    if (maskPositions.length === 0) {
      throw new PipelineException(`No mask_token (${maskToken}) found in the input "${text}". Put ${maskToken} where the missing word goes.`);
    }

    const outputs = await this.model(modelInputs(encoding));
    const { data, shape } = floats(outputs.logits, "logits");
    const vocab = shape[shape.length - 1];
    const candidates = options.targets !== undefined ? this.targetIds(options.targets) : undefined;
    const k = Math.min(options.top_k ?? 5, candidates?.length ?? vocab);
    const pad = this.tokenizer.pad_token_id;
    const single = maskPositions.length === 1;

    const perMask = maskPositions.map((position) => {
      const probs = softmax(Array.from(data.slice(position * vocab, (position + 1) * vocab), Number));
      const pool = candidates ?? null;
      const best = pool ? topk(pool.map((id) => probs[id]), k).map((i) => pool[i]) : topk(probs, k);
      return best.map((token) => {
        const filled = encoding.input_ids.map((id, i) => (i === position ? token : id)).filter((id) => id !== pad);
        return {
          score: probs[token],
          token,
          token_str: this.tokenizer.decode([token]),
          sequence: this.tokenizer.decode(filled, { skip_special_tokens: single }),
        };
      });
    });
    return single ? perMask[0] : perMask;
  }
}
