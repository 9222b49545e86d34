// feature-extraction: the model's last hidden states, `[1][tokens][hidden]` per text as in Python.
import { Tensor } from "../tensor";
import { Pipeline } from "./base";
import { encodeOne, modelInputs } from "./encoding";
import { PipelineException } from "./errors";

export interface FeatureExtractionOptions {
  /** Return the Tensor of shape [1, tokens, hidden] instead of nested lists. */
  return_tensors?: boolean;
  truncation?: boolean;
}

export class FeatureExtractionPipeline extends Pipeline<string, number[][][] | Tensor, FeatureExtractionOptions> {
  protected async runOne(text: string, options: FeatureExtractionOptions) {
    if (typeof text !== "string") throw new PipelineException("feature-extraction takes a string or a list of strings.");
    const encoding = encodeOne(this.tokenizer, text, { truncation: options.truncation ?? true });
    const outputs = await this.model(modelInputs(encoding));
    const hidden = outputs.last_hidden_state ?? outputs.logits;
    if (!(hidden instanceof Tensor)) throw new PipelineException("The model returned no last_hidden_state; use a base model (AutoModel) for feature-extraction.");
    return options.return_tensors ? hidden : (hidden.tolist() as number[][][]);
  }
}
