/** An op was given inputs whose shapes do not fit together. The message names the op and the shapes. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** An op was given an input of a dtype it does not accept. */
export class DTypeError extends Error {
  override name = "DTypeError";
}

/** Differentiation reached an op that has no gradient rule, or a value that cannot carry one. */
export class GradientError extends Error {
  override name = "GradientError";
}

/** A compiled program failed to run; the message says which inputs were wrong and how. */
export class ExecutionError extends Error {
  override name = "ExecutionError";
}

/** The loss of a training step was NaN or infinite. */
export class NonFiniteLossError extends Error {
  override name = "NonFiniteLossError";
}

export function fmtShape(shape: readonly (number | string)[]): string {
  return `[${shape.join(", ")}]`;
}
