/** Thrown when a tensor is built or used with data that does not fit its shape or dtype. */
export class TensorError extends Error {
  override name = "TensorError";
}
