// snapshot_download: every file of a repo revision (optionally filtered by glob patterns) in the
// cache, returning the snapshot folder — Python's `huggingface_hub.snapshot_download`.
import * as fs from "node:fs";
import { RepoCache, RepoType } from "./cache_layout";
import { hubCacheDir, hubEndpoint, isOffline, resolveToken } from "./constants";
import { HubError, LocalEntryNotFoundError } from "./errors";
import { hf_hub_download } from "./file_download";
import { hubRequest, NetworkError, raiseForStatus, startDeadline } from "./http";
import { bundledModelsHint } from "./bundled";
import { validateRepoId, validateRevision, validateServerCommit } from "./validation";

/** A repo listing is a few kB per thousand files; a server sending more is refused, not buffered. */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export interface SnapshotDownloadOptions {
  repo_type?: RepoType;
  revision?: string;
  cache_dir?: string;
  endpoint?: string;
  token?: string;
  local_files_only?: boolean;
  force_download?: boolean;
  allow_patterns?: string | string[];
  ignore_patterns?: string | string[];
}

/** Python's fnmatch: `*` matches anything (also `/`), `?` one character, `[seq]` a set. */
function fnmatchToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) out += "\\[";
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (set.startsWith("!")) set = "^" + set.slice(1);
        out += `[${set}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/** huggingface_hub's `filter_repo_objects`; a pattern ending in `/` means everything below that folder. */
export function filterRepoFiles(files: string[], allow?: string | string[], ignore?: string | string[]): string[] {
  const toRegExps = (p?: string | string[]) =>
    p === undefined ? undefined : (Array.isArray(p) ? p : [p]).map((x) => fnmatchToRegExp(x.endsWith("/") ? x + "*" : x));
  const allowRe = toRegExps(allow);
  const ignoreRe = toRegExps(ignore) ?? [];
  return files.filter((f) => (!allowRe || allowRe.some((r) => r.test(f))) && !ignoreRe.some((r) => r.test(f)));
}

interface RepoInfo {
  sha: string;
  siblings: { rfilename: string }[];
}

async function fetchRepoInfo(repoId: string, repoType: RepoType, revision: string, endpoint: string, token?: string): Promise<RepoInfo> {
  const kind = `${repoType}s`;
  const url = `${endpoint}/api/${kind}/${repoId}/revision/${encodeURIComponent(revision)}`;
  const res = await hubRequest({ method: "GET", url, token, followRedirects: "all", deadline: startDeadline() });
  raiseForStatus(res, { repoId, revision, filename: "(repo listing)", hadToken: Boolean(token) });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of res.body) {
    length += (chunk as Buffer).length;
    if (length > MAX_LISTING_BYTES) {
      res.body.destroy();
      throw new HubError(`${url} sent a repo listing of more than ${MAX_LISTING_BYTES} bytes, which no real repo has. Check HF_ENDPOINT (now ${endpoint}).`);
    }
    chunks.push(chunk as Buffer);
  }
  let info: RepoInfo;
  try {
    info = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RepoInfo;
    if (typeof info?.sha !== "string" || !Array.isArray(info.siblings)) throw new Error("missing sha or siblings");
    if (info.siblings.some((s) => typeof s?.rfilename !== "string")) throw new Error("a sibling without an rfilename");
  } catch (err) {
    throw new HubError(`${url} did not return a repo listing (${(err as Error).message}). Check HF_ENDPOINT (now ${endpoint}).`);
  }
  validateServerCommit(info.sha, url);
  return info;
}

/** Downloads (or finds in the cache) every file of a repo revision and returns the local snapshot folder. */
export async function snapshot_download(repo_id: string, options: SnapshotDownloadOptions = {}): Promise<string> {
  validateRepoId(repo_id);
  const revision = options.revision ?? "main";
  validateRevision(revision);
  const repoType = options.repo_type ?? "model";
  const cacheDir = options.cache_dir ?? hubCacheDir();
  const cache = new RepoCache(cacheDir, repo_id, repoType);

  const fromCache = (reason: string): string => {
    const commit = cache.commitFor(revision);
    if (commit && fs.existsSync(cache.snapshotFolder(commit))) return cache.snapshotFolder(commit);
    throw new LocalEntryNotFoundError(
      `Cannot load model '${repo_id}' at revision '${revision}': ${reason} ` +
        `Load it once while online to keep it in ${cacheDir}, or pass a local folder. ${bundledModelsHint()}`,
    );
  };
  if (options.local_files_only) return fromCache("it is not in the local cache and local_files_only is set.");
  if (isOffline()) return fromCache("it is not in the local cache and HF_HUB_OFFLINE=1 is set.");

  const endpoint = options.endpoint ?? hubEndpoint();
  const token = resolveToken(options.token);
  let info: RepoInfo;
  try {
    info = await fetchRepoInfo(repo_id, repoType, revision, endpoint, token);
  } catch (err) {
    if (err instanceof NetworkError) return fromCache(`the Hub at ${endpoint} cannot be reached (${err.message}) and the model is not in the local cache.`);
    throw err;
  }
  const files = filterRepoFiles(
    info.siblings.map((s) => s.rfilename),
    options.allow_patterns,
    options.ignore_patterns,
  );
  for (const file of files) {
    await hf_hub_download(repo_id, file, {
      repo_type: repoType,
      revision: info.sha,
      cache_dir: cacheDir,
      endpoint,
      token,
      force_download: options.force_download,
    });
  }
  cache.writeRef(revision, info.sha);
  const folder = cache.snapshotFolder(info.sha);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}
