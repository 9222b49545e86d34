import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  cached_file,
  EntryNotFoundError,
  GatedRepoError,
  hf_hub_download,
  HFValidationError,
  HubError,
  LocalEntryNotFoundError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
  snapshot_download,
} from "../../src/hub";
import { KeyboardInterrupt, requestInterrupt, resetInterrupt } from "../../src/utils/cancellation";
import { hfReference } from "../helpers/paths";
import { commitId, FakeHub, filesOf, HUB_ENV_KEYS as ENV_KEYS, useFreshHubHome } from "./fake_hub";

const fixture = (name: string) => path.join(hfReference, "models", name);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const MAIN = commitId("main");
const V1 = commitId("v1");
const bertFiles = filesOf(fixture("bert-seqcls-2"), ["config.json", "model.safetensors"]);
const v1Files = filesOf(fixture("bert-seqcls-3"), ["config.json", "model.safetensors"]);
const gptFiles = filesOf(fixture("gpt2-lmhead"), ["config.json", "generation_config.json", "model.safetensors"]);

let hub: FakeHub;
let hubHome: string;

/** A fresh HF_HOME under test-output/ pointing at the test hub. */
function freshHome(name: string): string {
  hubHome = useFreshHubHome(hub, `hub/${name}`);
  return path.join(hubHome, "hub");
}

describe("hub downloads against a local Hub", () => {
  before(async () => {
    hub = await new FakeHub().start();
    hub.addRepo("org/bert", { refs: { main: MAIN, "v1.0": V1 }, commits: { [MAIN]: bertFiles, [V1]: v1Files } });
    hub.addRepo("org/gpt", { refs: { main: MAIN }, commits: { [MAIN]: gptFiles } });
    hub.addRepo("org/private-bert", { refs: { main: MAIN }, commits: { [MAIN]: bertFiles }, token: "hf_secret" });
    hub.renamed.set("old-org/bert", "org/bert");
  });
  after(async () => {
    for (const key of ENV_KEYS) delete process.env[key];
    await hub.stop();
  });
  beforeEach(() => {
    hub.requests.length = 0;
    hub.chunkDelayMs = 0;
  });

  test("first load fills Python's cache layout; the second makes no request", async () => {
    const cache = freshHome("layout");
    const config = await cached_file("org/bert", "config.json");
    const weights = await cached_file("org/bert", "model.safetensors");
    const repoDir = path.join(cache, "models--org--bert");
    assert.equal(config, path.join(repoDir, "snapshots", MAIN, "config.json"));
    assert.equal(weights, path.join(repoDir, "snapshots", MAIN, "model.safetensors"));
    assert.equal(fs.readFileSync(path.join(repoDir, "refs", "main"), "utf8"), MAIN);
    // snapshot entries are relative symlinks into blobs/, the LFS blob named by its sha256
    const weightsOid = sha256(bertFiles["model.safetensors"]);
    assert.equal(fs.readlinkSync(weights!), `../../blobs/${weightsOid}`);
    assert.ok(fs.readlinkSync(config!).startsWith("../../blobs/"));
    assert.deepEqual(fs.readFileSync(weights!), bertFiles["model.safetensors"]);
    assert.deepEqual(fs.readFileSync(config!), bertFiles["config.json"]);
    assert.deepEqual(fs.readdirSync(path.join(repoDir, "blobs")).filter((f) => f.endsWith(".incomplete")), []);
    const lockDir = path.join(cache, ".locks", "models--org--bert");
    assert.deepEqual(fs.readdirSync(lockDir), []);
    assert.ok(hub.count() > 0);
    // the LFS download went to the CDN address the redirect named
    assert.equal(hub.count((r) => r.method === "GET" && r.url === `/cdn/${weightsOid}`), 1);

    hub.requests.length = 0;
    assert.equal(await cached_file("org/bert", "config.json"), config);
    assert.equal(await cached_file("org/bert", "model.safetensors"), weights);
    assert.equal(hub.count(), 0);
  });

  test("the cache folder follows HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, TRANSFORMERS_CACHE, HF_HOME, XDG_CACHE_HOME", async () => {
    freshHome("cache-env");
    const expectIn = async (dir: string) => {
      const file = await cached_file("org/bert", "config.json");
      assert.equal(file, path.join(dir, "models--org--bert", "snapshots", MAIN, "config.json"));
    };
    await expectIn(path.join(hubHome, "hub"));
    delete process.env.HF_HOME;
    process.env.XDG_CACHE_HOME = path.join(hubHome, "xdg");
    await expectIn(path.join(hubHome, "xdg", "huggingface", "hub"));
    for (const name of ["TRANSFORMERS_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HUB_CACHE"]) {
      process.env[name] = path.join(hubHome, name); // each one set takes precedence over the ones before
      await expectIn(path.join(hubHome, name));
    }
  });

  test("offline mode and local_files_only load from the cache and explain what is missing", async () => {
    freshHome("offline");
    const online = await cached_file("org/bert", "config.json");
    hub.requests.length = 0;
    process.env.HF_HUB_OFFLINE = "1";
    assert.equal(await cached_file("org/bert", "config.json"), online);
    await assert.rejects(cached_file("org/bert", "model.safetensors"), (err: Error) => {
      assert.ok(err instanceof LocalEntryNotFoundError);
      assert.match(err.message, /HF_HUB_OFFLINE=1/);
      assert.match(err.message, /bundled/i);
      return true;
    });
    assert.equal(await cached_file("org/bert", "tokenizer.json", { optional: true }), null);
    delete process.env.HF_HUB_OFFLINE;
    await assert.rejects(cached_file("org/gpt", "config.json", { local_files_only: true }), /local_files_only/);
    assert.equal(hub.count(), 0);
  });

  test("a download dropped halfway resumes with a Range request", async () => {
    const cache = freshHome("resume");
    const data = gptFiles["model.safetensors"];
    const oid = sha256(data);
    hub.dropNextDownload.add(oid);
    await assert.rejects(hf_hub_download("org/gpt", "model.safetensors"), (err: Error) => {
      assert.ok(err instanceof HubError);
      assert.match(err.message, /resume/);
      return true;
    });
    const incomplete = path.join(cache, "models--org--gpt", "blobs", `${oid}.incomplete`);
    const partial = fs.statSync(incomplete).size;
    assert.ok(partial > 0 && partial < data.length, `partial download kept (${partial} of ${data.length} bytes)`);

    const file = await hf_hub_download("org/gpt", "model.safetensors");
    const rangeGets = hub.requests.filter((r) => r.method === "GET" && r.url === `/cdn/${oid}` && r.range);
    assert.deepEqual(rangeGets.map((r) => r.range), [`bytes=${partial}-`]);
    assert.deepEqual(fs.readFileSync(file), data);
    assert.equal(fs.existsSync(incomplete), false);
  });

  test("an interrupt stops a download; the next load resumes it", async () => {
    const cache = freshHome("interrupt");
    const data = gptFiles["model.safetensors"];
    const oid = sha256(data);
    hub.chunkDelayMs = 20;
    const incomplete = path.join(cache, "models--org--gpt", "blobs", `${oid}.incomplete`);
    // interrupt once part of the file has arrived, as a user pressing "stop" mid-download
    const watcher = setInterval(() => {
      if (fs.existsSync(incomplete) && fs.statSync(incomplete).size > 0) {
        requestInterrupt();
        clearInterval(watcher);
      }
    }, 5);
    try {
      await assert.rejects(hf_hub_download("org/gpt", "model.safetensors"), KeyboardInterrupt);
    } finally {
      clearInterval(watcher);
      resetInterrupt();
    }
    const partial = fs.statSync(incomplete).size;
    assert.ok(partial > 0 && partial < data.length);
    assert.deepEqual(fs.readdirSync(path.join(cache, ".locks", "models--org--gpt")), [], "the lock is released");
    hub.chunkDelayMs = 0;
    const file = await hf_hub_download("org/gpt", "model.safetensors");
    assert.deepEqual(fs.readFileSync(file), data);
    assert.ok(hub.requests.some((r) => r.url === `/cdn/${oid}` && r.range), JSON.stringify(hub.requests));
  });

  test("revisions: branches, tags and commits resolve; bad ones fail clearly", async () => {
    const cache = freshHome("revisions");
    const tagged = await hf_hub_download("org/bert", "config.json", { revision: "v1.0" });
    assert.equal(tagged, path.join(cache, "models--org--bert", "snapshots", V1, "config.json"));
    assert.deepEqual(fs.readFileSync(tagged), v1Files["config.json"]);
    assert.equal(fs.readFileSync(path.join(cache, "models--org--bert", "refs", "v1.0"), "utf8"), V1);
    const main = await hf_hub_download("org/bert", "config.json");
    assert.deepEqual(fs.readFileSync(main), bertFiles["config.json"]);

    // a cached commit hash needs no request
    hub.requests.length = 0;
    assert.equal(await hf_hub_download("org/bert", "config.json", { revision: V1 }), tagged);
    assert.equal(hub.count(), 0);

    await assert.rejects(hf_hub_download("org/bert", "config.json", { revision: "v9.9" }), RevisionNotFoundError);
    await assert.rejects(hf_hub_download("org/bert", "config.json", { revision: "../../escape" }), HFValidationError);
    await assert.rejects(cached_file("org/bert", "config.json", { revision: "main/../../x" }), HFValidationError);
  });

  test("errors: unknown repo, private repo and tokens, missing file, escaping ids, no network", async () => {
    const cache = freshHome("errors");
    await assert.rejects(cached_file("org/nope", "config.json"), (err: Error) => {
      assert.ok(err instanceof RepositoryNotFoundError);
      assert.match(err.message, /org\/nope/);
      return true;
    });
    await assert.rejects(cached_file("org/private-bert", "config.json"), (err: Error) => {
      assert.ok(err instanceof RepositoryNotFoundError);
      assert.match(err.message, /HF_TOKEN/);
      return true;
    });
    await assert.rejects(cached_file("org/private-bert", "config.json", { token: "hf_wrong" }), GatedRepoError);
    process.env.HF_TOKEN = "hf_secret";
    const file = await cached_file("org/private-bert", "config.json");
    assert.deepEqual(fs.readFileSync(file!), bertFiles["config.json"]);
    assert.ok(hub.requests.some((r) => r.authorization === "Bearer hf_secret"));
    delete process.env.HF_TOKEN;

    await assert.rejects(cached_file("org/bert", "vocab.txt"), (err: Error) => {
      assert.ok(err instanceof EntryNotFoundError);
      assert.match(err.message, /vocab\.txt/);
      return true;
    });
    assert.ok(fs.existsSync(path.join(cache, "models--org--bert", ".no_exist", MAIN, "vocab.txt")));
    hub.requests.length = 0;
    assert.equal(await cached_file("org/bert", "vocab.txt", { optional: true }), null);
    assert.equal(hub.count(), 0, "a known-missing file is not asked for again");

    for (const bad of ["org/../../etc", "../../etc/passwd", "a--b/c", "org/bert/extra"]) {
      await assert.rejects(cached_file(bad, "config.json"), HFValidationError, bad);
    }
    await assert.rejects(cached_file("org/bert", "../../../etc/passwd"), HFValidationError);
    assert.equal(hub.count(), 0);

    process.env.HF_ENDPOINT = "http://127.0.0.1:9"; // nothing listens on the discard port
    await assert.rejects(cached_file("org/gpt", "config.json"), (err: Error) => {
      assert.ok(err instanceof LocalEntryNotFoundError);
      assert.match(err.message, /cannot be reached/);
      assert.match(err.message, /offline/i);
      return true;
    });
    assert.equal(await cached_file("org/gpt", "tokenizer.json", { optional: true }), null);
  });

  test("a renamed repo's relative redirect is followed", async () => {
    const cache = freshHome("redirect");
    const file = await hf_hub_download("old-org/bert", "config.json");
    assert.deepEqual(fs.readFileSync(file), bertFiles["config.json"]);
    assert.ok(file.startsWith(path.join(cache, "models--old-org--bert")));
    assert.ok(hub.requests.some((r) => r.url.startsWith("/org/bert/resolve/")));
  });

  test("snapshot_download fetches a revision's files, filtered by patterns", async () => {
    const cache = freshHome("snapshot");
    const folder = await snapshot_download("org/gpt", { allow_patterns: ["*.json"] });
    assert.equal(folder, path.join(cache, "models--org--gpt", "snapshots", MAIN));
    assert.deepEqual(fs.readdirSync(folder).sort(), ["config.json", "generation_config.json"]);
    const all = await snapshot_download("org/gpt");
    assert.deepEqual(fs.readdirSync(all).sort(), ["config.json", "generation_config.json", "model.safetensors"]);
    process.env.HF_HUB_OFFLINE = "1";
    assert.equal(await snapshot_download("org/gpt"), all);
    await assert.rejects(snapshot_download("org/bert"), LocalEntryNotFoundError);
  });

  test("a lock left by a dead process, or an old empty lock, is taken over", async () => {
    const cache = freshHome("stale-lock");
    const oid = sha256(gptFiles["model.safetensors"]);
    const lockDir = path.join(cache, ".locks", "models--org--gpt");
    fs.mkdirSync(lockDir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid; // a pid that has exited
    fs.writeFileSync(path.join(lockDir, `${oid}.lock`), JSON.stringify({ pid: dead, host: os.hostname() }));
    const file = await hf_hub_download("org/gpt", "model.safetensors");
    assert.deepEqual(fs.readFileSync(file), gptFiles["model.safetensors"]);

    // an empty lock file (as Python's filelock leaves behind) that nobody touched for minutes
    const configEtag = createHash("sha1").update(`blob ${gptFiles["config.json"].length}\0`).update(gptFiles["config.json"]).digest("hex");
    const emptyLock = path.join(lockDir, `${configEtag}.lock`);
    fs.writeFileSync(emptyLock, "");
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(emptyLock, old, old);
    const config = await hf_hub_download("org/gpt", "config.json");
    assert.deepEqual(fs.readFileSync(config), gptFiles["config.json"]);
    assert.deepEqual(fs.readdirSync(lockDir), []);
  });

  test("concurrent loads of the same files in one process share one download", async () => {
    freshHome("same-process");
    const names = ["config.json", "model.safetensors", "config.json", "model.safetensors"];
    const files = await Promise.all(names.map((n) => hf_hub_download("org/gpt", n)));
    assert.equal(files[0], files[2]);
    assert.equal(files[1], files[3]);
    assert.deepEqual(fs.readFileSync(files[1]), gptFiles["model.safetensors"]);
    assert.deepEqual(fs.readFileSync(files[0]), gptFiles["config.json"]);
    assert.equal(hub.count((r) => r.method === "GET" && r.url.startsWith("/cdn/")), 1);
  });

  test("two processes fetching the same file at once end with one good copy", async () => {
    const cache = freshHome("concurrent");
    hub.chunkDelayMs = 40; // stretch the download so both processes overlap
    const data = gptFiles["model.safetensors"];
    const oid = sha256(data);
    const child = path.join(__dirname, `fetch_child${path.extname(__filename)}`);
    const execArgv = process.execArgv.filter((a) => !a.startsWith("--test"));
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, [...execArgv, child, "org/gpt", "model.safetensors"], { env: process.env });
        let out = "";
        let errText = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (errText += d));
        const timer = setTimeout(() => p.kill(), 60_000);
        p.on("close", (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(JSON.parse(out).file);
          else reject(new Error(`child failed (${code}): ${errText}`));
        });
      });
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a, b);
    assert.deepEqual(fs.readFileSync(a), data);
    assert.equal(hub.count((r) => r.method === "GET" && r.url === `/cdn/${oid}`), 1, "only one process downloaded the blob");
    const blobs = fs.readdirSync(path.join(cache, "models--org--gpt", "blobs"));
    assert.deepEqual(blobs, [oid]);
    assert.deepEqual(fs.readdirSync(path.join(cache, ".locks", "models--org--gpt")), []);
  });
});
