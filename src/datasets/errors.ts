/** A dataset operation was asked for something the data cannot give (a missing column, a bad index, mismatched lengths). */
export class DatasetError extends Error {
  override name = "DatasetError";
}

/** `load_dataset` could not find or read the requested data. */
export class DatasetNotFoundError extends Error {
  override name = "DatasetNotFoundError";
}

/** A data file exists but cannot be read as its format (a truncated or corrupt parquet file). */
export class DatasetFileError extends DatasetNotFoundError {
  override name = "DatasetFileError";
}

/** A Hub data set is not in the local cache, and the Hub cannot be asked (HF_HUB_OFFLINE=1 or no network). */
export class DatasetNotCachedError extends DatasetNotFoundError {
  override name = "DatasetNotCachedError";
}
