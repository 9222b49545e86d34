/** `evaluate.load` was given a metric name or configuration that does not exist. */
export class MetricNotFoundError extends Error {
  override name = "MetricNotFoundError";
}

/** `compute`, `add` or `add_batch` got inputs a metric cannot score (empty, mismatched lengths, bad options). */
export class MetricInputError extends Error {
  override name = "MetricInputError";
}
