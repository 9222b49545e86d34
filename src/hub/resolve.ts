// cached_file: how every `from_pretrained` finds its files. In order:
//   1. a local folder (the path exists);
//   2. a bundled model `transformers-lab/<name>` → `<package root>/models/<name>/`, no network;
//   3. the Hub cache (Python's layout, shared with Python), then a download from the Hub.
import * as fs from "node:fs";
import * as path from "node:path";
import { bundledModelsDir, bundledModelsHint, bundledName } from "./bundled";
import { EntryNotFoundError, HFValidationError, LocalEntryNotFoundError } from "./errors";
import { hf_hub_download } from "./file_download";
import { validateFilename } from "./validation";

/** Options every `from_pretrained` accepts for finding files, with huggingface_hub's names. */
export interface HubOptions {
  revision?: string;
  cache_dir?: string;
  local_files_only?: boolean;
  token?: string;
  force_download?: boolean;
  subfolder?: string;
}

/** Something the user meant as a path rather than a model id. */
function looksLikePath(p: string): boolean {
  return path.isAbsolute(p) || p.startsWith("./") || p.startsWith("../") || p.startsWith("~") || p.includes("\\") || p === "." || p === "..";
}

function fromFolder(folder: string, file: string, optional: boolean, description: string): string | null {
  const full = path.join(folder, ...file.split("/"));
  if (fs.existsSync(full)) return full;
  if (optional) return null;
  throw new EntryNotFoundError(`${description} does not contain a file named ${file}.`);
}

/**
 * Returns the local path of `filename` from a model folder or model id, or null when the file is
 * optional and absent (`{ optional: true }`) — also when it cannot be fetched because the Hub is
 * unreachable or offline mode is on.
 */
export async function cached_file(
  pathOrRepoId: string,
  filename: string,
  options: HubOptions & { optional?: boolean } = {},
): Promise<string | null> {
  validateFilename(filename);
  if (options.subfolder) validateFilename(options.subfolder);
  const file = options.subfolder ? `${options.subfolder}/${filename}` : filename;
  const optional = options.optional ?? false;

  if (fs.existsSync(pathOrRepoId) && fs.statSync(pathOrRepoId).isDirectory()) {
    return fromFolder(pathOrRepoId, file, optional, `The folder ${pathOrRepoId}`);
  }
  if (looksLikePath(pathOrRepoId)) {
    throw new HFValidationError(`The folder '${pathOrRepoId}' does not exist. Check the path, or pass a model id such as "bert-base-cased".`);
  }

  const bundled = bundledName(pathOrRepoId);
  if (bundled !== null) {
    const folder = path.join(bundledModelsDir(), bundled);
    if (bundled && !bundled.includes("/") && !bundled.startsWith(".") && fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
      return fromFolder(folder, file, optional, `The bundled model ${pathOrRepoId}`);
    }
    throw new EntryNotFoundError(`'${pathOrRepoId}' is not a model bundled with transformers-lab. ${bundledModelsHint()}`);
  }

  try {
    return await hf_hub_download(pathOrRepoId, filename, {
      subfolder: options.subfolder,
      revision: options.revision,
      cache_dir: options.cache_dir,
      local_files_only: options.local_files_only,
      token: options.token,
      force_download: options.force_download,
    });
  } catch (err) {
    // Optional files (tokenizer.json, generation_config.json, …) may simply not exist, or not be
    // reachable right now; the loader then goes on without them, as transformers does.
    if (optional && err instanceof EntryNotFoundError) return null;
    if (optional && err instanceof LocalEntryNotFoundError) return null;
    throw err;
  }
}
