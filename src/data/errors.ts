/** A batch could not be built from the given features (ragged lists without padding, missing ids, …). */
export class DataCollatorError extends Error {
  override name = "DataCollatorError";
}
