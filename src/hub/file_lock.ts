// A lock file that lets two processes (two kernels, a kernel and a CLI) agree on who downloads a
// file. It is created with O_EXCL; a lock whose owner died, or that has not been refreshed for a
// while, is stale and is taken over.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { throwIfInterrupted } from "../utils/cancellation";

/** A lock not refreshed for this long belongs to a process that hung or died on another host. */
const STALE_AFTER_MS = 60_000;
const REFRESH_EVERY_MS = 10_000;
const POLL_MS = 100;

interface LockOwner {
  pid: number;
  host: string;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    return typeof parsed?.pid === "number" && typeof parsed?.host === "string" ? parsed : null;
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(lockPath: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(lockPath);
  } catch {
    return false; // already gone: not stale, just free
  }
  const owner = readOwner(lockPath);
  if (owner && owner.host === os.hostname() && !processIsAlive(owner.pid)) return true;
  // An empty or foreign lock file (e.g. left by Python's filelock) counts only when it has gone quiet.
  return Date.now() - stat.mtimeMs > STALE_AFTER_MS;
}

/** Removes a stale lock, only if it is still the same file that was judged stale. */
function breakStaleLock(lockPath: string): void {
  try {
    const before = fs.statSync(lockPath);
    if (!isStale(lockPath)) return;
    const after = fs.statSync(lockPath);
    if (before.ino === after.ino && before.mtimeMs === after.mtimeMs) fs.unlinkSync(lockPath);
  } catch {
    // someone else removed it first
  }
}

/** Runs `fn` while holding the lock at `lockPath`, waiting for any other holder to finish first. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const owner = JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies LockOwner);
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, owner);
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (isStale(lockPath)) breakStaleLock(lockPath);
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      throwIfInterrupted();
    }
  }
  // Touch the lock while working so that a slow download is never mistaken for a dead one.
  const refresh = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(lockPath, now, now);
    } catch {
      // lock removed under us; the final rename is still atomic
    }
  }, REFRESH_EVERY_MS);
  refresh.unref();
  try {
    return await fn();
  } finally {
    clearInterval(refresh);
    if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  }
}
