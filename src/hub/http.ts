// Minimal HTTP client for the Hub's resolve URLs, on node:http/https: HEAD with only relative
// redirects followed (as huggingface_hub does, to keep the Hub's own headers), GET with every
// redirect followed, both at most MAX_REDIRECTS times; an idle timeout (HF_HUB_DOWNLOAD_TIMEOUT)
// and an overall deadline per file; and the Hub's error headers turned into typed errors.
// The server is not trusted: a redirect loop, a non-HTTP redirect or a stalled trickle ends in
// a typed error, never in a cached empty file or a download that never ends.
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import * as tls from "node:tls";
import { downloadTimeoutMs, fileDeadlineMs } from "./constants";
import { proxyAuthorization, proxyFor, trustedCertificates } from "./proxy";
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
  /** `Date.now()` value by which the whole exchange, body included, must be over (see `startDeadline`). */
  deadline?: number;
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

/** The `deadline` for one file's exchanges: now plus the overall per-file limit. */
export function startDeadline(): number {
  return Date.now() + fileDeadlineMs();
}

function deadlineError(url: URL): NetworkError {
  return new NetworkError(
    `${url.host} did not finish sending within the overall limit of ${fileDeadlineMs() / 1000} s per file ` +
      `(the server is too slow or stalls; raise TLAB_HUB_FILE_DEADLINE to allow more).`,
  );
}

function send(
  client: typeof http | typeof https,
  options: https.RequestOptions,
  url: URL,
  deadline?: number,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    // agent: false — one connection per request, so no idle keep-alive socket holds the process open.
    // A request with its own createConnection (a proxy tunnel) must have no agent, or Node ignores it.
    let response: http.IncomingMessage | undefined;
    const req = client.request({ ...options, agent: options.createConnection ? undefined : false }, (res) => {
      response = res;
      res.once("close", () => clearTimeout(overall));
      resolve(res);
    });
    // The idle timeout alone never fires for a server that sends one byte a second: the deadline
    // bounds the whole exchange, headers and body, and ends the body stream with its own error.
    const overall = deadline === undefined ? undefined : setTimeout(() => {
      const err = deadlineError(url);
      response?.destroy(err);
      req.destroy(err);
    }, Math.max(0, deadline - Date.now()));
    overall?.unref();
    req.setTimeout(downloadTimeoutMs(), () => req.destroy(new NetworkError(`No answer from ${url.host} within ${downloadTimeoutMs() / 1000} s (HF_HUB_DOWNLOAD_TIMEOUT).`)));
    req.on("error", (err) => {
      clearTimeout(overall);
      reject(err instanceof NetworkError ? err : new NetworkError(err.message));
    });
    req.end();
  });
}

/** Opens a CONNECT tunnel through an HTTP proxy to the target's host and port. */
function openTunnel(proxy: URL, target: URL): Promise<net.Socket> {
  const authority = `${target.hostname}:${target.port || 443}`;
  const auth = proxyAuthorization(proxy);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: "CONNECT",
      path: authority,
      headers: { host: authority, ...(auth ? { "proxy-authorization": auth } : {}) },
      agent: false,
    });
    req.setTimeout(downloadTimeoutMs(), () => req.destroy(new NetworkError(`The proxy ${proxy.host} did not answer within ${downloadTimeoutMs() / 1000} s.`)));
    req.on("connect", (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new NetworkError(`The proxy ${proxy.host} refused a connection to ${authority} (HTTP ${res.statusCode}). Check HTTPS_PROXY and its credentials.`));
    });
    req.on("error", (err) => reject(err instanceof NetworkError ? err : new NetworkError(`Cannot reach the proxy ${proxy.host}: ${err.message}`)));
    req.end();
  });
}

/** One request, directly or through the proxy the environment names. */
async function sendOnce(method: string, url: URL, headers: Record<string, string>, deadline?: number): Promise<http.IncomingMessage> {
  const proxy = proxyFor(url);
  const ca = trustedCertificates();
  const target = { host: url.hostname, port: url.port || undefined, path: url.pathname + url.search, method, headers };
  if (!proxy) return send(url.protocol === "https:" ? https : http, { ...target, ...(ca ? { ca } : {}) }, url, deadline);
  if (url.protocol === "http:") {
    // Plain HTTP through a proxy: the request line carries the absolute URL.
    const auth = proxyAuthorization(proxy);
    return send(http, { host: proxy.hostname, port: proxy.port || 80, method, path: url.href, headers: { ...headers, host: url.host, ...(auth ? { "proxy-authorization": auth } : {}) } }, url, deadline);
  }
  // HTTPS through a proxy: TLS to the Hub inside a CONNECT tunnel, so the proxy sees no contents.
  const socket = await openTunnel(proxy, url);
  const servername = net.isIP(url.hostname.replace(/^\[|\]$/g, "")) ? undefined : url.hostname;
  return send(https, { ...target, createConnection: () => tls.connect({ socket, servername, ...(ca ? { ca } : {}) }) }, url, deadline);
}

/** A URL the client may send to: http or https only (a redirect to `file:` or `ftp:` is refused). */
function httpUrl(location: string, base: URL | undefined, from: string): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    throw new HfHubHTTPError(`${from} redirected to '${location}', which is not a URL. Check HF_ENDPOINT.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new HfHubHTTPError(`${from} pointed to ${url.protocol} URL '${url.href}'; only http and https are followed. Check HF_ENDPOINT.`);
  return url;
}

/** Sends a request, following redirects as asked; the caller reads or discards `body`. */
export async function hubRequest(request: HubRequest): Promise<HubResponse> {
  let url = httpUrl(request.url, undefined, "The request");
  const firstHost = url.host;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { "user-agent": USER_AGENT, ...request.headers };
    // The token goes only to the Hub's own host, never to a CDN it redirects to.
    if (request.token && url.host === firstHost) headers.authorization = `Bearer ${request.token}`;
    const res = await sendOnce(request.method, url, headers, request.deadline);
    const location = res.headers.location;
    const isRedirect = res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 && location;
    if (isRedirect) {
      const relative = !/^[a-z][a-z0-9+.-]*:/i.test(location) && !location.startsWith("//");
      if (request.followRedirects === "all" || relative) {
        res.resume();
        if (hop >= MAX_REDIRECTS)
          throw new HfHubHTTPError(
            `${request.url} redirected more than ${MAX_REDIRECTS} times (last to ${new URL(location, url).href}): a redirect loop, ` +
              `so nothing was downloaded. Check HF_ENDPOINT (the server at ${firstHost} is misconfigured or not a Hugging Face Hub).`,
            res.statusCode,
            url.toString(),
          );
        url = httpUrl(location, url, url.href);
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
