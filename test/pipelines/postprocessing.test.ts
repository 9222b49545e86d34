// The post-processing steps of token-classification and question-answering, on hand-made scores
// whose right answers follow from transformers' documented algorithm.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EntityAggregator, PreEntity } from "../../src/pipelines/token_classification";
import { bestSpans } from "../../src/pipelines/question_answering";
import { softmax, topk } from "../../src/pipelines/math";

const LABELS = ["O", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
// BERT's convert_tokens_to_string: join with spaces, glue "##" continuations.
const bertTokensToString = (tokens: string[]) => tokens.join(" ").replace(/ ##/g, "").trim();
const aggregator = new EntityAggregator((i) => LABELS[i], bertTokensToString);

/** scores with `p` on label `best` and the rest spread evenly */
function scores(best: number, p = 0.9): number[] {
  return LABELS.map((_, i) => (i === best ? p : (1 - p) / (LABELS.length - 1)));
}

//            0123456789012345678901234567
const TEXT = "Hugging Face is in New York";
function preEntities(): PreEntity[] {
  const tok = (word: string, start: number, end: number, label: number, is_subword = false, p = 0.9): PreEntity => ({
    word,
    start,
    end,
    scores: scores(label, p),
    index: 0,
    is_subword,
  });
  const list = [
    tok("Hu", 0, 2, 1),
    tok("##gging", 2, 7, 0, true, 0.6), // the sub-word disagrees with its word's first token
    tok("Face", 8, 12, 2),
    tok("is", 13, 15, 0),
    tok("in", 16, 18, 0),
    tok("New", 19, 22, 3),
    tok("York", 23, 27, 4),
  ];
  list.forEach((p, i) => (p.index = i + 1)); // index 0 is [CLS]
  return list;
}

describe("token-classification aggregation", () => {
  test("none: one entity per token with its index, word and offsets", () => {
    const result = aggregator.aggregate(preEntities(), "none") as any[];
    assert.equal(result.length, 7);
    assert.deepEqual(result[1], { entity: "O", score: 0.6, index: 2, word: "##gging", start: 2, end: 7 });
    assert.deepEqual(result[5], { entity: "B-LOC", score: 0.9, index: 6, word: "New", start: 19, end: 22 });
  });

  test("simple: tokens grouped by entity type, B- starts a new group", () => {
    const groups = aggregator.aggregate(preEntities(), "simple") as any[];
    assert.deepEqual(
      groups.map((g) => [g.entity_group, g.word, g.start, g.end]),
      [
        ["ORG", "Hu", 0, 2],
        ["O", "##gging", 2, 7], // "O" tokens form groups too; the pipeline drops them with ignore_labels
        ["ORG", "Face", 8, 12],
        ["O", "is in", 13, 18],
        ["LOC", "New York", 19, 27],
      ],
    );
    const loc = groups.find((g) => g.entity_group === "LOC");
    assert.ok(Math.abs(loc.score - 0.9) < 1e-12);
  });

  test("first / average / max: a word takes one label, words are joined into entities", () => {
    const first = aggregator.aggregate(preEntities(), "first") as any[];
    assert.deepEqual(
      first.map((g) => [g.entity_group, g.word, TEXT.slice(g.start, g.end)]),
      [
        ["ORG", "Hugging Face", "Hugging Face"],
        ["O", "is in", "is in"],
        ["LOC", "New York", "New York"],
      ],
    );
    const max = aggregator.aggregate(preEntities(), "max") as any[];
    assert.equal(max[0].entity_group, "ORG"); // 0.9 (B-ORG on "Hu") beats 0.6 (O on "##gging")
    assert.equal(max[0].word, "Hugging Face");

    // average: "Hugging" = mean of Hu (B-ORG .9, O .025) and ##gging (B-ORG .1, O .6): B-ORG .5 beats O .3125
    const average = aggregator.aggregate(preEntities(), "average") as any[];
    assert.equal(average[0].entity_group, "ORG");
    const huggingScore = (0.9 + 0.1) / 2;
    const faceScore = 0.9;
    assert.ok(Math.abs(average[0].score - (huggingScore + faceScore) / 2) < 1e-12);
  });

  test("a label without B-/I- prefix continues the previous group", () => {
    const labels = ["O", "PER"];
    const agg = new EntityAggregator((i) => labels[i], bertTokensToString);
    const pre: PreEntity[] = ["Ada", "Love", "##lace"].map((word, i) => ({
      word,
      scores: [0.1, 0.9],
      start: i * 4,
      end: i * 4 + 3,
      index: i + 1,
      is_subword: word.startsWith("##"),
    }));
    const groups = agg.aggregate(pre, "simple") as any[];
    assert.deepEqual(groups.map((g) => [g.entity_group, g.word]), [["PER", "Ada Lovelace"]]);
  });
});

describe("question-answering span decoding", () => {
  test("picks the best allowed span of bounded length", () => {
    // positions 0..5; 0 is [CLS], 1-2 the question, 3-5 the context
    const allowed = [false, false, false, true, true, true];
    const start = softmax([0, 5, 0, 1, 3, 0]);
    const end = softmax([0, 0, 5, 0, 1, 4]);
    start[0] = end[0] = 0;
    const [best] = bestSpans(start, end, allowed, 1, 15);
    // (1,2) scores highest overall but lies in the question, so nothing comes back for top-1 …
    assert.equal(best, undefined);
    // … and with enough candidates the best allowed span is (4,5)
    const spans = bestSpans(start, end, allowed, 10, 15);
    assert.deepEqual([spans[0].start, spans[0].end], [4, 5]);
    assert.ok(Math.abs(spans[0].score - start[4] * end[5]) < 1e-15);
    // max_answer_len 1 allows single tokens only
    const single = bestSpans(start, end, allowed, 10, 1);
    assert.ok(single.every((s) => s.start === s.end));
  });

  test("topk is stable and ordered", () => {
    assert.deepEqual(topk([0.1, 0.5, 0.5, 0.2], 3), [1, 2, 3]);
    const p = softmax([1000, 1000]);
    assert.deepEqual(p, [0.5, 0.5]);
  });
});
