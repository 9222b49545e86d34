// A hostile or intercepted HF_ENDPOINT: every value the server sends is checked before it becomes a
// path, redirect loops and odd statuses end in typed errors, compressed bodies are stored decoded,
// and a trickling server cannot hold a download for longer than the per-file deadline.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import type * as http from "node:http";
import * as path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import * as zlib from "node:zlib";
import { FileMetadataError, hf_hub_download, HfHubHTTPError, HubError, snapshot_download } from "../../src/hub";
import { scratchDir } from "../helpers/paths";
import { commitId, FakeHub } from "./fake_hub";

const MAIN = commitId("hostile-main");
const CONFIG = Buffer.from(JSON.stringify({ model_type: "bert", hidden_size: 8, note: "x".repeat(400) }));
const ENV_KEYS = ["HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_CACHE", "XDG_CACHE_HOME", "HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_TOKEN", "TLAB_HUB_FILE_DEADLINE", "HF_HUB_DOWNLOAD_TIMEOUT"];

let hub: FakeHub;
let root: string;
let cache: string;

/** A fresh HF_HOME inside a scratch root, so anything written beside the cache can be seen. */
function freshHome(name: string): void {
  for (const key of ENV_KEYS) delete process.env[key];
  root = scratchDir(`hub/hostile/${name}`);
  process.env.HF_HOME = path.join(root, "home");
  process.env.HF_ENDPOINT = hub.endpoint;
  process.env.HF_HUB_DISABLE_PROGRESS_BARS = "1";
  cache = path.join(root, "home", "hub");
}

/** Every file, folder and link under the scratch root that is not inside the cache folder. */
function outsideCache(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (full !== cache && !full.startsWith(cache + path.sep) && !cache.startsWith(full + path.sep)) found.push(full);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(root);
  return found;
}

/** Every entry under the cache whose symlink points outside it. */
function linksLeavingCache(): string[] {
  const bad: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = path.resolve(dir, fs.readlinkSync(full));
        if (!target.startsWith(cache + path.sep)) bad.push(`${full} -> ${target}`);
      } else if (entry.isDirectory()) walk(full);
    }
  };
  walk(cache);
  return bad;
}

/** Answers HEAD and GET of `/org/evil/resolve/…` with the given headers and body. */
function serveResolve(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): void {
  hub.hostile = (req, res, url) => {
    if (!url.pathname.startsWith("/org/evil/")) return false;
    answer(req, res);
    return true;
  };
}

describe("hub client against a hostile server", () => {
  before(async () => {
    hub = await new FakeHub().start();
  });
  after(async () => {
    for (const key of ENV_KEYS) delete process.env[key];
    await hub.stop();
  });
  beforeEach(() => {
    hub.hostile = undefined;
    hub.requests.length = 0;
  });

  test("an ETag that is not a safe file name is refused and nothing is written outside the cache", async () => {
    for (const etag of ["../../../escape", "..", "a/b", "/tmp/abs", "x\\..\\y", ".", "", "a".repeat(200), "..%2f..%2fx", " spaced "]) {
      freshHome("etag");
      serveResolve((req, res) => {
        res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: `"${etag}"`, "Content-Length": String(CONFIG.length) });
        res.end(req.method === "HEAD" ? undefined : CONFIG);
      });
      await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
        // an empty ETag counts as none at all; the others are named in the message
        assert.ok(err instanceof FileMetadataError, `${etag}: ${err.name}: ${err.message}`);
        assert.match(err.message, etag === "" ? /ETag/ : /ETag '.*', which is not a safe file name/);
        assert.match(err.message, /HF_ENDPOINT/);
        return true;
      });
      assert.deepEqual(outsideCache(), [], etag);
      assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "blobs")), false, etag);
    }
  });

  test("a commit that is not 40 hex digits is refused: no folder, no symlink, nothing in refs/", async () => {
    for (const commit of ["../../../outside", "../" + MAIN, MAIN.toUpperCase(), MAIN.slice(1), `${MAIN}/..`, "main"]) {
      freshHome("commit");
      serveResolve((req, res) => {
        res.writeHead(200, { "X-Repo-Commit": commit, ETag: `"${"a".repeat(40)}"`, "Content-Length": String(CONFIG.length) });
        res.end(req.method === "HEAD" ? undefined : CONFIG);
      });
      await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
        assert.ok(err instanceof FileMetadataError, `${commit}: ${err.name}: ${err.message}`);
        assert.match(err.message, /40-digit hexadecimal/);
        return true;
      });
      assert.deepEqual(outsideCache(), [], commit);
      assert.deepEqual(linksLeavingCache(), [], commit);
      assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "refs")), false, commit);
      assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "snapshots")), false, commit);
    }
  });

  test("a missing file's bogus commit does not name a .no_exist folder", async () => {
    freshHome("no-exist");
    serveResolve((_req, res) => {
      res.writeHead(404, { "X-Error-Code": "EntryNotFound", "X-Repo-Commit": "../../../../planted" });
      res.end();
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => err.name === "EntryNotFoundError");
    assert.deepEqual(outsideCache(), []);
    assert.equal(fs.existsSync(path.join(cache, "models--org--evil", ".no_exist")), false);
  });

  test("a snapshot listing with a bogus sha is refused before any download", async () => {
    freshHome("listing");
    hub.hostile = (_req, res, url) => {
      if (!url.pathname.startsWith("/api/models/org/evil/")) return false;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ sha: "../../../x", siblings: [{ rfilename: "config.json" }] }));
      return true;
    };
    await assert.rejects(snapshot_download("org/evil"), FileMetadataError);
    assert.deepEqual(outsideCache(), []);
    assert.equal(hub.count((r) => r.url.includes("/resolve/")), 0);
  });

  test("redirect loops end in a typed error that says so, for GET as for HEAD, and cache nothing", async () => {
    const cases: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
      // HEAD: the resolve URL sends the client to an absolute CDN URL that redirects to itself
      absoluteOnGet: (req, res) => {
        if (req.url?.includes("/resolve/")) {
          res.writeHead(302, { Location: `${hub.endpoint}/org/evil/cdn/loop`, "X-Repo-Commit": MAIN, "X-Linked-Etag": `"${"b".repeat(64)}"`, "X-Linked-Size": "10", ETag: '"e1"' });
        } else res.writeHead(302, { Location: `${hub.endpoint}/org/evil/cdn/loop?n=${Math.random()}` });
        res.end();
      },
      relativeOnHead: (_req, res) => {
        res.writeHead(307, { Location: `/org/evil/resolve/main/config.json?n=${Math.random()}` });
        res.end();
      },
    };
    for (const [name, answer] of Object.entries(cases)) {
      freshHome(`loop-${name}`);
      serveResolve(answer);
      hub.requests.length = 0;
      for (let attempt = 0; attempt < 2; attempt++) {
        await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
          assert.ok(err instanceof HfHubHTTPError, `${name}: ${err.name}: ${err.message}`);
          assert.match(err.message, /redirect loop/);
          assert.doesNotMatch(err.message, /does not look like/);
          return true;
        });
      }
      const snapshot = path.join(cache, "models--org--evil", "snapshots", MAIN, "config.json");
      assert.equal(fs.existsSync(snapshot), false, `${name}: no file was cached`);
      const blobs = path.join(cache, "models--org--evil", "blobs");
      const complete = fs.existsSync(blobs) ? fs.readdirSync(blobs).filter((f) => !f.endsWith(".incomplete")) : [];
      assert.deepEqual(complete, [], name);
      assert.ok(hub.count() <= 2 * 12 + 2, `${name}: the loop was cut off (${hub.count()} requests)`);
    }
  });

  test("a redirect to a non-HTTP URL is refused", async () => {
    freshHome("file-redirect");
    serveResolve((_req, res) => {
      res.writeHead(302, { Location: "file:///etc/passwd", "X-Repo-Commit": MAIN, "X-Linked-Etag": `"${"c".repeat(64)}"`, "X-Linked-Size": "10", ETag: '"e2"' });
      res.end();
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
      assert.ok(err instanceof HfHubHTTPError, err.message);
      assert.match(err.message, /only http and https/);
      return true;
    });
  });

  test("GET answering a status that is not the file stores nothing", async () => {
    freshHome("status");
    serveResolve((req, res) => {
      if (req.method === "HEAD") res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: '"e3"', "Content-Length": String(CONFIG.length) });
      else res.writeHead(204);
      res.end();
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => err instanceof HubError && /HTTP 204/.test(err.message));
    assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "snapshots")), false);
  });

  test("gzip, deflate and br bodies are stored decoded; an unknown encoding is refused", async () => {
    const encoders: Record<string, (b: Buffer) => Buffer> = {
      gzip: (b) => zlib.gzipSync(b),
      deflate: (b) => zlib.deflateSync(b),
      br: (b) => zlib.brotliCompressSync(b),
      "gzip, br": (b) => zlib.brotliCompressSync(zlib.gzipSync(b)),
    };
    for (const [encoding, encode] of Object.entries(encoders)) {
      freshHome(`encoding-${encoding.replace(/\W+/g, "-")}`);
      const body = encode(CONFIG);
      assert.ok(body.length < CONFIG.length);
      serveResolve((req, res) => {
        if (req.method === "HEAD") {
          res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: '"enc"', "Content-Length": String(CONFIG.length) });
          return void res.end();
        }
        res.writeHead(200, { "Content-Encoding": encoding, "Content-Length": String(body.length) });
        res.end(body);
      });
      const file = await hf_hub_download("org/evil", "config.json");
      assert.deepEqual(fs.readFileSync(file), CONFIG, encoding);
    }
    freshHome("encoding-unknown");
    serveResolve((req, res) => {
      res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: '"enc"', ...(req.method === "GET" ? { "Content-Encoding": "zstd" } : {}) });
      res.end(req.method === "HEAD" ? undefined : CONFIG);
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
      assert.ok(err instanceof HubError);
      assert.match(err.message, /Content-Encoding 'zstd'.*cannot be decoded/);
      return true;
    });
    assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "snapshots")), false);
  });

  test("a server sending more than it announced is cut off, and the message says so", async () => {
    freshHome("too-long");
    serveResolve((req, res) => {
      // X-Linked-Size says 10, then 58 bytes and more keep coming
      if (req.method === "HEAD") {
        res.writeHead(302, { Location: `${hub.endpoint}/org/evil/cdn/big`, "X-Repo-Commit": MAIN, "X-Linked-Etag": '"big"', "X-Linked-Size": "10", ETag: '"e4"' });
        return void res.end();
      }
      if (req.url?.includes("/resolve/")) {
        res.writeHead(302, { Location: `${hub.endpoint}/org/evil/cdn/big` });
        return void res.end();
      }
      res.writeHead(200);
      res.end(Buffer.alloc(58, 1));
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
      assert.ok(err instanceof HubError);
      assert.match(err.message, /more of org\/evil\/config\.json than the 10 bytes it announced/);
      assert.doesNotMatch(err.message, /ended early/);
      return true;
    });
    const blobs = path.join(cache, "models--org--evil", "blobs");
    assert.deepEqual(fs.existsSync(blobs) ? fs.readdirSync(blobs) : [], [], "the oversized download was discarded");
  });

  test("a body shorter than announced says how much arrived", async () => {
    freshHome("too-short");
    serveResolve((req, res) => {
      res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: '"e5"', ...(req.method === "HEAD" ? { "Content-Length": "100" } : {}) });
      res.end(req.method === "HEAD" ? undefined : Buffer.alloc(40, 2));
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), /ended early: 40 of the 100 bytes announced arrived/);
  });

  test("a resumed download answered with the wrong range is discarded, not appended", async () => {
    freshHome("wrong-range");
    const oid = "d".repeat(64);
    const blobs = path.join(cache, "models--org--evil", "blobs");
    fs.mkdirSync(blobs, { recursive: true });
    fs.writeFileSync(path.join(blobs, `${oid}.incomplete`), CONFIG.subarray(0, 100));
    serveResolve((req, res) => {
      if (req.method === "HEAD") {
        res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: `"${oid}"`, "Content-Length": String(CONFIG.length) });
        return void res.end();
      }
      // asked for bytes=100-, sends the file from byte 0 as if it were the rest
      res.writeHead(206, { "Content-Range": `bytes 0-${CONFIG.length - 1}/${CONFIG.length}`, "Content-Length": String(CONFIG.length) });
      res.end(CONFIG);
    });
    await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => err instanceof HubError && /wrong part \(Content-Range 'bytes 0-/.test(err.message));
    assert.equal(hub.requests.find((r) => r.method === "GET")?.range, "bytes=100-");
    assert.deepEqual(fs.readdirSync(blobs), [], "the partial file was discarded");
  });

  test("a server trickling one byte at a time is stopped by the per-file deadline", async () => {
    freshHome("trickle");
    process.env.TLAB_HUB_FILE_DEADLINE = "1.5";
    process.env.HF_HUB_DOWNLOAD_TIMEOUT = "5"; // each byte comes well within the idle timeout
    const timers = new Set<NodeJS.Timeout>();
    const trickle = (res: http.ServerResponse, data: Buffer) => {
      let i = 0;
      const next = () => {
        if (res.destroyed || i >= data.length) return void res.end();
        res.write(data.subarray(i, ++i));
        const t = setTimeout(next, 200);
        timers.add(t);
      };
      next();
    };
    serveResolve((req, res) => {
      if (req.method === "HEAD") {
        res.writeHead(200, { "X-Repo-Commit": MAIN, ETag: '"slow"', "Content-Length": String(CONFIG.length) });
        return void res.end();
      }
      res.writeHead(200, { "Content-Length": String(CONFIG.length) });
      trickle(res, CONFIG);
    });
    const started = Date.now();
    try {
      await assert.rejects(hf_hub_download("org/evil", "config.json"), (err: Error) => {
        assert.ok(err instanceof HubError, `${err.name}: ${err.message}`);
        assert.match(err.message, /within the overall limit of 1\.5 s per file/);
        assert.match(err.message, /TLAB_HUB_FILE_DEADLINE/);
        return true;
      });
    } finally {
      for (const t of timers) clearTimeout(t);
    }
    const took = Date.now() - started;
    assert.ok(took >= 1400 && took < 4000, `stopped after ${took} ms`);
    assert.equal(fs.existsSync(path.join(cache, "models--org--evil", "snapshots")), false);
  });

  test("headers trickled slowly hit the same deadline", async () => {
    freshHome("trickle-head");
    process.env.TLAB_HUB_FILE_DEADLINE = "1";
    const sockets: import("node:net").Socket[] = [];
    serveResolve((req) => {
      // never answer: keep the socket busy with nothing but silence below the idle timeout
      sockets.push(req.socket);
    });
    process.env.HF_HUB_DOWNLOAD_TIMEOUT = "30";
    const started = Date.now();
    await assert.rejects(hf_hub_download("org/evil", "config.json"), /cannot be reached.*overall limit of 1 s/s);
    assert.ok(Date.now() - started < 5000);
    for (const s of sockets) s.destroy();
  });
});
