// A small Hub on 127.0.0.1 for tests: serves repos over `/{repo}/resolve/{revision}/{file}` and
// `/api/models/{repo}/revision/{revision}` with the Hub's headers (X-Repo-Commit, ETag,
// X-Linked-Etag/Size for LFS files that redirect to a CDN path), its X-Error-Code errors, a private
// repo needing a token, a renamed repo answering with a relative redirect, and switches to drop a
// download halfway or to slow it down, and a hook through which a test answers like a hostile server.
// Data set repos are added as "datasets/<id>"; the parquet conversion branch `refs/convert/parquet`
// is listed by `/api/datasets/<id>/parquet` as the Hub does. It records every request and closes itself after a while.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";

export interface FakeRepo {
  /** branch or tag → commit */
  refs: Record<string, string>;
  /** commit → file name → contents */
  commits: Record<string, Record<string, Buffer>>;
  /** requests must carry `Authorization: Bearer <token>` */
  token?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

const isLfs = (file: string) => /\.(safetensors|onnx|bin|parquet)$/.test(file);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** git's blob id, which the Hub sends as the ETag of small files. */
const gitBlobId = (b: Buffer) => createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");

/** Every environment variable that steers where the Hub client looks, caches or connects. */
export const HUB_ENV_KEYS = ["HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE", "XDG_CACHE_HOME", "HF_ENDPOINT", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

/** A fresh, empty HF_HOME under test-output/<name> pointing at `hub`; returns that HF_HOME. */
export function useFreshHubHome(hub: FakeHub, name: string): string {
  for (const key of HUB_ENV_KEYS) delete process.env[key];
  const home = scratchDir(name);
  process.env.HF_HOME = home;
  process.env.HF_ENDPOINT = hub.endpoint;
  process.env.HF_HUB_DISABLE_PROGRESS_BARS = "1";
  return home;
}

export function commitId(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

/** Reads a folder of files into a commit's file map. */
export function filesOf(folder: string, names?: string[]): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of names ?? fs.readdirSync(folder)) out[name] = fs.readFileSync(path.join(folder, name));
  return out;
}

export class FakeHub {
  readonly requests: RecordedRequest[] = [];
  readonly repos = new Map<string, FakeRepo>();
  /** old repo id → new id, answered with a relative 307 like a renamed repo on the Hub */
  readonly renamed = new Map<string, string>();
  /** sha256 of blobs whose next CDN GET sends half and then drops the connection */
  readonly dropNextDownload = new Set<string>();
  /** milliseconds to wait between 16 kB chunks of a CDN download */
  chunkDelayMs = 0;
  /** answers a request before the normal Hub does; returns false to let the Hub answer */
  hostile?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean;
  private server!: http.Server | https.Server;
  private lfsBlobs = new Map<string, Buffer>();
  endpoint = "";

  /** Starts on a random port; with `tls` ({ key, cert }) it serves HTTPS. */
  async start(tls?: { key: string; cert: string }): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.endpoint = `${tls ? "https" : "http"}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // bounded: a forgotten server never keeps the test process alive
    setTimeout(() => this.server.close(), 120_000).unref();
    this.server.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addRepo(id: string, repo: FakeRepo): void {
    this.repos.set(id, repo);
    for (const files of Object.values(repo.commits))
      for (const [name, data] of Object.entries(files)) if (isLfs(name)) this.lfsBlobs.set(sha256(data), data);
  }

  count(filter: (r: RecordedRequest) => boolean = () => true): number {
    return this.requests.filter(filter).length;
  }

  private error(res: http.ServerResponse, status: number, code?: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...(code ? { "X-Error-Code": code, "X-Error-Message": `${code} (test hub)` } : {}), ...extra });
    res.end(code ?? "error");
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", this.endpoint);
    this.requests.push({ method: req.method ?? "", url: url.pathname, range: req.headers.range, authorization: req.headers.authorization });
    if (this.hostile?.(req, res, url)) return;

    if (url.pathname.startsWith("/cdn/")) return this.serveBlob(req, res, url.pathname.slice(5));
    const parquetListing = /^\/api\/datasets\/(.+)\/parquet$/.exec(url.pathname);
    if (parquetListing) return this.serveParquetListing(res, decodeURIComponent(parquetListing[1]));

    const api = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/((?:datasets\/)?[^/]+(?:\/[^/]+)?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const match = api ?? resolve;
    if (!match) return this.error(res, 404);
    const repoId = decodeURIComponent(match[1]);
    const revision = decodeURIComponent(match[2]);

    const newId = this.renamed.get(repoId);
    if (newId) {
      res.writeHead(307, { Location: url.pathname.replace(`/${repoId}/`, `/${newId}/`) });
      return void res.end();
    }
    const repo = this.repos.get(repoId);
    if (!repo) return this.error(res, 404, "RepoNotFound");
    if (repo.token && req.headers.authorization !== `Bearer ${repo.token}`) {
      return req.headers.authorization ? this.error(res, 403, "GatedRepo") : this.error(res, 401);
    }
    const commit = repo.refs[revision] ?? (repo.commits[revision] ? revision : undefined);
    if (!commit) return this.error(res, 404, "RevisionNotFound");
    const files = repo.commits[commit];

    if (api) {
      res.writeHead(200, { "Content-Type": "application/json" });
      return void res.end(JSON.stringify({ id: repoId, sha: commit, siblings: Object.keys(files).map((rfilename) => ({ rfilename })) }));
    }
    const filename = decodeURIComponent(match[3]);
    const data = files[filename];
    if (!data) return this.error(res, 404, "EntryNotFound", { "X-Repo-Commit": commit });

    if (isLfs(filename)) {
      const oid = sha256(data);
      // Like the Hub: LFS files redirect to a CDN with an absolute URL; HEAD carries the linked metadata.
      res.writeHead(302, {
        Location: `${this.endpoint}/cdn/${oid}`,
        "X-Repo-Commit": commit,
        "X-Linked-Etag": `"${oid}"`,
        "X-Linked-Size": String(data.length),
        ETag: `"${gitBlobId(Buffer.from(oid))}"`,
      });
      return void res.end();
    }
    res.writeHead(200, { "X-Repo-Commit": commit, ETag: `"${gitBlobId(data)}"`, "Content-Length": String(data.length) });
    res.end(req.method === "HEAD" ? undefined : data);
  }

  /** `{ config: { split: [shard URLs] } }` from the files of the repo's `refs/convert/parquet` branch. */
  private serveParquetListing(res: http.ServerResponse, id: string): void {
    const repo = this.repos.get(`datasets/${id}`);
    const commit = repo?.refs["refs/convert/parquet"];
    if (!repo || !commit) return this.error(res, 404, "RepoNotFound");
    const listing: Record<string, Record<string, string[]>> = {};
    for (const file of Object.keys(repo.commits[commit]).sort()) {
      const shard = /^([^/]+)\/(?:partial-)?([^/]+)\/(\d+)\.parquet$/.exec(file);
      if (!shard) continue;
      const [, config, split, index] = shard;
      ((listing[config] ??= {})[split] ??= []).push(`${this.endpoint}/api/datasets/${id}/parquet/${config}/${split}/${Number(index)}.parquet`);
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(listing));
  }

  private serveBlob(req: http.IncomingMessage, res: http.ServerResponse, oid: string): void {
    const data = this.lfsBlobs.get(oid);
    if (!data) return this.error(res, 404);
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range) {
      start = Number(range[1]);
      if (start >= data.length) {
        res.writeHead(416, { "Content-Range": `bytes */${data.length}` });
        return void res.end();
      }
      res.writeHead(206, { "Content-Length": String(data.length - start), "Content-Range": `bytes ${start}-${data.length - 1}/${data.length}` });
    } else {
      res.writeHead(200, { "Content-Length": String(data.length), ETag: `"${oid}"` });
    }
    if (req.method === "HEAD") return void res.end();
    const body = data.subarray(start);
    if (this.dropNextDownload.delete(oid)) {
      // half the file, then the connection dies
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    let offset = 0;
    const sendChunk = () => {
      if (offset >= body.length) return void res.end();
      const chunk = body.subarray(offset, offset + 16_384);
      offset += chunk.length;
      res.write(chunk);
      setTimeout(sendChunk, this.chunkDelayMs);
    };
    sendChunk();
  }
}
