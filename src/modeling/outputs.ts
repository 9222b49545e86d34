import { Tensor } from "../tensor";

/**
 * Base of every model output: a record of named tensors, like Python's `ModelOutput`. Fields that
 * were not computed are absent (not `undefined` entries), so `keys()` lists only what is there.
 */
export class ModelOutput {
  /** Present when labels were given. */
  declare loss?: Tensor;

  constructor(fields: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null) (this as Record<string, unknown>)[key] = value;
  }

  keys(): string[] {
    return Object.keys(this);
  }

  values(): unknown[] {
    return Object.values(this);
  }

  items(): [string, unknown][] {
    return Object.entries(this);
  }

  /** The fields in order, like Python's `outputs.to_tuple()` / `outputs[0]`. */
  to_tuple(): unknown[] {
    return Object.values(this);
  }

  /** Like Python's repr: `SequenceClassifierOutput(loss=tensor(0.6931), logits=tensor([[…]]))`. */
  toString(): string {
    const describe = (v: unknown): string => {
      if (v instanceof Tensor) return String(v);
      if (Array.isArray(v)) return `(${v.map(describe).join(", ")})`;
      return String(v);
    };
    const fields = this.keys().map((k) => `${k}=${describe((this as Record<string, unknown>)[k])}`);
    return `${this.constructor.name}(${fields.join(", ")})`;
  }

  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.toString() };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export class BaseModelOutput extends ModelOutput {
  declare last_hidden_state: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class BaseModelOutputWithPooling extends ModelOutput {
  declare last_hidden_state: Tensor;
  declare pooler_output?: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class BaseModelOutputWithPast extends ModelOutput {
  declare last_hidden_state: Tensor;
  declare past_key_values?: [Tensor, Tensor][];
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class SequenceClassifierOutput extends ModelOutput {
  declare loss?: Tensor;
  declare logits: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class MaskedLMOutput extends ModelOutput {
  declare loss?: Tensor;
  declare logits: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class TokenClassifierOutput extends ModelOutput {
  declare loss?: Tensor;
  declare logits: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class QuestionAnsweringModelOutput extends ModelOutput {
  declare loss?: Tensor;
  declare start_logits: Tensor;
  declare end_logits: Tensor;
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

export class CausalLMOutputWithPast extends ModelOutput {
  declare loss?: Tensor;
  declare logits: Tensor;
  declare past_key_values?: [Tensor, Tensor][];
  declare hidden_states?: Tensor[];
  declare attentions?: Tensor[];
}

/** `generate(…, { return_dict_in_generate: true })` with greedy search or sampling. */
export class GenerateDecoderOnlyOutput extends ModelOutput {
  /** The prompts followed by the generated tokens, int64 [batch × num_return_sequences, length]. */
  declare sequences: Tensor;
}

/** `generate(…, { num_beams, return_dict_in_generate: true })`: the best beams and their scores. */
export class GenerateBeamDecoderOnlyOutput extends ModelOutput {
  declare sequences: Tensor;
  /** Each returned beam's sum of token log-probabilities divided by length ** length_penalty, float32. */
  declare sequences_scores: Tensor;
}
