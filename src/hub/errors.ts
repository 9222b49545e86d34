// Typed errors for finding and downloading files, named as in huggingface_hub so that lesson code
// and Python habits carry over. Every message says what to do next.

/** Base class of every Hub error, so callers can catch them all at once. */
export class HubError extends Error {
  override name = "HubError";
}

/** A repo id, revision or filename that is malformed or would leave the cache folder. */
export class HFValidationError extends HubError {
  override name = "HFValidationError";
}

/** An HTTP error from the Hub that has no more specific class. */
export class HfHubHTTPError extends HubError {
  override name = "HfHubHTTPError";
  constructor(
    message: string,
    readonly status?: number,
    readonly url?: string,
  ) {
    super(message);
  }
}

/** The repository does not exist, or it is private and the request carried no valid token. */
export class RepositoryNotFoundError extends HfHubHTTPError {
  override name = "RepositoryNotFoundError";
}

/** The repository exists but is gated: the token's user must accept its conditions first. */
export class GatedRepoError extends RepositoryNotFoundError {
  override name = "GatedRepoError";
}

/** The branch, tag or commit does not exist in the repository. */
export class RevisionNotFoundError extends HfHubHTTPError {
  override name = "RevisionNotFoundError";
}

/** The repository (or folder) exists but has no such file. */
export class EntryNotFoundError extends HubError {
  override name = "EntryNotFoundError";
}

/**
 * The file is not in the local cache and the Hub could not be asked: offline mode, `local_files_only`,
 * or no network. (A subclass of EntryNotFoundError, as in huggingface_hub.)
 */
export class LocalEntryNotFoundError extends EntryNotFoundError {
  override name = "LocalEntryNotFoundError";
}

/** The Hub answered, but not like the Hub (no commit or ETag headers): a wrong HF_ENDPOINT. */
export class FileMetadataError extends HubError {
  override name = "FileMetadataError";
}

/**
 * Uploading (`push_to_hub`) is not available here yet. Raised instead of silently skipping the
 * upload, so a run never looks as if it had published a model that it did not.
 */
export class PushToHubUnavailableError extends HubError {
  override name = "PushToHubUnavailableError";
  constructor(what: string) {
    super(
      `${what}: uploading to the Hub is not available in this version. Save locally instead ` +
        `(model.save_pretrained(dir), tokenizer.save_pretrained(dir), trainer.save_model(dir)) and upload ` +
        `the folder from a machine that can reach the Hub (huggingface-cli upload <repo_id> <dir>).`,
    );
  }
}
