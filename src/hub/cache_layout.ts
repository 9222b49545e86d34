// The Hub cache in huggingface_hub's exact layout, so Python and this package share one cache:
//
//   <cache>/models--org--name/
//     blobs/<etag>                       file contents, named by the ETag (sha256 for LFS files)
//     refs/<revision>                    the commit a branch or tag pointed to when last seen
//     snapshots/<commit>/<file>          relative symlinks into blobs/
//     .no_exist/<commit>/<file>          empty markers for files known to be absent
//   <cache>/.locks/models--org--name/<etag>.lock
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { HFValidationError } from "./errors";
import { assertInside, isCommitHash } from "./validation";

export type RepoType = "model" | "dataset" | "space";

/** `models--org--name`, as huggingface_hub's `repo_folder_name`. */
export function repoFolderName(repoId: string, repoType: RepoType = "model"): string {
  return [`${repoType}s`, ...repoId.split("/")].join("--");
}

/** The paths of one repo inside a cache folder. */
export class RepoCache {
  readonly storageFolder: string;
  readonly locksFolder: string;

  constructor(
    readonly cacheDir: string,
    readonly repoId: string,
    readonly repoType: RepoType = "model",
  ) {
    this.storageFolder = path.join(cacheDir, repoFolderName(repoId, repoType));
    this.locksFolder = path.join(cacheDir, ".locks", repoFolderName(repoId, repoType));
  }

  // Every path below is checked to stay inside its folder: the names come from users and servers,
  // and the validation before them is the first line of defence, not the only one.

  blobPath(etag: string): string {
    return assertInside(path.join(this.storageFolder, "blobs"), path.join(this.storageFolder, "blobs", etag));
  }

  snapshotFolder(commit: string): string {
    return assertInside(path.join(this.storageFolder, "snapshots"), path.join(this.storageFolder, "snapshots", commit));
  }

  pointerPath(commit: string, filename: string): string {
    return assertInside(this.snapshotFolder(commit), path.join(this.snapshotFolder(commit), ...filename.split("/")));
  }

  noExistPath(commit: string, filename: string): string {
    const folder = path.join(this.storageFolder, ".no_exist");
    return assertInside(folder, path.join(folder, commit, ...filename.split("/")));
  }

  lockPath(etag: string): string {
    return assertInside(this.locksFolder, path.join(this.locksFolder, `${etag}.lock`));
  }

  private refPath(revision: string): string {
    const folder = path.join(this.storageFolder, "refs");
    return assertInside(folder, path.join(folder, ...revision.split("/")));
  }

  /** The commit a revision means here: itself if it is a commit hash, else what refs/<revision> says. */
  commitFor(revision: string): string | null {
    if (isCommitHash(revision)) return revision;
    try {
      const commit = fs.readFileSync(this.refPath(revision), "utf8").trim();
      // a ref written by an older version or by hand may hold anything: only a commit id is used
      return isCommitHash(commit) ? commit : null;
    } catch {
      return null;
    }
  }

  /** Records which commit a branch or tag points to (no trailing newline, as Python writes it). */
  writeRef(revision: string, commit: string): void {
    if (revision === commit) return;
    if (!isCommitHash(commit)) throw new HFValidationError(`refs/${revision} may only hold a commit id, not '${commit}'.`);
    const refPath = this.refPath(revision);
    let current: string | null = null;
    try {
      current = fs.readFileSync(refPath, "utf8");
    } catch {
      // no ref yet
    }
    if (current !== commit) writeFileAtomic(refPath, commit);
  }

  /**
   * What the cache knows about a file at a revision without asking the network: its path, "missing"
   * when a `.no_exist` marker says the repo has no such file, or null when the cache cannot tell.
   */
  lookup(revision: string, filename: string): string | "missing" | null {
    const commit = this.commitFor(revision);
    if (!commit) return null;
    const pointer = this.pointerPath(commit, filename);
    if (fs.existsSync(pointer)) return pointer;
    if (fs.existsSync(this.noExistPath(commit, filename))) return "missing";
    return null;
  }

  markMissing(commit: string, filename: string): void {
    const marker = this.noExistPath(commit, filename);
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.closeSync(fs.openSync(marker, "a"));
  }

  /** Points snapshots/<commit>/<file> at blobs/<etag> with a relative symlink (a copy where symlinks fail). */
  linkSnapshot(commit: string, filename: string, etag: string): string {
    const pointer = this.pointerPath(commit, filename);
    const blob = this.blobPath(etag);
    fs.mkdirSync(path.dirname(pointer), { recursive: true });
    const relative = path.relative(path.dirname(pointer), blob);
    const temp = tempName(pointer);
    try {
      fs.symlinkSync(relative, temp);
    } catch (err) {
      // Filesystems without symlinks get a copy, as huggingface_hub does on them.
      if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "EINVAL"].includes((err as NodeJS.ErrnoException).code ?? "")) throw err;
      fs.copyFileSync(blob, temp);
    }
    // rename replaces an older pointer atomically, even when another process made one meanwhile
    fs.renameSync(temp, pointer);
    return pointer;
  }
}

/** A sibling name no other writer (process or concurrent call) will pick. */
function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
}

/** Writes a file through a temp file in the same folder and a rename, so readers never see half of it. */
export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempName(file);
  fs.writeFileSync(temp, contents, { flag: "wx" });
  fs.renameSync(temp, file);
}
