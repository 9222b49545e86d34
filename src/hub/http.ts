// Minimal HTTP client for the Hub's resolve URLs, on node:http/https: HEAD with only relative
// redirects followed (as huggingface_hub does, to keep the Hub's own headers), GET with every
// redirect followed, timeouts, and the Hub's error headers turned into typed errors.
import * as http from "node:http";
import * as https from "node:https";
import { downloadTimeoutMs } from "./constants";
import {
  EntryNotFoundError,
  GatedRepoError,
  HfHubHTTPError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from "./errors";

const MAX_REDIRECTS = 10;
const USER_AGENT = `transformers-lab; node/${process.versions.node}`;

export interface HubRequest {
  method: "HEAD" | "GET";
  url: string;
  token?: string;
  headers?: Record<string, string>;
  /** "relative": follow only redirects within the same host (HEAD); "all": follow every redirect (GET). */
  followRedirects: "relative" | "all";
}

export interface HubResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL that finally answered, after redirects. */
  url: string;
  body: http.IncomingMessage;
}

/** A network failure (refused, unreachable, DNS, timeout): the caller may fall back to the cache. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

function sendOnce(method: string, url: URL, headers: Record<string, string>): Promise<http.IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    // agent: false — one connection per request, so no idle keep-alive socket holds the process open
    const req = client.request(url, { method, headers, agent: false }, resolve);
    req.setTimeout(downloadTimeoutMs(), () => req.destroy(new NetworkError(`No answer from ${url.host} within ${downloadTimeoutMs() / 1000} s.`)));
    req.on("error", (err) => reject(err instanceof NetworkError ? err : new NetworkError(err.message)));
    req.end();
  });
}

/** Sends a request, following redirects as asked; the caller reads or discards `body`. */
export async function hubRequest(request: HubRequest): Promise<HubResponse> {
  let url = new URL(request.url);
  const firstHost = url.host;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { "user-agent": USER_AGENT, ...request.headers };
    // The token goes only to the Hub's own host, never to a CDN it redirects to.
    if (request.token && url.host === firstHost) headers.authorization = `Bearer ${request.token}`;
    const res = await sendOnce(request.method, url, headers);
    const location = res.headers.location;
    const isRedirect = res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 && location;
    if (isRedirect && hop < MAX_REDIRECTS) {
      const next = new URL(location, url);
      const relative = !/^[a-z][a-z0-9+.-]*:/i.test(location) && !location.startsWith("//");
      if (request.followRedirects === "all" || relative) {
        res.resume();
        url = next;
        continue;
      }
    }
    return { status: res.statusCode ?? 0, headers: res.headers, url: url.toString(), body: res };
  }
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export { header as getHeader };

/**
 * Turns an error status into huggingface_hub's error classes, using the Hub's `X-Error-Code`
 * header (RepoNotFound, GatedRepo, RevisionNotFound, EntryNotFound) where it is present.
 */
export function raiseForStatus(res: HubResponse, what: { repoId: string; revision?: string; filename?: string; hadToken: boolean }): void {
  if (res.status < 400) return;
  res.body.resume();
  const code = header(res.headers, "x-error-code");
  const serverMessage = header(res.headers, "x-error-message");
  const detail = serverMessage ? ` (the Hub said: ${serverMessage})` : "";
  const tokenHelp = what.hadToken
    ? "The token that was sent does not grant access: check that it is valid and that its user may read this repo (for a gated model, accept its conditions on the model page first)."
    : "If it is private or gated, log in: set the environment variable HF_TOKEN to an access token from https://huggingface.co/settings/tokens, or pass { token: \"hf_…\" }.";

  if (code === "GatedRepo" || res.status === 403) {
    throw new GatedRepoError(`Access to model '${what.repoId}' is restricted (HTTP ${res.status})${detail}. ${tokenHelp}`, res.status, res.url);
  }
  if (code === "RepoNotFound" || res.status === 401) {
    throw new RepositoryNotFoundError(
      `'${what.repoId}' is not a local folder and not a model on the Hub (HTTP ${res.status})${detail}. ` +
        `Check the spelling of the model id (e.g. "bert-base-cased"). ${tokenHelp}`,
      res.status,
      res.url,
    );
  }
  if (code === "RevisionNotFound") {
    throw new RevisionNotFoundError(
      `'${what.revision}' is not a branch, tag or commit of model '${what.repoId}'${detail}. Use "main" or a revision listed on the model page.`,
      res.status,
      res.url,
    );
  }
  if (code === "EntryNotFound" || res.status === 404) {
    throw new EntryNotFoundError(`Model '${what.repoId}' has no file named '${what.filename}' at revision '${what.revision}'${detail}.`);
  }
  throw new HfHubHTTPError(`The Hub answered HTTP ${res.status} for ${res.url}${detail}. Try again later, or work offline with HF_HUB_OFFLINE=1.`, res.status, res.url);
}
