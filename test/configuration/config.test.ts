import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { hfReference, scratchDir } from "../helpers/paths";
import { AutoConfig, BertConfig, DistilBertConfig, GPT2Config, PretrainedConfig } from "../../src";

const configs = path.join(hfReference, "configs");
const read = (name: string) => fs.readFileSync(path.join(configs, name), "utf8");
const json = (name: string) => JSON.parse(read(name));

test("BertConfig().to_json_string({ use_diff: false }) is byte-identical to Python's", () => {
  assert.equal(new BertConfig().to_json_string({ use_diff: false }), read("BertConfig_default.to_json_string_use_diff_false.json"));
});

test("BertConfig().to_json_string() keeps only non-default values, byte-identical", () => {
  assert.equal(new BertConfig().to_json_string(), read("BertConfig_default.to_json_string_use_diff_true.json"));
});

test("DistilBertConfig and GPT2Config to_dict() match Python's defaults", () => {
  assert.deepEqual(new DistilBertConfig().to_dict(), json("DistilBertConfig_default.to_dict.json"));
  assert.deepEqual(new GPT2Config().to_dict(), json("GPT2Config_default.to_dict.json"));
  // Python spells floats its own way; the text must match, not only the parsed values.
  assert.match(new GPT2Config().to_json_string({ use_diff: false }), /"layer_norm_epsilon": 1e-05,\n/);
  assert.match(new DistilBertConfig().to_json_string({ use_diff: false }), /"seq_classif_dropout": 0\.2,\n/);
});

test("custom id2label: save_pretrained writes the Hub's file, from_pretrained reloads int keys", async () => {
  const dir = scratchDir("config-custom-labels");
  const config = new BertConfig({ num_labels: 3, id2label: { 0: "negative", 1: "neutral", 2: "positive" }, label2id: { negative: 0, neutral: 1, positive: 2 } });
  config.save_pretrained(dir);
  const written = fs.readFileSync(path.join(dir, "config.json"), "utf8");
  assert.equal(written, read("bert_num_labels3_custom_id2label/config.json"));
  const reloaded = await BertConfig.from_pretrained(dir);
  assert.deepEqual(reloaded.to_dict(), json("bert_num_labels3_custom_id2label/reloaded.to_dict.json"));
  assert.equal(reloaded.id2label[2], "positive");
  assert.deepEqual(Object.keys(reloaded.id2label).map(Number), [0, 1, 2]);
  assert.equal(reloaded.num_labels, 3);
});

test("num_labels=3 makes LABEL_0..LABEL_2, as the Hub writes them", () => {
  const dir = scratchDir("config-default-labels");
  new BertConfig({ num_labels: 3 }).save_pretrained(dir);
  assert.equal(fs.readFileSync(path.join(dir, "config.json"), "utf8"), read("bert_num_labels3_default_labels/config.json"));
});

test("every fixture config.json loads with AutoConfig and saves back unchanged", async () => {
  // Every folder with a config.json, so that added cases run too.
  const folders: string[] = [];
  for (const root of [configs, path.join(hfReference, "models")]) {
    for (const name of fs.readdirSync(root)) if (fs.existsSync(path.join(root, name, "config.json"))) folders.push(path.join(root, name));
  }
  assert.ok(folders.length >= 2, "the fixtures hold config folders");
  for (const folder of folders) {
    const config = await AutoConfig.from_pretrained(folder);
    const out = scratchDir(`config-roundtrip-${path.basename(folder)}`);
    config.save_pretrained(out);
    const original = fs.readFileSync(path.join(folder, "config.json"), "utf8");
    const saved = fs.readFileSync(path.join(out, "config.json"), "utf8");
    assert.deepEqual(JSON.parse(saved), JSON.parse(original), folder);
    assert.equal(saved, original, `${folder}: text differs`);
    const reloadedDict = path.join(folder, "reloaded.to_dict.json");
    if (fs.existsSync(reloadedDict)) assert.deepEqual(config.to_dict(), JSON.parse(fs.readFileSync(reloadedDict, "utf8")), `${folder}: to_dict after loading`);
  }
});

test("AutoConfig picks the class by model_type and lists supported types for unknown ones", async () => {
  const gpt2 = await AutoConfig.from_pretrained(path.join(hfReference, "models", "gpt2-lmhead"));
  assert.ok(gpt2 instanceof GPT2Config);
  assert.equal(gpt2.hidden_size, 32);
  assert.equal((gpt2 as GPT2Config).n_embd, 32);
  const dir = scratchDir("config-unknown-type");
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "llama" }));
  await assert.rejects(AutoConfig.from_pretrained(dir), (e: Error) => e.name === "ConfigError" && /llama/.test(e.message) && /bert, distilbert, gpt2/.test(e.message));
  fs.writeFileSync(path.join(dir, "config.json"), "{ not json");
  await assert.rejects(AutoConfig.from_pretrained(dir), (e: Error) => e.name === "ConfigError" && /not valid JSON/.test(e.message));
});

test("overrides, unknown keys and attribute aliases behave as in Python", async () => {
  const dir = path.join(hfReference, "models", "bert-model");
  const config = await AutoConfig.from_pretrained(dir, { num_labels: 5, hidden_dropout_prob: 0.0 });
  assert.equal(config.num_labels, 5);
  assert.equal(config.id2label[4], "LABEL_4");
  assert.equal(config.hidden_dropout_prob, 0);
  assert.match(config.to_json_string(), /"hidden_dropout_prob": 0\.0,/);
  const custom = new BertConfig({ my_custom_flag: "yes" });
  assert.equal(custom.my_custom_flag, "yes");
  assert.equal(custom.to_diff_dict().my_custom_flag, "yes");
  const gpt2 = new GPT2Config({ hidden_size: 64, num_hidden_layers: 3 });
  assert.equal(gpt2.n_embd, 64);
  assert.equal(gpt2.n_layer, 3);
  assert.equal(gpt2.to_dict().hidden_size, undefined);
  const distil = new DistilBertConfig({ hidden_size: 48 });
  assert.equal(distil.dim, 48);
});

test("repr reads like Python's `BertConfig { ... }`", () => {
  const config = new BertConfig({ num_hidden_layers: 2 });
  const text = config.toString();
  assert.ok(text.startsWith("BertConfig {\n"));
  assert.match(text, /"num_hidden_layers": 2,/);
  assert.equal((config._repr_mimebundle_() as Record<string, string>)["text/plain"], text);
  assert.ok(new PretrainedConfig().toString().startsWith("PretrainedConfig {"));
});

test("non-ASCII label names are escaped as Python's json.dumps does", () => {
  const config = new BertConfig({ id2label: { 0: "négatif", 1: "긍정" } });
  assert.match(config.to_json_string(), /"0": "n\\u00e9gatif"/);
  assert.match(config.to_json_string(), /"1": "\\uae0d\\uc815"/);
});

test("a config.json without model_type is recognised from the model's name, as transformers does", async () => {
  const dir = path.join(scratchDir("config-no-type"), "my-distilbert-finetuned");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ dim: 64, n_layers: 2 }));
  const config = await AutoConfig.from_pretrained(dir);
  assert.ok(config instanceof DistilBertConfig);
  assert.equal((config as DistilBertConfig).dim, 64);
});

test("every <Class>_default.<method>.json in the fixtures matches a default config of that class", () => {
  const classes: Record<string, new () => PretrainedConfig> = { BertConfig, DistilBertConfig, GPT2Config };
  let checked = 0;
  for (const file of fs.readdirSync(configs)) {
    const m = /^(\w+)_default\.(to_dict|to_json_string_use_diff_true|to_json_string_use_diff_false)\.json$/.exec(file);
    if (!m) continue;
    const cls = classes[m[1]];
    assert.ok(cls, `${file}: no config class ${m[1]}`);
    const config = new cls();
    if (m[2] === "to_dict") assert.deepEqual(config.to_dict(), json(file), file);
    else assert.equal(config.to_json_string({ use_diff: m[2].endsWith("true") }), read(file), file);
    checked++;
  }
  assert.ok(checked >= 4, `only ${checked} default-config fixtures found`);
});
