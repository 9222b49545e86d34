// Batches for language modelling. With `mlm: true` (BERT-style), 15% of the tokens are chosen for
// prediction; of those 80% become [MASK], 10% a random token and 10% stay as they are, and every
// other position gets label −100 (ignored by the loss). With `mlm: false` (GPT-style) the labels
// are the inputs, with padding set to −100. Masks are drawn from a seeded generator, so a seed gives
// the same masks every run and a resumed training run continues the same stream.
import { Tensor } from "../tensor";
import { Callable } from "../utils/callable";
import { Generator, type GeneratorState } from "../utils/random";
import { DataCollatorError } from "./errors";
import { padWithTokenizer, type PaddingTokenizer } from "./padding";
import { featureList, type Feature } from "./tensorize";

export interface MaskingTokenizer extends PaddingTokenizer {
  mask_token_id?: number | null;
  mask_token?: string | null;
  vocab_size?: number;
  all_special_ids?: number[];
  get_special_tokens_mask?: (ids: number[], other?: number[] | null, already_has_special_tokens?: boolean) => number[];
}

export interface DataCollatorForLanguageModelingOptions {
  tokenizer: MaskingTokenizer;
  /** Masked language modelling (true, default) or causal language modelling (false). */
  mlm?: boolean;
  mlm_probability?: number;
  pad_to_multiple_of?: number | null;
  return_tensors?: "pt";
  /** Seed of the masking generator (default 42). */
  seed?: number;
}

export class DataCollatorForLanguageModeling extends Callable<[Feature[]], Record<string, Tensor>> {
  readonly tokenizer: MaskingTokenizer;
  readonly mlm: boolean;
  readonly mlm_probability: number;
  readonly pad_to_multiple_of: number | null;
  readonly return_tensors = "pt";
  private readonly generator: Generator;

  constructor(options: DataCollatorForLanguageModelingOptions) {
    super();
    this.tokenizer = options?.tokenizer;
    this.mlm = options?.mlm ?? true;
    this.mlm_probability = options?.mlm_probability ?? 0.15;
    this.pad_to_multiple_of = options?.pad_to_multiple_of ?? null;
    this.generator = new Generator(options?.seed ?? 42);
    if (!this.tokenizer) throw new DataCollatorError("DataCollatorForLanguageModeling needs a tokenizer: new DataCollatorForLanguageModeling({ tokenizer }).");
    if (this.mlm && (this.tokenizer.mask_token_id === null || this.tokenizer.mask_token_id === undefined)) {
      throw new DataCollatorError("This tokenizer has no mask token, so it cannot be used for masked language modelling. Use mlm: false to train a causal language model.");
    }
    if (!(this.mlm_probability >= 0 && this.mlm_probability <= 1)) throw new DataCollatorError(`mlm_probability must be in [0, 1], got ${this.mlm_probability}.`);
  }

  /** The masking generator's state (saved in Trainer checkpoints so a resumed run draws the same masks). */
  get_rng_state(): GeneratorState {
    return this.generator.get_state();
  }
  set_rng_state(state: GeneratorState): void {
    this.generator.set_state(state);
  }

  protected _call(features: Feature[]): Record<string, Tensor> {
    const list = featureList(features);
    const batch = padWithTokenizer(this.tokenizer, list, { padding: true, pad_to_multiple_of: this.pad_to_multiple_of });
    const ids = batch.input_ids;
    const [rows, cols] = ids.shape;
    const input = ids.data as BigInt64Array;
    const labels = new BigInt64Array(input);
    const padId = this.tokenizer.pad_token_id;
    const attention = batch.attention_mask?.data as BigInt64Array | undefined;
    const isPad = (k: number) => (attention ? attention[k] === 0n : padId !== null && padId !== undefined && input[k] === BigInt(padId));
    if (!this.mlm) {
      for (let k = 0; k < labels.length; k++) if (isPad(k)) labels[k] = -100n;
      return { ...batch, labels: new Tensor(labels, [rows, cols], "int64") };
    }
    const special = this.specialMask(list, batch, rows, cols);
    delete batch.special_tokens_mask;
    const maskId = BigInt(this.tokenizer.mask_token_id!);
    const vocab = this.vocabSize();
    const masked = new BigInt64Array(input);
    for (let k = 0; k < input.length; k++) {
      const eligible = !special[k] && !isPad(k);
      const chosen = eligible && this.generator.uniform() < this.mlm_probability;
      if (!chosen) {
        labels[k] = -100n;
        continue;
      }
      const roll = this.generator.uniform();
      if (roll < 0.8) masked[k] = maskId;
      else if (roll < 0.9) masked[k] = BigInt(this.generator.randint(vocab));
    }
    return { ...batch, input_ids: new Tensor(masked, [rows, cols], "int64"), labels: new Tensor(labels, [rows, cols], "int64") };
  }

  /** 1 where a token is special ([CLS], [SEP], …): from the features, the tokenizer, or its special ids. */
  private specialMask(list: Feature[], batch: Record<string, Tensor>, rows: number, cols: number): Uint8Array {
    const out = new Uint8Array(rows * cols);
    if (batch.special_tokens_mask) {
      const data = batch.special_tokens_mask.data as BigInt64Array;
      for (let k = 0; k < out.length; k++) out[k] = data[k] !== 0n ? 1 : 0;
      return out;
    }
    const ids = batch.input_ids.data as BigInt64Array;
    const specialIds = new Set(this.tokenizer.all_special_ids ?? []);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(ids.subarray(r * cols, (r + 1) * cols), Number);
      const mask =
        typeof this.tokenizer.get_special_tokens_mask === "function"
          ? this.tokenizer.get_special_tokens_mask(row, null, true)
          : row.map((id) => (specialIds.has(id) ? 1 : 0));
      for (let c = 0; c < cols; c++) out[r * cols + c] = mask[c] ? 1 : 0;
    }
    void list;
    return out;
  }

  private vocabSize(): number {
    const t = this.tokenizer as MaskingTokenizer & { __len__?: () => number };
    const n = typeof t.__len__ === "function" ? t.__len__() : t.vocab_size;
    if (!n || n < 1) throw new DataCollatorError("The tokenizer does not report its vocabulary size (vocab_size), which random replacement tokens need.");
    return n;
  }

  toString(): string {
    return `DataCollatorForLanguageModeling(mlm=${this.mlm}, mlm_probability=${this.mlm_probability})`;
  }
}
