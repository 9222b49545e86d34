// An evaluation module as the `evaluate` library shapes it: inputs are collected with add / add_batch
// (for example once per evaluation batch) and scored together by compute(), which then forgets them.
import { MetricInputError } from "./errors";

/** A list, a typed array, or anything with `tolist()` (a Tensor): what a Trainer's EvalPrediction holds. */
export type MetricValues = readonly unknown[] | ArrayLike<number | bigint> | { tolist(): unknown };

export interface MetricInputs {
  predictions?: MetricValues;
  references?: MetricValues;
  [option: string]: unknown;
}

/** Plain arrays, so `references` may be a Tensor of label ids or a typed array; BigInt ids become numbers. */
function toList(values: MetricValues): unknown[] {
  if (values === null || values === undefined) return values as unknown as unknown[];
  const list = typeof (values as { tolist?: unknown }).tolist === "function" ? (values as { tolist(): unknown }).tolist() : values;
  if (!Array.isArray(list) && !ArrayBuffer.isView(list)) return list as unknown[];
  return Array.from(list as ArrayLike<unknown>, (v) => (typeof v === "bigint" ? Number(v) : v));
}

export class EvaluationModule<Result = Record<string, any>> {
  private predictions: unknown[] = [];
  private references: unknown[] = [];

  constructor(
    /** The metric's name, as given to `evaluate.load`. */
    readonly name: string,
    /** The configuration (for "glue": the task, such as "mrpc"), or null. */
    readonly config_name: string | null,
    private readonly score: (inputs: { predictions: unknown[]; references: unknown[]; [option: string]: unknown }) => Result,
  ) {}

  /** Adds one prediction and its reference. */
  add({ prediction, reference }: { prediction: unknown; reference: unknown }): void {
    this.predictions.push(prediction);
    this.references.push(reference);
  }

  /** Adds a batch of predictions and their references. */
  add_batch(batch: { predictions: MetricValues; references: MetricValues }): void {
    const predictions = toList(batch.predictions);
    const references = toList(batch.references);
    if (!Array.isArray(predictions) || !Array.isArray(references)) {
      throw new MetricInputError(`${this.name}: add_batch needs arrays, e.g. add_batch({ predictions: [1, 0], references: [1, 1] }).`);
    }
    if (predictions.length !== references.length) {
      throw new MetricInputError(`${this.name}: this batch has ${predictions.length} predictions but ${references.length} references; give one prediction per reference.`);
    }
    this.predictions.push(...predictions);
    this.references.push(...references);
  }

  /**
   * Scores everything added so far plus the `predictions`/`references` given here; other fields are the
   * metric's options (`average`, `pos_label`, ...). What was added is cleared afterwards.
   */
  compute(inputs: MetricInputs = {}): Result {
    const { predictions, references, ...options } = inputs;
    if (predictions !== undefined || references !== undefined) {
      this.add_batch({ predictions: predictions ?? [], references: references ?? [] });
    }
    const batch = { predictions: this.predictions, references: this.references };
    this.predictions = [];
    this.references = [];
    return this.score({ ...options, ...batch });
  }
}
