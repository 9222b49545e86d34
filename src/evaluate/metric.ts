// An evaluation module as the `evaluate` library shapes it: inputs are collected with add / add_batch
// (for example once per evaluation batch) and scored together by compute(), which then forgets them.
import { MetricInputError } from "./errors";

export interface MetricInputs {
  predictions?: unknown[];
  references?: unknown[];
  [option: string]: unknown;
}

export class EvaluationModule<Result = Record<string, unknown>> {
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
  add_batch({ predictions, references }: { predictions: unknown[]; references: unknown[] }): void {
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
