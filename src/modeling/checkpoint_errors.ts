export const WEIGHTS_NAME = "model.safetensors";
export const WEIGHTS_INDEX_NAME = "model.safetensors.index.json";

/** Thrown when a checkpoint does not fit the model (sizes, dtypes) or cannot be found. */
export class CheckpointError extends Error {
  override name = "CheckpointError";
}
