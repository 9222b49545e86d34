// Every pipeline task on small random-weight models saved with save_pretrained next to the real
// BERT and GPT-2 vocabularies: Python's output shapes, and numbers that agree with running the
// tokenizer and model by hand.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import {
  AutoModelForQuestionAnswering,
  BertConfig,
  BertForMaskedLM,
  BertForQuestionAnswering,
  BertForSequenceClassification,
  BertForTokenClassification,
  BertModel,
  GPT2Config,
  GPT2LMHeadModel,
} from "../../src/models";
import { AutoTokenizer } from "../../src/tokenization";
import { defaultModelTable, pipeline, PipelineException } from "../../src/pipelines";
import { softmax } from "../../src/pipelines/math";
import { hf5WeightsDir, hfReference, repoRoot, scratchDir } from "../helpers/paths";

const assets = path.join(hfReference, "tokenizers", "assets");
let root: string;

function copyTokenizer(name: string, dir: string): void {
  for (const file of fs.readdirSync(path.join(assets, name))) fs.copyFileSync(path.join(assets, name, file), path.join(dir, file));
}

const tinyBert = (extra: Record<string, unknown> = {}) =>
  new BertConfig({ vocab_size: 30522, hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 37, max_position_embeddings: 128, ...extra });

/** Saves a model with the uncased BERT tokenizer beside it and returns the folder. */
async function saveBert(name: string, model: { save_pretrained(dir: string): Promise<unknown> }): Promise<string> {
  const dir = path.join(root, name);
  await model.save_pretrained(dir);
  copyTokenizer("bert-base-uncased", dir);
  return dir;
}

const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("pipelines on tiny saved models", () => {
  const dirs: Record<string, string> = {};
  before(async () => {
    root = scratchDir("pipelines");
    process.env.HF_HUB_OFFLINE = "1"; // everything here is local
    dirs.seqcls = await saveBert("seqcls", new BertForSequenceClassification(tinyBert({ id2label: { 0: "NEGATIVE", 1: "POSITIVE" } })));
    dirs.mlm = await saveBert("mlm", new BertForMaskedLM(tinyBert()));
    dirs.base = await saveBert("base", new BertModel(tinyBert()));
    dirs.ner = await saveBert(
      "ner",
      new BertForTokenClassification(tinyBert({ id2label: { 0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC" } })),
    );
    dirs.qa = await saveBert("qa", new BertForQuestionAnswering(tinyBert()));
    const gpt2 = new GPT2LMHeadModel(new GPT2Config({ vocab_size: 50257, n_embd: 32, n_layer: 2, n_head: 2, n_positions: 128 }));
    dirs.gpt2 = path.join(root, "gpt2");
    await gpt2.save_pretrained(dirs.gpt2);
    copyTokenizer("gpt2", dirs.gpt2);
  });

  test("text-classification: [{label, score}] that match the model's softmax", async () => {
    const classifier = await pipeline("sentiment-analysis", { model: dirs.seqcls });
    const text = "We are very happy to include pipeline into this course.";
    const result = await classifier(text);
    assert.equal(result.length, 1);
    assert.deepEqual(Object.keys(result[0]).sort(), ["label", "score"]);

    const tokenizer = await AutoTokenizer.from_pretrained(dirs.seqcls);
    const model = await BertForSequenceClassification.from_pretrained(dirs.seqcls);
    const logits = (await model(tokenizer(text, { return_tensors: "pt" }) as any)).logits.tolist()[0] as number[];
    const probs = softmax(logits);
    const best = probs[0] > probs[1] ? 0 : 1;
    assert.equal(result[0].label, ["NEGATIVE", "POSITIVE"][best]);
    close(result[0].score, probs[best]);

    const batch = await classifier(["I love it.", "I hate it.", "Tuesday."]);
    assert.equal(batch.length, 3);
    for (const r of batch) assert.ok(typeof r.label === "string" && r.score >= 0.5 && r.score <= 1);

    // a loaded model object: its tokenizer comes from the folder it was loaded from
    // (a model's repeated eval calls run a session with its weights prepacked, whose float32
    // rounding may differ in the last bits from the first call's)
    const sameAsResult = (r: any[]) => {
      assert.equal(r.length, 1);
      assert.equal(r[0].label, result[0].label);
      close(r[0].score, result[0].score);
    };
    const fromObject = await pipeline("sentiment-analysis", { model });
    sameAsResult(await fromObject(text));
    const withTokenizer = await pipeline("sentiment-analysis", { model, tokenizer });
    sameAsResult(await withTokenizer(text));

    // batch_size pads several texts into one model call; the scores stay those of one-by-one calls
    const texts = ["I love it.", "I hate it, it is the worst thing I have ever bought.", "Tuesday.", text, "Fine."];
    const oneByOne = await classifier(texts);
    const batched = await classifier(texts, { batch_size: 2 });
    assert.deepEqual(batched.map((r: any) => r.label), oneByOne.map((r: any) => r.label));
    batched.forEach((r: any, i: number) => close(r.score, oneByOne[i].score));

    const all = await classifier(text, { top_k: null });
    assert.deepEqual(all.map((r: any) => r.label).sort(), ["NEGATIVE", "POSITIVE"]);
    close(all[0].score + all[1].score, 1);
    assert.ok(all[0].score >= all[1].score);
    const legacyAll = await classifier(text, { return_all_scores: true });
    assert.deepEqual(legacyAll[0].map((r: any) => r.label), ["NEGATIVE", "POSITIVE"]);
    const allBatch = await classifier([text, text], { top_k: 1 });
    assert.ok(Array.isArray(allBatch[0]) && allBatch[0].length === 1);
  });

  test("fill-mask: top_k candidates with score, token, token_str and the filled sequence", async () => {
    const unmasker = await pipeline("fill-mask", { model: dirs.mlm });
    const results = await unmasker("Paris is the [MASK] of France.", { top_k: 3 });
    assert.equal(results.length, 3);
    for (const r of results) {
      assert.deepEqual(Object.keys(r).sort(), ["score", "sequence", "token", "token_str"]);
      assert.ok(Number.isInteger(r.token));
      assert.ok(r.sequence.startsWith("paris is the "), r.sequence);
      assert.ok(!r.sequence.includes("[CLS]") && !r.sequence.includes("[MASK]"));
    }
    assert.ok(results[0].score >= results[1].score && results[1].score >= results[2].score);
    assert.equal((await unmasker("Paris is the [MASK] of France.")).length, 5, "default top_k is 5");

    const targeted = await unmasker("Paris is the [MASK] of France.", { targets: ["capital", "city"] });
    assert.deepEqual(targeted.map((r: any) => r.token_str).sort(), ["capital", "city"]);

    const two = await unmasker("The [MASK] sat on the [MASK].", { top_k: 2 });
    assert.equal(two.length, 2);
    assert.ok(two.every((perMask: any[]) => perMask.length === 2 && perMask[0].sequence.includes("[CLS]")));
    await assert.rejects(unmasker("No mask here."), PipelineException);
  });

  test("feature-extraction: [1][tokens][hidden] per text", async () => {
    const extractor = await pipeline("feature-extraction", dirs.base); // Python's positional model
    const features = await extractor("Hello world");
    assert.equal(features.length, 1);
    assert.equal(features[0].length, 4); // [CLS] hello world [SEP]
    assert.equal(features[0][0].length, 32);
    const batch = await extractor(["a", "b c"]);
    assert.deepEqual(batch.map((f: number[][][]) => f[0].length), [3, 4]);
    const tensor = await extractor("Hello world", { return_tensors: true });
    assert.deepEqual(tensor.shape, [1, 4, 32]);
  });

  test("token-classification: entities whose offsets slice back to the words of the text", async () => {
    const text = "My name is Wolfgang and I live in Berlin, Germany.";
    const words = new Set(text.match(/\w+|[^\w\s]/g));
    const ner = await pipeline("ner", { model: dirs.ner, ignore_labels: [] });
    const tokens = await ner(text);
    assert.ok(tokens.length >= 12);
    for (const t of tokens) {
      assert.deepEqual(Object.keys(t).sort(), ["end", "entity", "index", "score", "start", "word"]);
      assert.equal(text.slice(t.start, t.end).toLowerCase(), t.word.replace(/^##/, ""));
    }
    assert.deepEqual(tokens.map((t: any) => t.index), tokens.map((_: unknown, i: number) => i + 1));

    for (const strategy of ["simple", "first", "average", "max"] as const) {
      const groups = await ner(text, { aggregation_strategy: strategy });
      assert.ok(groups.length > 0, strategy);
      for (const g of groups) {
        assert.deepEqual(Object.keys(g).sort(), ["end", "entity_group", "score", "start", "word"]);
        const span = text.slice(g.start, g.end);
        assert.equal(span.toLowerCase().replace(/\s+/g, " "), g.word.replace(/ ([,.])/g, "$1"), `${strategy}: "${span}" vs "${g.word}"`);
        if (strategy !== "simple") {
          // whole words: the span starts and ends at word boundaries
          for (const piece of span.match(/\w+|[^\w\s]/g) ?? []) assert.ok(words.has(piece), `${strategy}: ${piece}`);
        }
      }
    }
    assert.deepEqual(await ner(text, { grouped_entities: true }), await ner(text, { aggregation_strategy: "simple" }));
    const filtered = await pipeline("token-classification", { model: dirs.ner });
    assert.ok((await filtered(text)).every((t: any) => t.entity !== "O"));
  });

  test("question-answering: an answer that is a slice of the context, also over several windows", async () => {
    const qa = await pipeline("question-answering", { model: dirs.qa });
    const context = "The Brown corpus was compiled at Brown University in 1961 and holds about one million words.";
    const answer = await qa({ question: "Where was the corpus compiled?", context });
    assert.deepEqual(Object.keys(answer).sort(), ["answer", "end", "score", "start"]);
    assert.equal(answer.answer, context.slice(answer.start, answer.end));
    assert.ok(answer.score > 0 && answer.score <= 1);
    assert.deepEqual(await qa("Where was the corpus compiled?", context), answer);

    const top = await qa({ question: "When?", context }, { top_k: 3 });
    assert.equal(top.length, 3);
    assert.ok(top[0].score >= top[1].score && top[1].score >= top[2].score);

    const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} talks about the weather in town ${i}.`).join(" ");
    const windows = await qa({ question: "What is the weather?", context: long }, { max_seq_len: 32, doc_stride: 8, top_k: 5 });
    assert.equal(windows.length, 5);
    for (const a of windows) assert.equal(a.answer, long.slice(a.start, a.end));
    assert.ok(windows.some((a: any) => a.start > 200), "answers come from later windows too");
    assert.ok(Array.isArray(await qa([{ question: "Who?", context }, { question: "What?", context }])));
  });

  test("question-answering with a DistilBERT checkpoint (no token types), the model the missing-default hint names", async () => {
    await assert.rejects(pipeline("question-answering"), (err: Error) => {
      const hinted = /\{ model: "([^"]+)" \}/.exec(err.message)?.[1];
      assert.ok(hinted?.startsWith("distilbert-"), `the hint names ${hinted}`);
      assert.ok("distilbert" in AutoModelForQuestionAnswering.model_mapping, "the hinted model's type loads for question answering");
      return true;
    });
    const qa = await pipeline("question-answering", {
      model: hf5WeightsDir("shared/fixtures/hf5-reference/models/distilbert-qa"),
      tokenizer: path.join(repoRoot, "models", "bert-base-uncased"),
    });
    assert.equal(qa.model.constructor.name, "DistilBertForQuestionAnswering");
    const context = "Marie Curie was born in Warsaw and worked in Paris.";
    const answer = await qa({ question: "Where was she born?", context });
    assert.equal(answer.answer, context.slice(answer.start, answer.end));
    assert.ok(answer.score > 0 && answer.score <= 1);
  });

  test("text-generation: [{generated_text}] continuing the prompt", async () => {
    const generator = await pipeline("text-generation", { model: dirs.gpt2 });
    const prompt = "In this course, we will teach you how to";
    const [out] = await generator(prompt, { max_new_tokens: 5 });
    assert.deepEqual(Object.keys(out), ["generated_text"]);
    assert.ok(out.generated_text.startsWith(prompt));
    const tokenizer = await AutoTokenizer.from_pretrained(dirs.gpt2);
    const promptIds = tokenizer(prompt).input_ids as number[];
    const model = await GPT2LMHeadModel.from_pretrained(dirs.gpt2);
    const greedy = (await model.generate(tokenizer(prompt, { return_tensors: "pt" }).input_ids, { max_new_tokens: 5 })).tolist()[0] as number[];
    assert.equal(out.generated_text, prompt + tokenizer.decode(greedy, { skip_special_tokens: true }).slice(tokenizer.decode(promptIds).length));

    const [continuation] = await generator(prompt, { max_new_tokens: 5, return_full_text: false });
    assert.equal(prompt + continuation.generated_text, out.generated_text);
    const sampled = await generator(prompt, { max_new_tokens: 4, do_sample: true, num_return_sequences: 2 });
    assert.equal(sampled.length, 2);
    const batch = await generator([prompt, "Hello"], { max_new_tokens: 2 });
    assert.ok(Array.isArray(batch[0]) && batch[0][0].generated_text.startsWith(prompt));
  });
});

describe("pipeline() without a model", () => {
  test("each task uses its bundled default and says which; a task without one explains how to pass a model", async () => {
    for (const { task, model, bundled } of defaultModelTable()) {
      if (!bundled) {
        await assert.rejects(pipeline(task), PipelineException, task);
        continue;
      }
      const printed: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void printed.push(args.join(" "));
      try {
        const p = await pipeline(task);
        assert.equal(p.task, task);
      } finally {
        console.log = log;
      }
      assert.deepEqual(printed, [`No model was supplied, defaulted to ${model}.`]);
    }
  });

  test("errors name the fix", async () => {
    await assert.rejects(pipeline("question-answering", { model: undefined }), (err: Error) => {
      assert.ok(err instanceof PipelineException);
      assert.match(err.message, /No model was supplied/);
      assert.match(err.message, /pipeline\("question-answering", \{ model: /);
      return true;
    });
    await assert.rejects(pipeline("translation"), /Unknown task "translation". Supported tasks: .*text-classification/);
    await assert.rejects(pipeline("fill-mask", { model: "x", device: "cuda" }), /CPU|cpu/);
  });
});
