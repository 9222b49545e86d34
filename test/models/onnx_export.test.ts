import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { BertForSequenceClassification, GPT2LMHeadModel } from "../../src";
import { modelsDir, reference, referenceInputs } from "./reference";

// transformers.js (dev dependency) reads our ONNX export from a local folder, with the Hub switched off.
async function transformersJs() {
  const tjs = await import("@huggingface/transformers");
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  return tjs;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

test("save_pretrained({ onnx: true }) writes onnx/model.onnx that transformers.js runs with the same logits", async () => {
  const model = await BertForSequenceClassification.from_pretrained(path.join(modelsDir, "bert-seqcls-3"));
  const root = scratchDir("onnx-export");
  const dir = path.join(root, "bert-seqcls-3");
  await model.save_pretrained(dir, { onnx: true });
  assert.ok(fs.existsSync(path.join(dir, "onnx", "model.onnx")));
  assert.ok(fs.existsSync(path.join(dir, "config.json")));

  const ref = reference("bert-seqcls-3");
  const ours = await model(referenceInputs(ref));
  const tjs = await transformersJs();
  tjs.env.localModelPath = root + path.sep;
  const theirs = await tjs.AutoModelForSequenceClassification.from_pretrained("bert-seqcls-3", { dtype: "fp32", local_files_only: true } as any);
  const feeds: Record<string, unknown> = {};
  for (const name of ["input_ids", "attention_mask", "token_type_ids"]) {
    const r = ref.inputs[name];
    feeds[name] = new tjs.Tensor("int64", BigInt64Array.from(r.data, (v) => BigInt(v)), r.shape);
  }
  const output = await (theirs as any)(feeds);
  assert.deepEqual(Array.from(output.logits.dims), ours.logits.shape);
  const diff = maxAbsDiff(Array.from(output.logits.data as Float32Array), Array.from(ours.logits.data as Float32Array));
  assert.ok(diff < 1e-5, `max |Δ| ${diff}`);
  await (theirs as any).dispose?.();
});

test("GPT-2's export takes and returns the key/value cache under transformers.js' names", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(path.join(modelsDir, "gpt2-lmhead"));
  const root = scratchDir("onnx-export-gpt2");
  const dir = path.join(root, "gpt2-lmhead");
  await model.save_pretrained(dir, { onnx: true });
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(path.join(dir, "onnx", "model.onnx"));
  assert.ok(session.inputNames.includes("past_key_values.0.key"));
  assert.ok(session.outputNames.includes("present.1.value"));
  assert.ok(session.outputNames.includes("logits"));
  // An empty past (length 0) gives the same logits as our own call.
  const ref = reference("gpt2-lmhead");
  const ours = await model(referenceInputs(ref));
  const feeds: Record<string, any> = {};
  const ids = ref.inputs.input_ids;
  feeds.input_ids = new ort.Tensor("int64", BigInt64Array.from(ids.data, (v) => BigInt(v)), ids.shape);
  feeds.attention_mask = new ort.Tensor("int64", BigInt64Array.from(ref.inputs.attention_mask.data, (v) => BigInt(v)), ids.shape);
  feeds.position_ids = new ort.Tensor("int64", BigInt64Array.from({ length: ids.data.length }, (_, i) => BigInt(i % ids.shape[1])), ids.shape);
  for (let i = 0; i < 2; i++) for (const kv of ["key", "value"]) feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor("float32", new Float32Array(0), [2, 4, 0, 8]);
  const result = await session.run(feeds);
  const diff = maxAbsDiff(Array.from(result.logits.data as Float32Array), Array.from(ours.logits.data as Float32Array));
  assert.ok(diff < 1e-4, `max |Δ| ${diff}`);
  await session.release();

  // transformers.js generates from the export, cache and all, the same greedy tokens as transformers.
  const tjs = await transformersJs();
  tjs.env.localModelPath = root + path.sep;
  const theirs: any = await tjs.AutoModelForCausalLM.from_pretrained("gpt2-lmhead", { dtype: "fp32", local_files_only: true } as any);
  const prompt = new tjs.Tensor("int64", BigInt64Array.from([11n, 22n, 33n, 44n]), [1, 4]);
  const mask = new tjs.Tensor("int64", BigInt64Array.from([1n, 1n, 1n, 1n]), [1, 4]);
  const generated = await theirs.generate({ inputs: prompt, attention_mask: mask, max_new_tokens: 8, do_sample: false, pad_token_id: 0 });
  const expected = ref.greedy_generate!.output_ids.data;
  assert.deepEqual((generated.tolist() as bigint[][])[0].map(Number), expected);
  await theirs.dispose?.();
});
