// Config fields from input (config.json, options, later assignments): wrong types and ranges fail at
// once with a ConfigFieldError naming the field; sizes whose model would not fit in memory fail with a
// SizeLimitError before a single layer is built; keys that are not plain fields are refused clearly.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import {
  AutoConfig,
  AutoModel,
  AutoModelForCausalLM,
  BertConfig,
  BertForMaskedLM,
  BertModel,
  ConfigError,
  ConfigFieldError,
  DistilBertConfig,
  DistilBertModel,
  GPT2Config,
  GPT2LMHeadModel,
  Linear,
  SizeLimitError,
  Tensor,
} from "../../src";
import { scratchDir } from "../helpers/paths";

const tiny = { hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16, vocab_size: 20, max_position_embeddings: 16 };

/** Runs `build` and checks it fails fast with `cls`, naming `field` and its value. */
function refuses(build: () => unknown, cls: typeof ConfigFieldError | typeof SizeLimitError, field: string, value: unknown): void {
  const started = Date.now();
  assert.throws(build, (err: Error) => {
    assert.ok(err instanceof cls, `${field}=${String(value)}: ${err.name}: ${err.message}`);
    assert.equal((err as ConfigFieldError).field, field);
    assert.deepEqual((err as ConfigFieldError).value, value);
    assert.ok(err.message.includes(field), err.message);
    assert.ok(err.message.includes(typeof value === "string" ? JSON.stringify(value) : String(value)), err.message);
    return true;
  });
  assert.ok(Date.now() - started < 2000, `${field}: refused in ${Date.now() - started} ms`);
}

test("sizes whose model would not fit are refused before anything is allocated, naming the field", () => {
  refuses(() => new BertModel(new BertConfig({ ...tiny, num_hidden_layers: 1e9 })), SizeLimitError, "num_hidden_layers", 1e9);
  refuses(() => new BertModel(new BertConfig({ ...tiny, num_hidden_layers: 1e6 })), SizeLimitError, "num_hidden_layers", 1e6);
  refuses(() => new BertModel(new BertConfig({ hidden_size: 1e6, num_attention_heads: 1 })), SizeLimitError, "hidden_size", 1e6);
  refuses(() => new BertForMaskedLM(new BertConfig({ ...tiny, vocab_size: 1e12 })), SizeLimitError, "vocab_size", 1e12);
  refuses(() => new BertModel(new BertConfig({ ...tiny, intermediate_size: 2 ** 40 })), SizeLimitError, "intermediate_size", 2 ** 40);
  refuses(() => new BertModel(new BertConfig({ ...tiny, max_position_embeddings: 1e11 })), SizeLimitError, "max_position_embeddings", 1e11);
  refuses(() => new GPT2LMHeadModel(new GPT2Config({ vocab_size: 1e12, n_embd: 8, n_head: 2, n_layer: 1 })), SizeLimitError, "vocab_size", 1e12);
  refuses(() => new GPT2LMHeadModel(new GPT2Config({ n_embd: 8, n_head: 2, n_layer: 1, n_inner: 1e12 })), SizeLimitError, "n_inner", 1e12);
  refuses(() => new DistilBertModel(new DistilBertConfig({ dim: 1e6, n_heads: 1 })), SizeLimitError, "dim", 1e6);
  // a SizeLimitError is a RangeError, as the allocation's own error would have been
  assert.throws(() => new BertModel(new BertConfig({ ...tiny, vocab_size: 1e12 })), RangeError);
});

test("num_labels too large for its label names, and a pad_token_id outside the vocabulary, are refused", () => {
  refuses(() => new BertConfig({ num_labels: 1e9 }), SizeLimitError, "num_labels", 1e9);
  refuses(() => new BertConfig({ num_labels: -1 }), ConfigFieldError, "num_labels", -1);
  const config = new BertConfig();
  assert.throws(() => (config.num_labels = 2 ** 40), SizeLimitError);
  assert.throws(() => new BertModel(new BertConfig({ ...tiny, pad_token_id: 20 })), (err: Error) => err instanceof RangeError && /padding_idx 20/.test(err.message) && /vocab_size/.test(err.message));
  assert.ok(new BertModel(new BertConfig({ ...tiny, pad_token_id: 19 })) instanceof BertModel);
});

test("the model limit is TLAB_MAX_MODEL_BYTES", () => {
  const config = new BertConfig(tiny);
  process.env.TLAB_MAX_MODEL_BYTES = "1000";
  try {
    assert.throws(() => new BertModel(config), (err: Error) => err instanceof SizeLimitError && /TLAB_MAX_MODEL_BYTES/.test(err.message));
  } finally {
    delete process.env.TLAB_MAX_MODEL_BYTES;
  }
  assert.ok(new BertModel(config) instanceof BertModel);
});

test("modules and tensors built directly check their shapes too", () => {
  assert.throws(() => new Linear(1e6, 1e6), SizeLimitError);
  assert.throws(() => new Linear(-4, 2), SizeLimitError);
  assert.throws(() => new Linear(2.5, 2), SizeLimitError);
  assert.throws(() => Tensor.zeros([1e6, 1e6]), SizeLimitError);
  assert.throws(() => Tensor.zeros([-1, 3]), (err: Error) => err instanceof SizeLimitError && /non-negative integers/.test(err.message));
  assert.throws(() => Tensor.zeros([NaN]), SizeLimitError);
  assert.deepEqual(Tensor.zeros([2, 3]).shape, [2, 3]);
});

test("types and ranges of config fields are checked, also after assignment and from config.json", () => {
  const wrong: [Record<string, unknown>, string, unknown][] = [
    [{ num_hidden_layers: -1 }, "num_hidden_layers", -1],
    [{ num_hidden_layers: 2.5 }, "num_hidden_layers", 2.5],
    [{ hidden_size: "768" }, "hidden_size", "768"],
    [{ hidden_size: 0 }, "hidden_size", 0],
    [{ num_attention_heads: NaN }, "num_attention_heads", NaN],
    [{ vocab_size: Infinity }, "vocab_size", Infinity],
    [{ vocab_size: null }, "vocab_size", null],
    [{ hidden_dropout_prob: 1.5 }, "hidden_dropout_prob", 1.5],
    [{ attention_probs_dropout_prob: -0.1 }, "attention_probs_dropout_prob", -0.1],
    [{ layer_norm_eps: 0 }, "layer_norm_eps", 0],
    [{ output_hidden_states: "yes" }, "output_hidden_states", "yes"],
    [{ pad_token_id: 0.5 }, "pad_token_id", 0.5],
    [{ max_length: -3 }, "max_length", -3],
  ];
  for (const [kwargs, field, value] of wrong) refuses(() => new BertConfig(kwargs), ConfigFieldError, field, value);
  refuses(() => new GPT2Config({ n_layer: -2 }), ConfigFieldError, "n_layer", -2);
  refuses(() => new GPT2Config({ num_hidden_layers: -2 }), ConfigFieldError, "n_layer", -2); // through the alias
  refuses(() => new DistilBertConfig({ n_layers: -1 }), ConfigFieldError, "n_layers", -1);
  refuses(() => new GPT2Config({ n_inner: 0 }), ConfigFieldError, "n_inner", 0);
  assert.equal(new GPT2Config({ n_inner: null }).n_inner, null);
  assert.equal(new BertConfig({ classifier_dropout: null }).classifier_dropout, null);
  assert.equal(new BertConfig({ num_hidden_layers: 0 }).num_hidden_layers, 0);

  // changed after the config was built: checked when the model is built
  const config = new BertConfig(tiny);
  config.num_hidden_layers = -3;
  refuses(() => new BertModel(config), ConfigFieldError, "num_hidden_layers", -3);
  const updated = new BertConfig(tiny);
  updated.update({ hidden_size: -8 });
  refuses(() => new BertModel(updated), ConfigFieldError, "hidden_size", -8);
});

test("config.json with a negative layer count or a huge size fails to load clearly", async () => {
  const dir = scratchDir("config-hostile");
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "bert", ...tiny, num_hidden_layers: -2 }));
  await assert.rejects(AutoConfig.from_pretrained(dir), (err: Error) => err instanceof ConfigFieldError && /num_hidden_layers/.test(err.message) && /-2/.test(err.message));
  await assert.rejects(AutoModel.from_pretrained(dir), ConfigFieldError);
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "gpt2", n_embd: 8, n_head: 2, n_layer: 1e9 }));
  const started = Date.now();
  const config = await AutoConfig.from_pretrained(dir);
  assert.throws(() => AutoModelForCausalLM.from_config(config), (err: Error) => err instanceof SizeLimitError && (err as SizeLimitError).field === "n_layer");
  assert.ok(Date.now() - started < 2000);
});

test('model_type "__proto__" and other names that are not own keys are refused clearly', async () => {
  const dir = scratchDir("config-model-type");
  for (const modelType of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
    assert.throws(() => AutoConfig.for_model(modelType), (err: Error) => {
      assert.ok(err instanceof ConfigError, `${modelType}: ${err.name}: ${err.message}`);
      assert.match(err.message, /Unrecognized model_type/);
      assert.ok(err.message.includes(modelType));
      return true;
    });
    fs.writeFileSync(path.join(dir, "config.json"), `{"model_type": ${JSON.stringify(modelType)}, "hidden_size": 8}`);
    await assert.rejects(AutoConfig.from_pretrained(dir), (err: Error) => err instanceof ConfigError && /Unrecognized model_type/.test(err.message));
    await assert.rejects(AutoModel.from_pretrained(dir), (err: Error) => err instanceof ConfigError && /Unrecognized model_type/.test(err.message));
  }
});

test("config keys that would replace the prototype or a method are refused; others stay plain attributes", () => {
  // a "__proto__" key as JSON.parse makes it: an own property, which must not become the prototype
  const withProto = JSON.parse('{"__proto__": {"hidden_size": 5, "to_dict": null}, "hidden_size": 8}');
  assert.throws(() => new BertConfig(withProto), (err: Error) => err instanceof ConfigFieldError && /"__proto__"/.test(err.message));
  for (const key of ["to_dict", "constructor", "validate", "toString", "use_return_dict", "model_type"]) {
    if (key === "model_type") continue; // a config.json key on purpose, dropped in favour of the class's
    assert.throws(() => new BertConfig({ [key]: 1 }), (err: Error) => err instanceof ConfigFieldError && err.message.includes(`"${key}"`), key);
    const config = new BertConfig();
    assert.throws(() => config.update({ [key]: 1 }), ConfigFieldError, key);
  }
  const config = new BertConfig({ model_type: "bert", my_custom_flag: 3, num_labels: 4 });
  assert.equal(config.my_custom_flag, 3);
  assert.equal(config.num_labels, 4);
  assert.ok(config instanceof BertConfig);
  config.update({ num_labels: 5 });
  assert.equal(config.num_labels, 5);
  assert.equal(Object.getPrototypeOf(config), BertConfig.prototype);
});
