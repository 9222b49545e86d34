// load_dataset from a Hub-like server on 127.0.0.1 that serves parquet files written here with
// hyparquet-writer, in the layout of the Hub's parquet conversion (refs/convert/parquet).
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type * as HyparquetWriter from "hyparquet-writer";
import { ClassLabel, Dataset, DatasetDict, DatasetFileError, DatasetNotCachedError, DatasetNotFoundError, load_dataset } from "../../src/datasets";
import { RepositoryNotFoundError } from "../../src/hub";
import { importEsm } from "../../src/utils/esm_import";
import { commitId, FakeHub, HUB_ENV_KEYS, useFreshHubHome } from "../hub/fake_hub";
import { executeNotebook, jupyter, kernelEnv, readNotebook } from "../lessons/harness";

const PARQUET = commitId("glue parquet conversion");
const COLA_FEATURES = {
  sentence: { dtype: "string", _type: "Value" },
  label: { names: ["unacceptable", "acceptable"], _type: "ClassLabel" },
  idx: { dtype: "int32", _type: "Value" },
};

let hub: FakeHub;
let writer: typeof HyparquetWriter;

/** A parquet file of rows `from`..`to`-1: sentence "sentence <i>", label i % 2, idx i; the datasets features in its metadata. */
function colaShard(from: number, to: number, codec: "SNAPPY" | "GZIP" = "SNAPPY"): Buffer {
  const idx = Array.from({ length: to - from }, (_, k) => from + k);
  const buffer = writer.parquetWriteBuffer({
    columnData: [
      { name: "sentence", data: idx.map((i) => `sentence ${i}`), type: "STRING" },
      { name: "label", data: idx.map((i) => BigInt(i % 2)), type: "INT64" },
      { name: "idx", data: idx, type: "INT32" },
    ],
    kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features: COLA_FEATURES } }) }],
    codec,
    compressors: { GZIP: (input: Uint8Array) => new Uint8Array(zlib.gzipSync(input)) },
  });
  return Buffer.from(buffer);
}

function freshCache(name: string): string {
  return path.join(useFreshHubHome(hub, `datasets-hub/${name}`), "hub");
}

describe("load_dataset from the Hub's parquet conversion", () => {
  before(async () => {
    writer = await importEsm<typeof HyparquetWriter>("hyparquet-writer");
    hub = await new FakeHub().start();
    hub.addRepo("datasets/glue", {
      refs: { "refs/convert/parquet": PARQUET },
      commits: {
        [PARQUET]: {
          // cola's train split has two shards (rows 0-11 and 12-19)
          "cola/train/0000.parquet": colaShard(0, 12),
          "cola/train/0001.parquet": colaShard(12, 20),
          "cola/validation/0000.parquet": colaShard(100, 104),
          "mrpc/train/0000.parquet": colaShard(0, 3),
        },
      },
    });
    hub.addRepo("datasets/org/big", { refs: { "refs/convert/parquet": PARQUET }, commits: { [PARQUET]: { "default/partial-train/0000.parquet": colaShard(0, 5, "GZIP") } } });
    const truncated = colaShard(0, 5).subarray(0, 40);
    hub.addRepo("datasets/org/broken", { refs: { "refs/convert/parquet": PARQUET }, commits: { [PARQUET]: { "default/train/0000.parquet": truncated } } });
  });
  after(async () => {
    for (const key of HUB_ENV_KEYS) delete process.env[key];
    await hub.stop();
  });
  beforeEach(() => {
    hub.requests.length = 0;
  });

  test("downloads every shard of each split into the Hub cache layout, with the declared features", async () => {
    const cache = freshCache("layout");
    const dict = await load_dataset("glue", "cola");
    assert.ok(dict instanceof DatasetDict);
    assert.deepEqual(dict.keys().sort(), ["train", "validation"]);
    assert.equal(dict.train.num_rows, 20);
    assert.deepEqual(dict.train.column("idx"), Array.from({ length: 20 }, (_, i) => i));
    assert.deepEqual(dict.train.get(13), { sentence: "sentence 13", label: 1, idx: 13 });
    assert.deepEqual(dict.validation.column("sentence"), ["sentence 100", "sentence 101", "sentence 102", "sentence 103"]);
    const label = dict.train.features.label;
    assert.ok(label instanceof ClassLabel);
    assert.deepEqual(label.names, ["unacceptable", "acceptable"]);

    const repoDir = path.join(cache, "datasets--glue");
    assert.equal(fs.readFileSync(path.join(repoDir, "refs", "refs", "convert", "parquet"), "utf8"), PARQUET);
    const shard = path.join(repoDir, "snapshots", PARQUET, "cola", "train", "0001.parquet");
    assert.match(fs.readlinkSync(shard), /^\.\.\/\.\.\/\.\.\/\.\.\/blobs\/[0-9a-f]{64}$/);
    assert.deepEqual(fs.readFileSync(shard), colaShard(12, 20));

    // Loaded again: only the listing is asked for; every shard comes from the cache.
    hub.requests.length = 0;
    const again = await load_dataset("glue", "cola", { split: "train" });
    assert.ok(again instanceof Dataset);
    assert.equal(again.num_rows, 20);
    assert.deepEqual(hub.requests.map((r) => r.url), ["/api/datasets/glue/parquet"]);
  });

  test("a split slice downloads only its split; [:100] is clamped and [10%:20%] takes rows 2-3 of 20", async () => {
    freshCache("slice");
    const head = await load_dataset("glue", "cola", { split: "train[:100]" });
    assert.equal(head.num_rows, 20);
    assert.equal(hub.count((r) => r.url.includes("/validation/")), 0);
    const tenth = await load_dataset("glue", { name: "cola", split: "train[10%:20%]" });
    assert.deepEqual(tenth.column("idx"), [2, 3]);
    const last = await load_dataset("glue", "cola", { split: "validation[-1:]" });
    assert.deepEqual(last.column("idx"), [103]);
    await assert.rejects(load_dataset("glue", "cola", { split: "test" }), (e: Error) => e instanceof DatasetNotFoundError && /no split 'test'.*train, validation/.test(e.message));
  });

  test("offline once cached: HF_HUB_OFFLINE=1, or a Hub that cannot be reached, reads the cache", async () => {
    freshCache("offline");
    await load_dataset("glue", "cola", { split: "validation" });
    process.env.HF_HUB_OFFLINE = "1";
    hub.requests.length = 0;
    const offline = await load_dataset("glue", "cola", { split: "validation[:2]" });
    assert.deepEqual(offline.column("idx"), [100, 101]);
    assert.equal(hub.count(), 0);
    // The train split was never downloaded, and mrpc not at all.
    await assert.rejects(load_dataset("glue", "cola", { split: "train" }), (e: Error) => e instanceof DatasetNotCachedError && /split 'train'.*not in the local cache/.test(e.message));
    await assert.rejects(load_dataset("imdb"), (e: Error) => e instanceof DatasetNotCachedError && /HF_HUB_OFFLINE=1/.test(e.message) && /once while online/.test(e.message));
    delete process.env.HF_HUB_OFFLINE;
    process.env.HF_ENDPOINT = "http://127.0.0.1:9"; // nothing listens on the discard port
    const unreachable = await load_dataset("glue", "cola", { split: "validation" });
    assert.equal(unreachable.num_rows, 4);
    await assert.rejects(load_dataset("glue", "mrpc"), (e: Error) => e instanceof DatasetNotCachedError && /config 'mrpc' is not in the local cache/.test(e.message));
  });

  test("a bad parquet file gives a DatasetFileError that says what to do", async () => {
    freshCache("broken");
    await assert.rejects(
      load_dataset("org/broken", { split: "train" }),
      (e: Error) => e instanceof DatasetFileError && /0000\.parquet is not a readable parquet file/.test(e.message) && /delete it and load the data set again/.test(e.message),
    );
  });

  test("in the kernel, load_dataset and evaluate.load are in scope under the Python library's names", { skip: jupyter.skip, timeout: 5 * 60 * 1000 }, async () => {
    const home = path.dirname(freshCache("kernel"));
    const cells = [
      'const raw = await load_dataset("glue", "cola", { split: "train[:3]" });\nconsole.log("idx", JSON.stringify(raw.column("idx")), raw.features.label.names.join(","));',
      // mrpc: 3 of 4 agree; TP 2, FP 1, FN 0 → f1 = 2·2/(2·2+1) = 4/5.
      'const mrpc = evaluate.load("glue", "mrpc");\nconsole.log("mrpc", JSON.stringify(mrpc.compute({ predictions: [1, 0, 1, 1], references: [1, 0, 0, 1] })));',
    ];
    const notebook = path.join(home, "hub-and-metrics.ipynb");
    fs.writeFileSync(notebook, JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "transformers-lab", display_name: "Transformers Lab", language: "typescript" } },
      cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
    }));
    const env: NodeJS.ProcessEnv = { ...kernelEnv(), HF_HOME: home, HF_ENDPOINT: hub.endpoint, HF_HUB_DISABLE_PROGRESS_BARS: "1" };
    delete env.HF_HUB_OFFLINE;
    const workDir = path.join(home, "run");
    fs.mkdirSync(workDir);
    const { output, result } = await executeNotebook(notebook, workDir, env);
    assert.equal(result.status, 0, `nbconvert failed:\n${result.stderr.slice(-3000)}`);
    const text = readNotebook(output).cells.map((c) => (c.outputs ?? []).map((o) => o.text ?? "").join("")).join("");
    assert.match(text, /idx \[0,1,2\] unacceptable,acceptable/);
    assert.match(text, /mrpc \{"accuracy":0\.75,"f1":0\.8\}/);
  });

  test("configs: the only one is chosen, several need a name; partial conversions and unknown repos", async () => {
    freshCache("configs");
    await assert.rejects(load_dataset("glue"), (e: Error) => e instanceof DatasetNotFoundError && /several configs.*cola, mrpc/.test(e.message));
    await assert.rejects(load_dataset("glue", "sst2"), (e: Error) => e instanceof DatasetNotFoundError && /no config 'sst2'. Its configs: cola, mrpc/.test(e.message));
    // org/big has only a partial conversion, written with gzip.
    const big = await load_dataset("org/big", { split: "train" });
    assert.deepEqual(big.column("idx"), [0, 1, 2, 3, 4]);
    await assert.rejects(load_dataset("org/missing"), RepositoryNotFoundError);
    // Local names stay synchronous and never ask the Hub.
    assert.ok(load_dataset("brown", { split: "train[:3]" }) instanceof Dataset);
    assert.equal(hub.count((r) => r.url.includes("brown")), 0);
  });
});
