// hf_hub_download: one file of a Hub repo, through the shared cache.
//
// A file already in the cache for the requested revision is returned without any network request
// (also for branches: a cached `refs/main` is trusted until `force_download`), so lessons start
// fast and work offline once loaded. Otherwise a HEAD request gives the commit and ETag, the blob
// is downloaded under a lock into `<blob>.incomplete` (resumed with Range after an interruption),
// renamed into place, and linked from the snapshot folder.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { RepoCache, RepoType } from "./cache_layout";
import { hubCacheDir, hubEndpoint, isOffline, resolveToken } from "./constants";
import { EntryNotFoundError, FileMetadataError, HubError, LocalEntryNotFoundError } from "./errors";
import { withFileLock } from "./file_lock";
import { contentDecoders } from "./content_encoding";
import { getHeader, hubRequest, NetworkError, raiseForStatus, startDeadline } from "./http";
import { throwIfInterrupted } from "../utils/cancellation";
import { downloadProgress } from "./progress";
import { bundledModelsHint } from "./bundled";
import { isCommitHash, validateEtag, validateFilename, validateRepoId, validateRevision, validateServerCommit } from "./validation";

export interface HfHubDownloadOptions {
  subfolder?: string;
  repo_type?: RepoType;
  revision?: string;
  cache_dir?: string;
  endpoint?: string;
  token?: string;
  local_files_only?: boolean;
  force_download?: boolean;
}

/** `{endpoint}/{repo}/resolve/{revision}/{file}` (datasets and spaces under their prefix). */
export function hf_hub_url(
  repo_id: string,
  filename: string,
  options: { subfolder?: string; repo_type?: RepoType; revision?: string; endpoint?: string } = {},
): string {
  const file = options.subfolder ? `${options.subfolder}/${filename}` : filename;
  const prefix = options.repo_type === "dataset" ? "datasets/" : options.repo_type === "space" ? "spaces/" : "";
  const revision = encodeURIComponent(options.revision ?? "main");
  const encodedFile = file.split("/").map(encodeURIComponent).join("/");
  return `${options.endpoint ?? hubEndpoint()}/${prefix}${repo_id}/resolve/${revision}/${encodedFile}`;
}

/** What a HEAD request on a resolve URL tells: the commit, the blob's ETag, its size and where to GET it. */
export interface HfFileMetadata {
  commit_hash: string;
  etag: string;
  size?: number;
  location: string;
}

/** `W/"abc"` → `abc`. */
function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, "").replace(/^"(.*)"$/, "$1") || undefined;
}

/** The HEAD request of huggingface_hub's `get_hf_file_metadata`. */
export async function get_hf_file_metadata(
  url: string,
  context: { repoId: string; revision: string; filename: string; token?: string },
): Promise<HfFileMetadata> {
  const res = await hubRequest({
    method: "HEAD",
    url,
    token: context.token,
    headers: { "accept-encoding": "identity" },
    followRedirects: "relative",
    deadline: startDeadline(),
  });
  res.body.resume();
  if (res.status >= 400) {
    const commit = getHeader(res.headers, "x-repo-commit");
    try {
      raiseForStatus(res, { ...context, hadToken: Boolean(context.token) });
    } catch (err) {
      // only a real commit id may name a `.no_exist/<commit>` folder
      if (err instanceof EntryNotFoundError && commit && isCommitHash(commit)) (err as EntryNotFoundError & { commit_hash?: string }).commit_hash = commit;
      throw err;
    }
  }
  if (res.status < 200 || res.status >= 400)
    throw new FileMetadataError(`${url} answered HTTP ${res.status} to a HEAD request, which the Hub never does. Check HF_ENDPOINT (now ${hubEndpoint()}).`);
  const commit = getHeader(res.headers, "x-repo-commit");
  const etag = normalizeEtag(getHeader(res.headers, "x-linked-etag") ?? getHeader(res.headers, "etag"));
  const sizeHeader = getHeader(res.headers, "x-linked-size") ?? getHeader(res.headers, "content-length");
  if (!commit || !etag) {
    throw new FileMetadataError(
      `${url} answered without the Hub's X-Repo-Commit/ETag headers, so it does not look like a Hugging Face Hub. ` +
        `Check HF_ENDPOINT (now ${hubEndpoint()}).`,
    );
  }
  validateServerCommit(commit, url);
  validateEtag(etag, url);
  const location = getHeader(res.headers, "location");
  return {
    commit_hash: commit,
    etag,
    size: sizeHeader !== undefined && /^\d+$/.test(sizeHeader) ? Number(sizeHeader) : undefined,
    location: location ? new URL(location, res.url).toString() : res.url,
  };
}

function offlineMessage(repoId: string, filename: string, reason: string): string {
  return (
    `Cannot load '${filename}' of model '${repoId}' (no local folder has that name): ${reason} ` +
    `To work offline, load the model once while online (it is then kept in ${hubCacheDir()}), ` +
    `copy a downloaded model folder and pass its path, or use a bundled model. ${bundledModelsHint()}`
  );
}

/**
 * Downloads a file from a Hub repo into the cache (or finds it there) and returns its local path
 * inside `snapshots/<commit>/`. Python's `huggingface_hub.hf_hub_download`.
 */
export async function hf_hub_download(repo_id: string, filename: string, options: HfHubDownloadOptions = {}): Promise<string> {
  validateRepoId(repo_id);
  const revision = options.revision ?? "main";
  validateRevision(revision);
  if (options.subfolder) validateFilename(options.subfolder);
  validateFilename(filename);
  const relativeFile = options.subfolder ? `${options.subfolder}/${filename}` : filename;
  const cache = new RepoCache(options.cache_dir ?? hubCacheDir(), repo_id, options.repo_type ?? "model");

  if (!options.force_download) {
    const known = cache.lookup(revision, relativeFile);
    const kind = options.repo_type === "dataset" ? "Data set" : options.repo_type === "space" ? "Space" : "Model";
    if (known === "missing") throw new EntryNotFoundError(`${kind} '${repo_id}' has no file named '${relativeFile}' at revision '${revision}'.`);
    if (known) return known;
  }

  if (options.local_files_only || isOffline()) {
    const why = options.local_files_only ? "it is not in the local cache and local_files_only is set." : "it is not in the local cache and HF_HUB_OFFLINE=1 is set.";
    throw new LocalEntryNotFoundError(offlineMessage(repo_id, relativeFile, why));
  }

  const token = resolveToken(options.token);
  const url = hf_hub_url(repo_id, filename, { ...options, revision });
  let metadata: HfFileMetadata;
  try {
    metadata = await get_hf_file_metadata(url, { repoId: repo_id, revision, filename: relativeFile, token });
  } catch (err) {
    const commit = (err as { commit_hash?: string }).commit_hash;
    if (err instanceof EntryNotFoundError && commit) {
      // Remember the absence, so later loads skip the request (huggingface_hub does the same).
      cache.markMissing(commit, relativeFile);
      cache.writeRef(revision, commit);
    }
    if (err instanceof NetworkError) {
      throw new LocalEntryNotFoundError(
        offlineMessage(repo_id, relativeFile, `the Hub at ${hubEndpoint()} cannot be reached (${err.message}) and the file is not in the local cache.`),
      );
    }
    throw err;
  }

  const { commit_hash: commit, etag } = metadata;
  cache.writeRef(revision, commit);
  const pointer = cache.pointerPath(commit, relativeFile);
  if (!options.force_download && fs.existsSync(pointer)) return pointer;
  const blob = cache.blobPath(etag);
  if (!options.force_download && fs.existsSync(blob)) return cache.linkSnapshot(commit, relativeFile, etag);

  await withFileLock(cache.lockPath(etag), async () => {
    // Another process may have finished the same blob while this one waited for the lock.
    if (!options.force_download && fs.existsSync(blob)) return;
    await downloadToBlob(metadata, blob, { token, repoId: repo_id, revision, filename: relativeFile });
  });
  return cache.linkSnapshot(commit, relativeFile, etag);
}

/** GETs the file into `<blob>.incomplete`, resuming what is there, then renames it to `<blob>`. */
async function downloadToBlob(
  metadata: HfFileMetadata,
  blob: string,
  context: { token?: string; repoId: string; revision: string; filename: string },
): Promise<void> {
  const label = `${context.repoId}/${context.filename}`;
  const incomplete = `${blob}.incomplete`;
  fs.mkdirSync(path.dirname(blob), { recursive: true });
  let have = fs.existsSync(incomplete) ? fs.statSync(incomplete).size : 0;
  if (metadata.size !== undefined && have > metadata.size) {
    fs.rmSync(incomplete);
    have = 0;
  }
  if (!(metadata.size !== undefined && have === metadata.size && have > 0)) {
    const res = await hubRequest({
      method: "GET",
      url: metadata.location,
      token: context.token,
      headers: { "accept-encoding": "identity", ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
      followRedirects: "all",
      // counted from here, not from the HEAD: waiting for another process's lock is not the server's fault
      deadline: startDeadline(),
    });
    if (res.status === 416 && have > 0) {
      res.body.resume(); // the .incomplete already holds the whole file
    } else {
      if (res.status >= 400) {
        raiseForStatus(res, { ...context, hadToken: Boolean(context.token) });
      }
      if (res.status !== 200 && res.status !== 206) {
        res.body.resume();
        throw new HubError(`The download of ${label} from ${res.url} answered HTTP ${res.status} instead of the file, so nothing was stored. Check HF_ENDPOINT.`);
      }
      const decoders = contentDecoders(getHeader(res.headers, "content-encoding"), label);
      if (res.status === 206 && !new RegExp(`^bytes ${have}-`).test(getHeader(res.headers, "content-range") ?? "")) {
        // appending a range that does not start where the file stopped would store a corrupted file
        res.body.resume();
        fs.rmSync(incomplete, { force: true });
        throw new HubError(
          `The server answered the resumed download of ${label} with the wrong part (Content-Range '${getHeader(res.headers, "content-range") ?? ""}', expected bytes ${have}-), ` +
            `so the partial file was discarded. Load the model again to download it from the start.`,
        );
      }
      const resuming = res.status === 206 && have > 0 && decoders.length === 0;
      if (!resuming) have = 0; // the server ignored Range (or compressed the rest, which cannot be appended): start again
      const progress = downloadProgress(`Downloading ${label}`, metadata.size, have);
      let received = have;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          try {
            throwIfInterrupted();
          } catch (interrupt) {
            return done(interrupt as Error); // ends the pipeline; what arrived stays for a resume
          }
          received += chunk.length;
          // a server that sends more than it announced is not trusted to stop: cut it off here
          if (metadata.size !== undefined && received > metadata.size) return done(new TooLong(received, metadata.size));
          progress.update(chunk.length);
          done(null, chunk);
        },
      });
      try {
        await pipeline([res.body, ...decoders, counter, fs.createWriteStream(incomplete, { flags: resuming ? "a" : "w" })]);
      } catch (err) {
        if ((err as Error).name === "KeyboardInterrupt") throw err;
        if (err instanceof TooLong) {
          fs.rmSync(incomplete, { force: true });
          throw new HubError(
            `The server sent more of ${label} than the ${err.announced} bytes it announced (at least ${err.received}), so the download was discarded. ` +
              `Check HF_ENDPOINT, or load the model again.`,
          );
        }
        throw new HubError(
          `The download of ${label} stopped (${(err as Error).message}). ` +
            `What arrived is kept in ${incomplete}; load the model again to resume.`,
        );
      } finally {
        progress.close();
      }
    }
  }
  const size = fs.statSync(incomplete).size;
  if (metadata.size !== undefined && size < metadata.size) {
    throw new HubError(
      `The download of ${label} ended early: ${size} of the ${metadata.size} bytes announced arrived. ` +
        `What arrived is kept in ${incomplete}; load the model again to resume it.`,
    );
  }
  // LFS files are named by their sha256: check resumed downloads really form the right file.
  if (/^[0-9a-f]{64}$/.test(metadata.etag)) {
    const digest = await sha256File(incomplete);
    if (digest !== metadata.etag) {
      fs.rmSync(incomplete, { force: true });
      throw new HubError(`The download of ${label} was corrupted (sha256 mismatch) and was discarded. Load the model again.`);
    }
  }
  fs.renameSync(incomplete, blob);
}

/** The body went past the size the server announced. */
class TooLong extends Error {
  constructor(
    readonly received: number,
    readonly announced: number,
  ) {
    super(`more than ${announced} bytes`);
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
