import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { scratchDir } from "../helpers/paths";
import { GPT2Config, GPT2LMHeadModel, GPT2Model, ModelInputError, Tensor } from "../../src";
import { assertClose, modelsDir, reference, referenceInputs, toTensor } from "./reference";

const dir = path.join(modelsDir, "gpt2-lmhead");

test("GPT2LMHeadModel reproduces logits, hidden_states, attentions, past_key_values and loss", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(dir);
  assert.equal(model.loading_info!.missing_keys.length, 0);
  assert.equal(model.loading_info!.unexpected_keys.length, 0);
  const ref = reference("gpt2-lmhead");
  const out = await model({ ...referenceInputs(ref), output_hidden_states: true, output_attentions: true });
  assertClose(out.logits, ref.outputs.logits, "logits");
  ref.outputs.hidden_states.forEach((h: any, i: number) => assertClose(out.hidden_states![i], h, `hidden_states[${i}]`));
  assert.equal(out.hidden_states!.length, ref.outputs.hidden_states.length);
  ref.outputs.attentions.forEach((a: any, i: number) => assertClose(out.attentions![i], a, `attentions[${i}]`, { atol: 1e-5, rtol: 0 }));
  ref.outputs.past_key_values.forEach(([k, v]: any, i: number) => {
    assertClose(out.past_key_values![i][0], k, `past_key_values[${i}].key`);
    assertClose(out.past_key_values![i][1], v, `past_key_values[${i}].value`);
  });
  const withLoss = await model({ ...referenceInputs(ref), labels: toTensor(ref.labels!) });
  assertClose(withLoss.loss, ref.outputs.loss, "loss", { atol: 0, rtol: 1e-4 });
});

test("greedy generate reproduces transformers' tokens, with and without the KV cache", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(dir);
  const ref = reference("gpt2-lmhead").greedy_generate!;
  const cached = await model.generate(toTensor(ref.input_ids), { max_new_tokens: 8, pad_token_id: 0 });
  assert.deepEqual(cached.tolist(), [ref.output_ids.data]);
  const uncached = await model.generate([[11, 22, 33, 44]], { max_new_tokens: 8, pad_token_id: 0, use_cache: false });
  assert.deepEqual(uncached.tolist(), [ref.output_ids.data]);
});

test("sampling is reproducible with a seed and respects top_k = 1", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(dir);
  const a = await model.generate([[11, 22, 33]], { max_new_tokens: 6, do_sample: true, seed: 7, temperature: 1.5, top_p: 0.9 });
  const b = await model.generate([[11, 22, 33]], { max_new_tokens: 6, do_sample: true, seed: 7, temperature: 1.5, top_p: 0.9 });
  assert.deepEqual(a.tolist(), b.tolist());
  const greedy = await model.generate([[11, 22, 33]], { max_new_tokens: 6 });
  const topOne = await model.generate([[11, 22, 33]], { max_new_tokens: 6, do_sample: true, top_k: 1, seed: 3 });
  assert.deepEqual(topOne.tolist(), greedy.tolist());
});

test("GPT2Model loads the head checkpoint without the prefix; save → load keeps outputs", async () => {
  const bare = await GPT2Model.from_pretrained(dir);
  const ref = reference("gpt2-lmhead");
  const out = await bare({ ...referenceInputs(ref), output_hidden_states: true });
  assertClose(out.last_hidden_state, ref.outputs.hidden_states[ref.outputs.hidden_states.length - 1], "last_hidden_state");
  const lm = await GPT2LMHeadModel.from_pretrained(dir);
  const out1 = await lm(referenceInputs(ref));
  const saved = scratchDir("gpt2-roundtrip");
  await lm.save_pretrained(saved);
  const again = await GPT2LMHeadModel.from_pretrained(saved);
  const out2 = await again(referenceInputs(ref));
  assert.deepEqual(Array.from(out2.logits.data as Float32Array), Array.from(out1.logits.data as Float32Array));
});

test("sequences longer than n_positions are refused with advice", async () => {
  const model = new GPT2LMHeadModel(new GPT2Config({ vocab_size: 20, n_embd: 8, n_layer: 1, n_head: 2, n_positions: 4 })).eval();
  await assert.rejects(model({ input_ids: [[1, 2, 3, 4, 5]] }), (e: Error) => e instanceof ModelInputError && /maximum of 4 positions/.test(e.message));
  await assert.rejects(model.generate([[1, 2, 3]], { max_new_tokens: 2 }), (e: Error) => e instanceof ModelInputError && /exceeds/.test(e.message));
  const out = await model.generate(new Tensor(BigInt64Array.from([1n, 2n]), [1, 2], "int64"), { max_new_tokens: 2, eos_token_id: null });
  assert.deepEqual(out.shape, [1, 4]);
});

test("num_return_sequences, repetition_penalty and no_repeat_ngram_size shape the continuations", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(dir);
  const many = await model.generate([[11, 22, 33]], { max_new_tokens: 5, do_sample: true, num_return_sequences: 3, seed: 5 });
  assert.deepEqual(many.shape, [3, 8]);
  for (const row of many.tolist()) assert.deepEqual(row.slice(0, 3), [11, 22, 33]);
  await assert.rejects(model.generate([[11]], { num_return_sequences: 2 }), (e: Error) => /do_sample/.test(e.message));
  // The reference greedy run repeats 368 and 448; forbidding repeated tokens changes that.
  const unique = (await model.generate([[11, 22, 33, 44]], { max_new_tokens: 8, no_repeat_ngram_size: 1 })).tolist()[0];
  assert.equal(new Set(unique).size, unique.length);
  const bigrams = (await model.generate([[11, 22, 33, 44]], { max_new_tokens: 8, no_repeat_ngram_size: 2 })).tolist()[0];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < bigrams.length; i++) {
    const key = `${bigrams[i]},${bigrams[i + 1]}`;
    assert.ok(!seen.has(key), `bigram ${key} repeated`);
    seen.add(key);
  }
  const penalised = (await model.generate([[11, 22, 33, 44]], { max_new_tokens: 8, repetition_penalty: 10 })).tolist()[0];
  assert.notDeepEqual(penalised, reference("gpt2-lmhead").greedy_generate!.output_ids.data);
});
