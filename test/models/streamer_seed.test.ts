// TextStreamer shows generated text while generate() runs: in a notebook one output that grows in
// place, outside one line on stdout; the streamed text is the decoded result. set_seed makes
// sampling reproducible.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { GPT2LMHeadModel, GenerationOptionError, TextStreamer, pipeline, set_seed } from "../../src";
import { AutoTokenizer } from "../../src/tokenization";
import { installKernelBridge, type DisplayContent } from "../../src/display/kernel-bridge";
import { repoRoot } from "../helpers/paths";

const folder = path.join(repoRoot, "models", "gpt2-tiny-brown");
const prompt = "The man said";

/** Runs `fn` with the text written to stdout captured (the test runner's own binary messages pass through). */
async function stdoutOf(fn: () => Promise<unknown>): Promise<string> {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    typeof chunk === "string" ? ((out += chunk), true) : (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

test("TextStreamer prints the prompt and the generated text to stdout as it comes, ending with a newline", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(folder);
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const ids = tokenizer(prompt, { return_tensors: "pt" }).input_ids;
  const streamer = new TextStreamer(tokenizer, { skip_special_tokens: true });
  let generated: number[][] = [];
  const printed = await stdoutOf(async () => (generated = (await model.generate(ids, { max_new_tokens: 10, streamer })).tolist() as number[][]));
  assert.equal(printed, tokenizer.decode(generated[0], { skip_special_tokens: true }) + "\n");

  const skipping = new TextStreamer(tokenizer, { skip_prompt: true, skip_special_tokens: true });
  const continuation = await stdoutOf(() => model.generate(ids, { max_new_tokens: 10, streamer: skipping }));
  assert.equal(continuation, tokenizer.decode(generated[0].slice(ids.shape[1]), { skip_special_tokens: true }) + "\n");
});

test("in a notebook, TextStreamer shows one output and updates it in place as words complete", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(folder);
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const sent: { content: DisplayContent; update: boolean }[] = [];
  installKernelBridge({ publishDisplay: (content, update) => sent.push({ content, update }), clearOutput: () => {} });
  let generated: number[][];
  try {
    const streamer = new TextStreamer(tokenizer, { skip_special_tokens: true });
    generated = (await model.generate(tokenizer(prompt, { return_tensors: "pt" }).input_ids, { max_new_tokens: 12, streamer })).tolist() as number[][];
  } finally {
    installKernelBridge(undefined);
  }
  assert.ok(sent.length > 2, `the output was updated while generating (${sent.length} messages)`);
  assert.equal(sent[0].update, false);
  const id = sent[0].content.transient.display_id;
  assert.ok(id);
  assert.ok(sent.slice(1).every((m) => m.update && m.content.transient.display_id === id), "every later message updates the same display");
  const texts = sent.map((m) => String(m.content.data["text/plain"]));
  texts.slice(1).forEach((t, i) => assert.ok(t.startsWith(texts[i]), "the text only grows"));
  assert.equal(texts[texts.length - 1], tokenizer.decode(generated[0], { skip_special_tokens: true }));
});

test("the text-generation pipeline takes a streamer; beams and batches refuse one", async () => {
  const generator = await pipeline("text-generation", { model: folder });
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const streamer = new TextStreamer(tokenizer, { skip_special_tokens: true });
  let result: { generated_text: string }[] = [];
  const printed = await stdoutOf(async () => (result = await generator(prompt, { max_new_tokens: 8, streamer })));
  assert.equal(printed, result[0].generated_text + "\n");
  const model = await GPT2LMHeadModel.from_pretrained(folder);
  await assert.rejects(model.generate([[330, 460, 553]], { num_beams: 2, max_new_tokens: 2, streamer }), GenerationOptionError);
  await assert.rejects(model.generate([[330, 460], [553, 330]], { max_new_tokens: 2, streamer }), /one prompt/);
  await assert.rejects(model.generate([[330]], { max_new_tokens: 2, streamer: {} as never }), /put\(token_ids\) and end\(\)/);
});

test("set_seed makes sampling reproducible, in generate and in the pipeline", async () => {
  const model = await GPT2LMHeadModel.from_pretrained(folder);
  const ids = [[330, 460, 553]];
  const sample = async () => (await model.generate(ids, { do_sample: true, max_new_tokens: 16 })).tolist();
  set_seed(7);
  const first = await sample();
  const second = await sample();
  set_seed(7);
  assert.deepEqual(await sample(), first, "the same seed gives the same sample");
  assert.deepEqual(await sample(), second, "and the same stream after it");
  assert.notDeepEqual(first, second, "the stream moves on between draws");

  const generator = await pipeline("text-generation", { model: folder });
  set_seed(3);
  const a = await generator(prompt, { do_sample: true, max_new_tokens: 12 });
  set_seed(3);
  assert.deepEqual(await generator(prompt, { do_sample: true, max_new_tokens: 12 }), a);
  assert.throws(() => set_seed(Number.NaN), RangeError);
});
