// from_pretrained and pipeline() with a Hub model id: the first load downloads every file the
// loaders ask for into the cache, the next loads (online or offline) make no request at all.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { AutoConfig, BertConfig, BertForSequenceClassification } from "../../src/models";
import { pipeline } from "../../src/pipelines";
import { hfReference, scratchDir } from "../helpers/paths";
import { commitId, FakeHub, filesOf } from "./fake_hub";

let hub: FakeHub;
const ENV_KEYS = ["HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_TOKEN", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

before(async () => {
  const dir = path.join(scratchDir("hub-models"), "tiny-sentiment");
  const model = new BertForSequenceClassification(
    new BertConfig({ vocab_size: 30522, hidden_size: 32, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 37, id2label: { 0: "NEGATIVE", 1: "POSITIVE" } }),
  );
  await model.save_pretrained(dir);
  const vocab = path.join(hfReference, "tokenizers", "assets", "bert-base-uncased");
  for (const f of fs.readdirSync(vocab)) fs.copyFileSync(path.join(vocab, f), path.join(dir, f));
  hub = await new FakeHub().start();
  hub.addRepo("course/tiny-sentiment", { refs: { main: commitId("tiny"), "v1.0": commitId("tiny") }, commits: { [commitId("tiny")]: filesOf(dir) } });
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.HF_HOME = path.join(scratchDir("hub-models-home"));
  process.env.HF_ENDPOINT = hub.endpoint;
  process.env.HF_HUB_DISABLE_PROGRESS_BARS = "1";
});

after(async () => {
  for (const key of ENV_KEYS) delete process.env[key];
  await hub.stop();
});

test("a pipeline loads a Hub model once, then from the cache without requests, also offline", async () => {
  const text = "What a lovely day.";
  const first = await (await pipeline("sentiment-analysis", { model: "course/tiny-sentiment" }))(text);
  assert.ok(hub.count((r) => r.method === "GET") >= 4, "config, weights and tokenizer files were downloaded");
  const snapshot = path.join(process.env.HF_HOME!, "hub", "models--course--tiny-sentiment", "snapshots", commitId("tiny"));
  assert.ok(fs.existsSync(path.join(snapshot, "model.safetensors")));
  assert.ok(fs.existsSync(path.join(snapshot, "vocab.txt")));

  hub.requests.length = 0;
  const second = await (await pipeline("sentiment-analysis", { model: "course/tiny-sentiment" }))(text);
  assert.deepEqual(second, first);
  assert.equal(hub.count(), 0, "optional files known to be missing are not asked for again");

  process.env.HF_HUB_OFFLINE = "1";
  try {
    const offline = await (await pipeline("sentiment-analysis", { model: "course/tiny-sentiment" }))(text);
    assert.deepEqual(offline, first);
    const config = await AutoConfig.from_pretrained("course/tiny-sentiment");
    assert.deepEqual(config.id2label, { 0: "NEGATIVE", 1: "POSITIVE" });
  } finally {
    delete process.env.HF_HUB_OFFLINE;
  }
  assert.equal(hub.count(), 0);
});

test("pipeline() passes revision and token to the model and tokenizer loaders", async () => {
  process.env.HF_HOME = scratchDir("hub-models-revision");
  hub.requests.length = 0;
  const classifier = await pipeline("sentiment-analysis", { model: "course/tiny-sentiment", revision: "v1.0", token: "hf_course" });
  assert.equal((await classifier("Fine.")).length, 1);
  const resolves = hub.requests.filter((r) => r.url.includes("/resolve/"));
  assert.ok(resolves.length >= 4);
  assert.ok(resolves.every((r) => r.url.startsWith("/course/tiny-sentiment/resolve/v1.0/")), JSON.stringify(resolves.map((r) => r.url)));
  assert.ok(resolves.every((r) => r.authorization === "Bearer hf_course"));
  const refs = path.join(process.env.HF_HOME!, "hub", "models--course--tiny-sentiment", "refs", "v1.0");
  assert.equal(fs.readFileSync(refs, "utf8"), commitId("tiny"));
});
