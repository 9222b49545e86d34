import { GraphValue } from "../engine/graph";
import { embedding } from "../engine/ops/gather";
import { Generator, default_generator } from "../utils/random";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { checkedElementCount } from "../utils/size_limits";

/** A lookup table of `num_embeddings` vectors of size `embedding_dim`, like torch.nn.Embedding (init N(0, 1)). */
export class Embedding extends Module {
  weight: Parameter;
  readonly padding_idx: number | null;

  constructor(readonly num_embeddings: number, readonly embedding_dim: number, options: { padding_idx?: number | null; generator?: Generator } = {}) {
    super();
    const gen = options.generator ?? default_generator;
    const w = gen.fill_normal(new Float32Array(checkedElementCount([num_embeddings, embedding_dim], "Embedding(num_embeddings, embedding_dim)", 4, "model"))) as Float32Array;
    const padding = options.padding_idx ?? null;
    // as torch: the padding row must exist; a negative index counts from the end
    if (padding !== null && (!Number.isInteger(padding) || padding >= num_embeddings || padding < -num_embeddings))
      throw new RangeError(`padding_idx ${padding} is not a row of this embedding (num_embeddings=${num_embeddings}): use an id from ${-num_embeddings} to ${num_embeddings - 1}, e.g. a pad_token_id below vocab_size.`);
    this.padding_idx = padding !== null && padding < 0 ? padding + num_embeddings : padding;
    if (this.padding_idx !== null) w.fill(0, this.padding_idx * embedding_dim, (this.padding_idx + 1) * embedding_dim);
    this.weight = new Parameter(w, [num_embeddings, embedding_dim]);
  }

  forward(ids: GraphValue): GraphValue {
    return embedding(ids, ids.graph.param(this.weight));
  }

  override extra_repr(): string {
    return `${this.num_embeddings}, ${this.embedding_dim}${this.padding_idx !== null ? `, padding_idx=${this.padding_idx}` : ""}`;
  }
}
