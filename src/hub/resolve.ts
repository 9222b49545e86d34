import * as fs from "node:fs";
import * as path from "node:path";

/** Options every `from_pretrained` accepts for finding files, with huggingface_hub's names. */
export interface HubOptions {
  revision?: string;
  cache_dir?: string;
  local_files_only?: boolean;
  token?: string;
}

/** Thrown when a file a loader needs cannot be found anywhere it may look. */
export class EntryNotFoundError extends Error {
  override name = "EntryNotFoundError";
}

/**
 * Returns the local path of `filename` from a model folder or model id, or null when the file is
 * optional and absent (`{ optional: true }`). Local folders are read directly; model ids go through
 * the bundled models, the Hub cache and the Hub.
 */
export async function cached_file(
  pathOrRepoId: string,
  filename: string,
  options: HubOptions & { optional?: boolean } = {},
): Promise<string | null> {
  if (fs.existsSync(pathOrRepoId) && fs.statSync(pathOrRepoId).isDirectory()) {
    const file = path.join(pathOrRepoId, filename);
    if (fs.existsSync(file)) return file;
    if (options.optional) return null;
    throw new EntryNotFoundError(`${pathOrRepoId} does not contain a file named ${filename}.`);
  }
  if (options.optional) return null;
  throw new EntryNotFoundError(`${pathOrRepoId} is not a local folder, and loading from the Hub is not available yet.`);
}
