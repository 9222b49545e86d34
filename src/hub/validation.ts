// Checks on repo ids, revisions and filenames before any of them becomes part of a path or URL,
// so that nothing a user types can reach outside the cache folder; and on what a server sends
// (commit, ETag), which names folders and files in the cache too and is just as untrusted.
import * as path from "node:path";
import { FileMetadataError, HFValidationError } from "./errors";

const REPO_ID = /^(\b[\w\-.]+\b\/)?\b[\w\-.]+\b$/;

/** huggingface_hub's rules: `name` or `namespace/name`, letters, digits, `-_.`, no `--` or `..`, at most 96 chars. */
export function validateRepoId(repoId: string): void {
  const hint = "A model id looks like `bert-base-cased` or `namespace/model-name`; a local folder must exist.";
  if (typeof repoId !== "string" || repoId.length === 0) throw new HFValidationError(`The model id must be a non-empty string. ${hint}`);
  if (repoId.length > 96) throw new HFValidationError(`Model id '${repoId}' is longer than 96 characters. ${hint}`);
  if (repoId.includes("..") || repoId.includes("--"))
    throw new HFValidationError(`Model id '${repoId}' may not contain '..' or '--' (it must stay inside the cache folder). ${hint}`);
  if (repoId.endsWith(".git")) throw new HFValidationError(`Model id '${repoId}' may not end with '.git'. ${hint}`);
  if (!REPO_ID.test(repoId)) throw new HFValidationError(`'${repoId}' is not a local folder and not a valid model id. ${hint}`);
}

/** A branch, tag, `refs/pr/N` or commit: no `..`, no empty path parts, no characters git forbids. */
export function validateRevision(revision: string): void {
  const bad =
    typeof revision !== "string" ||
    revision.length === 0 ||
    revision.length > 255 ||
    revision.startsWith("/") ||
    revision.endsWith("/") ||
    revision.split("/").some((part) => part === "" || part === "." || part === ".." || part.startsWith(".") || part.endsWith(".lock")) ||
    revision.includes("..") ||
    /[\x00-\x20\x7f~^:?*[\\]/.test(revision) ||
    revision.includes("@{");
  if (bad)
    throw new HFValidationError(
      `'${revision}' is not a valid revision. Pass a branch ("main"), a tag ("v1.0"), "refs/pr/1" or a 40-character commit hash.`,
    );
}

/** A file inside a repo: a relative path with `/` separators and no `..`. */
export function validateFilename(filename: string): void {
  const bad =
    typeof filename !== "string" ||
    filename.length === 0 ||
    filename.startsWith("/") ||
    filename.includes("\\") ||
    filename.includes("\0") ||
    filename.split("/").some((part) => part === "" || part === "." || part === "..");
  if (bad) throw new HFValidationError(`'${filename}' is not a valid file name inside a repo (use a relative path such as "config.json" or "onnx/model.onnx").`);
}

/** A full 40-hex-digit git commit id. */
export function isCommitHash(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}

/** A server's `X-Repo-Commit` (or a listing's `sha`) before it names `snapshots/<commit>/` and fills `refs/`. */
export function validateServerCommit(commit: string, source: string): void {
  if (!isCommitHash(commit))
    throw new FileMetadataError(
      `${source} gave the commit '${printable(commit)}', which is not a 40-digit hexadecimal git commit id, so nothing was stored. ` +
        `The server is not a Hugging Face Hub or something changed its answers: check HF_ENDPOINT.`,
    );
}

// What the Hub sends as ETags: a git blob id (40 hex) or an LFS sha256 (64 hex); mirrors may use
// other opaque tokens, so any short run of letters, digits, `-` and `_` is accepted as a file name.
const SAFE_ETAG = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** An ETag (quotes and `W/` already removed) before it names `blobs/<etag>` and `.locks/<etag>.lock`. */
export function validateEtag(etag: string, source: string): void {
  if (!SAFE_ETAG.test(etag) || etag.includes(".."))
    throw new FileMetadataError(
      `${source} gave the ETag '${printable(etag)}', which is not a safe file name (letters, digits, '-', '_' or '.', at most 128), ` +
        `so nothing was stored. The server is not a Hugging Face Hub or something changed its answers: check HF_ENDPOINT.`,
    );
}

/** Throws unless `target` is `base` itself or lies below it, after resolving `.` and `..`. */
export function assertInside(base: string, target: string): string {
  const relative = path.relative(path.resolve(base), path.resolve(target));
  if (relative.startsWith("..") || path.isAbsolute(relative))
    throw new HFValidationError(`Refusing to use ${target}: it lies outside the cache folder ${base}.`);
  return target;
}

/** A server-given value cut to a readable length with control characters escaped. */
function printable(value: unknown): string {
  const text = JSON.stringify(String(value)).slice(1, -1);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
