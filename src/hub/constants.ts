// Where the Hub and its cache are, read from the same environment variables as huggingface_hub.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const DEFAULT_ENDPOINT = "https://huggingface.co";

/** `HF_ENDPOINT` without a trailing slash, or the public Hub. */
export function hubEndpoint(): string {
  return (process.env.HF_ENDPOINT || DEFAULT_ENDPOINT).replace(/\/+$/, "");
}

/** `$HF_HOME`, else `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`. */
export function hfHome(): string {
  if (process.env.HF_HOME) return expandUser(process.env.HF_HOME);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(expandUser(xdg), "huggingface");
}

/**
 * The Hub cache: `HF_HUB_CACHE`, else the older `HUGGINGFACE_HUB_CACHE` or transformers'
 * `TRANSFORMERS_CACHE`, else `$HF_HOME/hub`.
 */
export function hubCacheDir(): string {
  const explicit = process.env.HF_HUB_CACHE || process.env.HUGGINGFACE_HUB_CACHE || process.env.TRANSFORMERS_CACHE;
  return explicit ? expandUser(explicit) : path.join(hfHome(), "hub");
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ["1", "ON", "YES", "TRUE"].includes(value.trim().toUpperCase());
}

/** `HF_HUB_OFFLINE=1` (or transformers' `TRANSFORMERS_OFFLINE=1`): never touch the network. */
export function isOffline(): boolean {
  return isTruthy(process.env.HF_HUB_OFFLINE) || isTruthy(process.env.TRANSFORMERS_OFFLINE);
}

/**
 * The token to send: an explicit one, else `HF_TOKEN` / `HUGGING_FACE_HUB_TOKEN`, else the file that
 * `huggingface-cli login` writes (`$HF_TOKEN_PATH` or `$HF_HOME/token`).
 */
export function resolveToken(explicit?: string): string | undefined {
  if (explicit) return explicit;
  const fromEnv = process.env.HF_TOKEN || process.env.HUGGING_FACE_HUB_TOKEN;
  if (fromEnv) return fromEnv.trim();
  const tokenPath = process.env.HF_TOKEN_PATH ? expandUser(process.env.HF_TOKEN_PATH) : path.join(hfHome(), "token");
  try {
    const saved = fs.readFileSync(tokenPath, "utf8").trim();
    return saved || undefined;
  } catch {
    return undefined;
  }
}

function secondsFromEnv(name: string, fallback: number): number {
  const seconds = Number(process.env[name]);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : fallback) * 1000;
}

/**
 * The idle timeout: how long the Hub may stay silent (no connection, no byte) before it counts as
 * unreachable (`HF_HUB_DOWNLOAD_TIMEOUT`, seconds, default 10, as huggingface_hub).
 */
export function downloadTimeoutMs(): number {
  return secondsFromEnv("HF_HUB_DOWNLOAD_TIMEOUT", 10);
}

/**
 * The overall deadline for one file, all requests and the whole body included
 * (`TLAB_HUB_FILE_DEADLINE`, seconds, default 3600): a server that trickles one byte a second
 * never trips the idle timeout, but it cannot hold a download for longer than this.
 */
export function fileDeadlineMs(): number {
  return secondsFromEnv("TLAB_HUB_FILE_DEADLINE", 3600);
}

function expandUser(p: string): string {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}
