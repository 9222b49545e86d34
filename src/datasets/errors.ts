/** A dataset operation was asked for something the data cannot give (a missing column, a bad index, mismatched lengths). */
export class DatasetError extends Error {
  override name = "DatasetError";
}

/** `load_dataset` could not find or read the requested data. */
export class DatasetNotFoundError extends Error {
  override name = "DatasetNotFoundError";
}
